/**
 * Throughput and memory of the .docx engine, on the "Relance 1er rappel" starter template with a
 * 20-row invoice table.
 *
 * - Throughput: letters per second for 1, 100 and 1,000 letters, for our engine and for
 *   docxtemplater rendering the same letter from an equivalent template, in the same process,
 *   interleaved repetition by repetition so that both see the same machine. The floor is what an
 *   engine that opens the template for each letter cannot avoid: unzipping the template and
 *   zipping it back unchanged, once per letter. Ours goes below it, because it reads the template
 *   once and compresses the parts without field words once (`src/merge/docx/render.ts`).
 * - Memory: peak resident memory of a child process that writes 1, 1,000, then 5,000 letters to
 *   a temporary folder (`engine-memory-child.ts`). It must not grow with the number of letters.
 *   The 1-letter peak is Node, tsx and the modules loaded; without it, the growth of the engine's
 *   own memory is printed too.
 *
 * Every timed letter goes from a validated client record to the bytes of a .docx: building the
 * formatted values (`buildLetterValues`, the same for both engines) and rendering. Both engines
 * deflate at level 6, so neither wins by compressing less.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import Docxtemplater from 'docxtemplater';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import PizZip from 'pizzip';

import { parseClientRecord } from '../src/api/parse-record';
import type { ClientRecord } from '../src/api/record';
import {
  buildLetterValues,
  compileTemplate,
  formatTotal,
  renderLetter,
  type CompiledTemplate,
  type LetterValues,
  type ListTable,
} from '../src/merge';
import type { Segment } from '../src/merge/docx/segments';
import { buildTableXml, SPACER_PARAGRAPH } from '../src/merge/docx/table-xml';
import { escapeXmlText } from '../src/merge/docx/xml';
import { median } from './stats';

export type EngineBench = {
  /** Per letter count (1, 100, 1000): letters/s of both engines, our time and the floor's. */
  throughput: {
    letters: number;
    oursPerSecond: number;
    docxtemplaterPerSecond: number;
    oursMs: number;
    floorMs: number;
  }[];
  /** Our throughput / docxtemplater's, at the largest letter count (1,000 letters). */
  vsDocxtemplater: number;
  /** Our time / the rezip floor's time, at the largest letter count (1,000 letters). */
  vsRezipFloor: number;
  /** 1, 1,000 and 5,000 letters written to disk by a child process: its peak RSS, in MB. */
  memory: { letters: number; peakRssMb: number }[];
  /** peak(5,000) / peak(1,000). */
  memoryGrowthRatio: number;
  /** The same ratio once the 1-letter peak (Node and the modules) is taken off both peaks. */
  engineMemoryGrowthRatio: number;
};

export const TEMPLATE_PATH = path.join(
  __dirname,
  '..',
  'assets',
  'templates',
  'Relance 1er rappel.docx',
);
export const LETTER_DATE = '2024-03-15';
const INVOICE_ROWS = 20;
const LETTER_COUNTS = [1, 100, 1000] as const;
const MEMORY_COUNTS = [1, 1000, 5000] as const;
/** Deflate level of our engine (`writeDocxPackage`), used for the floor and docxtemplater too. */
const DEFLATE_LEVEL = 6;

type ExampleRecord = { client: Record<string, unknown> } & Record<string, unknown>;
const EXAMPLE_RECORD = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'shared', 'spec', 'example-record.json'), 'utf8'),
) as ExampleRecord;

/**
 * Builds the example record with 20 invoices, varied by `index` so that no two letters are alike.
 * Even clients have no second address line, so the engines drop that blank line half the time.
 */
export function benchRecord(index: number): ClientRecord {
  const invoices = Array.from({ length: INVOICE_ROWS }, (_, row) => ({
    number: String(518100000 + index * INVOICE_ROWS + row),
    date: `2018-${monthDay(row)}`,
    dueDate: `2019-${monthDay(row)}`,
    totalCents: 1000 + ((index * 7919 + row * 104729) % 900000),
    paidCents: row % 3 === 0 ? 500 : 0,
  }));
  const input = {
    ...EXAMPLE_RECORD,
    client: {
      ...EXAMPLE_RECORD.client,
      id: `C-${String(index).padStart(6, '0')}`,
      lastName: `Martin-${index}`,
      address2: index % 2 === 0 ? null : `Bâtiment ${index} & annexe`,
      balanceCents: 155412 + index,
    },
    invoices,
  };
  const parsed = parseClientRecord(input);
  if (!parsed.ok) {
    throw new Error(`bench record ${index} is invalid: ${parsed.problems.join('; ')}`);
  }
  return parsed.record;
}

/** "MM-DD" for a row: every month, every day up to the 28th, so every date is valid. */
function monthDay(row: number): string {
  return `${String((row % 12) + 1).padStart(2, '0')}-${String((row % 28) + 1).padStart(2, '0')}`;
}

// --- Our engine ---------------------------------------------------------------------------------

export function compileStarter(): CompiledTemplate {
  return compileTemplate(new Uint8Array(readFileSync(TEMPLATE_PATH)));
}

function renderOurs(compiled: CompiledTemplate, record: ClientRecord): Uint8Array {
  return renderLetter(compiled, buildLetterValues(record, LETTER_DATE));
}

// --- docxtemplater ------------------------------------------------------------------------------

const ROW_TAGS = ['date', 'dueDate', 'number', 'total', 'paid', 'left'] as const;
type DocxtemplaterData = Record<string, unknown>;

/**
 * Rewrites the starter template in docxtemplater's syntax. Each field word becomes `{word}`, and
 * the second address line gets a paragraph condition, so it is dropped when empty as in our engine.
 * The invoice list paragraph becomes the table our engine writes, with one data row looped by
 * `{#invoices}…{/invoices}`: a loop whose tags sit in different cells repeats the table row.
 */
export function docxtemplaterTemplate(compiled: CompiledTemplate): Uint8Array {
  const files = unzipSync(new Uint8Array(readFileSync(TEMPLATE_PATH)));
  const look = listLook(compiled);

  for (const name of Object.keys(files)) {
    if (!/^word\/(document|header\d*|footer\d*)\.xml$/.test(name)) {
      continue;
    }
    let xml = strFromU8(files[name] as Uint8Array);
    xml = xml.replace(/<w:p\b(?:(?!<w:p\b).)*?opistolistefactures.*?<\/w:p>/, () =>
      loopTableXml(look),
    );
    xml = xml.replace(/\bopisto[a-z0-9]+\b/g, (word) =>
      word === 'opistoclientadresse2' ? `{-w:p ${word}}{${word}}{/${word}}` : `{${word}}`,
    );
    files[name] = strToU8(xml);
  }
  return zipSync(files, { level: DEFLATE_LEVEL });
}

function listLook(compiled: CompiledTemplate): Extract<Segment, { kind: 'list' }>['look'] {
  for (const part of compiled.parts) {
    for (const segment of part.segments) {
      if (segment.kind === 'list') {
        return segment.look;
      }
    }
  }
  throw new Error('the starter template has no list field');
}

/** Total that no bench letter has, used to find the total cell in the table XML. */
const TOTAL_SENTINEL_CENTS = 123456789;

function loopTableXml(look: Extract<Segment, { kind: 'list' }>['look']): string {
  const sample = buildLetterValues(benchRecord(0), LETTER_DATE).lists.opistolistefactures;
  const cells = ROW_TAGS.map((tag, index) => {
    const open = index === 0 ? '{#invoices}' : '';
    const close = index === ROW_TAGS.length - 1 ? '{/invoices}' : '';
    return `${open}{${tag}}${close}`;
  });
  const table: ListTable = { ...sample, rows: [cells], totalCents: TOTAL_SENTINEL_CENTS };
  const xml = buildTableXml(table, look) + SPACER_PARAGRAPH;
  const sentinel = escapeXmlText(formatTotal(table));
  if (!xml.includes(sentinel)) {
    throw new Error('cannot find the total row in the docxtemplater table');
  }
  return xml.replace(sentinel, '{total_restant}');
}

/** docxtemplater's data for one letter, from the same formatted values as ours. */
function docxtemplaterData(values: LetterValues): DocxtemplaterData {
  const table = values.lists.opistolistefactures;
  return {
    ...values.text,
    invoices: table.rows.map((row) =>
      Object.fromEntries(ROW_TAGS.map((tag, index) => [tag, row[index] ?? ''])),
    ),
    total_restant: formatTotal(table),
  };
}

function renderDocxtemplater(template: Uint8Array, record: ClientRecord): Uint8Array {
  const doc = new Docxtemplater(new PizZip(template), {
    paragraphLoop: true,
    linebreaks: true,
    errorLogging: false,
  });
  doc.render(docxtemplaterData(buildLetterValues(record, LETTER_DATE)));
  return doc.getZip().generate({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: DEFLATE_LEVEL },
  });
}

// --- Floor --------------------------------------------------------------------------------------

/** Reads the template's zip and writes it back unchanged: the floor of one letter. */
function rezip(template: Uint8Array): Uint8Array {
  return zipSync(unzipSync(template), { level: DEFLATE_LEVEL });
}

// --- Same letter, both engines ------------------------------------------------------------------

/** Extracts the visible text of a letter's body and first header, one line per paragraph. */
export function letterText(docx: Uint8Array): string {
  const files = unzipSync(docx);
  return ['word/header1.xml', 'word/document.xml']
    .map((name) =>
      strFromU8(files[name] as Uint8Array)
        .split(/<\/w:p>/)
        .map((paragraph) =>
          [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
        )
        .filter((text) => text !== '')
        .join('\n'),
    )
    .join('\n---\n');
}

/** Throws when the two engines write different text, for a client with and without address2. */
function checkSameLetters(compiled: CompiledTemplate, theirTemplate: Uint8Array): void {
  for (const index of [0, 1]) {
    const record = benchRecord(index);
    const ours = letterText(renderOurs(compiled, record));
    const theirs = letterText(renderDocxtemplater(theirTemplate, record));
    if (ours !== theirs) {
      throw new Error(`docxtemplater's letter differs from ours:\n${ours}\n=====\n${theirs}`);
    }
  }
}

// --- Timing -------------------------------------------------------------------------------------

type Engine = (record: ClientRecord, index: number) => Uint8Array;

/** Times `records.length` letters made one after the other: wall time in ms. */
function timeLetters(engine: Engine, records: readonly ClientRecord[]): number {
  let bytes = 0;
  const start = performance.now();
  for (let index = 0; index < records.length; index++) {
    bytes += engine(records[index] as ClientRecord, index).length;
  }
  const elapsed = performance.now() - start;
  if (bytes === 0) {
    throw new Error('an engine wrote empty letters');
  }
  return elapsed;
}

/** Repetitions for a letter count: more for short runs, whose times are noisier; always odd. */
function repetitions(letters: number, quick: boolean): number {
  if (letters >= 1000) {
    return quick ? 1 : 5;
  }
  if (letters >= 100) {
    return quick ? 3 : 9;
  }
  return quick ? 11 : 51;
}

type EngineTimes = { ours: number; docxtemplater: number; floor: number };

function measureThroughput(quick: boolean): EngineBench['throughput'] {
  const compiled = compileStarter();
  const theirTemplate = docxtemplaterTemplate(compiled);
  const starter = new Uint8Array(readFileSync(TEMPLATE_PATH));
  checkSameLetters(compiled, theirTemplate);

  const engines: Record<keyof EngineTimes, Engine> = {
    ours: (record) => renderOurs(compiled, record),
    docxtemplater: (record) => renderDocxtemplater(theirTemplate, record),
    floor: () => rezip(starter),
  };
  const records = Array.from({ length: Math.max(...LETTER_COUNTS) }, (_, i) => benchRecord(i));

  // Warm-up: let V8 compile the hot paths of all three before any timing.
  for (const engine of Object.values(engines)) {
    timeLetters(engine, records.slice(0, quick ? 30 : 100));
  }

  return LETTER_COUNTS.map((letters) => {
    const batch = records.slice(0, letters);
    const samples: Record<keyof EngineTimes, number[]> = { ours: [], docxtemplater: [], floor: [] };
    // The engines take turns within each repetition, so a slow spell hits all three alike.
    for (let rep = 0; rep < repetitions(letters, quick); rep++) {
      for (const name of Object.keys(engines) as (keyof EngineTimes)[]) {
        samples[name].push(timeLetters(engines[name], batch));
      }
    }
    const oursMs = median(samples.ours);
    const theirMs = median(samples.docxtemplater);
    return {
      letters,
      oursPerSecond: (letters * 1000) / oursMs,
      docxtemplaterPerSecond: (letters * 1000) / theirMs,
      oursMs,
      floorMs: median(samples.floor),
    };
  });
}

// --- Memory -------------------------------------------------------------------------------------

/** Report printed by `engine-memory-child.ts` as one JSON line; sizes in kB. */
export type MemoryChildReport = { letters: number; maxRssKb: number; vmHwmKb: number | null };

/** Runs a fresh Node process writing `letters` letters to a temporary folder; returns its peak RSS. */
function peakRssOfChild(letters: number): MemoryChildReport {
  const folder = mkdtempSync(path.join(tmpdir(), 'opisto-bench-'));
  try {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'engine-memory-child.ts'), String(letters), folder],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) {
      throw new Error(`memory child failed (${child.status}): ${child.stderr}`);
    }
    const lastLine = child.stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(lastLine) as MemoryChildReport;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function measureMemory(): EngineBench['memory'] {
  return MEMORY_COUNTS.map((letters) => {
    const report = peakRssOfChild(letters);
    // On Linux, VmHWM and maxRSS are the same high-water mark. maxRSS exists on every system.
    const peakKb = report.vmHwmKb ?? report.maxRssKb;
    return { letters, peakRssMb: peakKb / 1024 };
  });
}

// --- Entry point --------------------------------------------------------------------------------

/**
 * Measures the .docx engine. `quick` cuts the repetitions (1,000 letters timed once) but keeps the
 * letter counts, so the figures mean the same and only their noise grows.
 */
export async function measureEngine(options: { quick?: boolean } = {}): Promise<EngineBench> {
  const quick = options.quick ?? false;
  const throughput = measureThroughput(quick);
  const memory = measureMemory();
  const largest = throughput[throughput.length - 1] as EngineBench['throughput'][number];
  const [base, small, large] = memory.map((entry) => entry.peakRssMb) as [number, number, number];

  return {
    throughput,
    vsDocxtemplater: largest.oursPerSecond / largest.docxtemplaterPerSecond,
    vsRezipFloor: largest.oursMs / largest.floorMs,
    memory,
    memoryGrowthRatio: large / small,
    // Floored at 1 MB: when the engine adds next to nothing, the ratio of two tiny numbers is noise.
    engineMemoryGrowthRatio: Math.max(large - base, 1) / Math.max(small - base, 1),
  };
}
