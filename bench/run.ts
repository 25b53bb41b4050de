/**
 * `npm run bench [-- --quick]`: measures the product where its users feel speed, prints a table of
 * each figure against its target and the absolute times for information, and writes
 * `bench/results.json`. Figures are ratios, counts or sizes measured in this run. Times depend on
 * the machine and are printed for information only, except the API percentiles, whose targets
 * are in ms. The exit code is 0 even when a target is missed (the table says so), 1 only when a
 * measurement crashes.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { format, resolveConfig } from 'prettier';

import { measureApiLatency, type ApiLatencyBench } from './api-latency';
import { ensurePaneBuild, measureBundle, measureFirstRender } from './pane';
import type { BundleSize, FirstRender } from './pane';
import { measureEngine, type EngineBench } from './engine';
import { measureWordSyncs, type WordSyncBench } from './word-syncs';

type Target = { measure: string; op: '≥' | '≤'; limit: number; unit: string };

const TARGETS: readonly Target[] = [
  { measure: 'vsDocxtemplater', op: '≥', limit: 3, unit: '×' },
  { measure: 'vsRezipFloor', op: '≤', limit: 2, unit: '×' },
  { measure: 'memoryGrowthRatio', op: '≤', limit: 1.3, unit: '×' },
  { measure: 'syncsPerLetter', op: '≤', limit: 3, unit: '' },
  { measure: 'bundleGzipKB', op: '≤', limit: 300, unit: 'KB' },
  { measure: 'searchP95Ms', op: '≤', limit: 50, unit: 'ms' },
  { measure: 'batch100P95Ms', op: '≤', limit: 150, unit: 'ms' },
];

type Results = {
  date: string;
  quick: boolean;
  machine: { node: string; cpu: string; cores: number; platform: string; totalMemoryMb: number };
  targets: Record<string, string>;
  figures: Record<string, number | null>;
  engine: EngineBench | null;
  wordSyncs: WordSyncBench | null;
  pane: { bundle: BundleSize | null; firstRender: FirstRender | null };
  api: ApiLatencyBench | null;
  /** Measurements not made, with the reason; a crash also sets the exit code to 1. */
  notMeasured: Record<string, string>;
};

const RESULTS_FILE = path.join(__dirname, 'results.json');

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const quick = process.argv.slice(2).includes('--quick');
  const cpus = os.cpus();
  const results: Results = {
    date: new Date().toISOString(),
    quick,
    machine: {
      node: process.version,
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    },
    targets: Object.fromEntries(TARGETS.map((t) => [t.measure, `${t.op} ${t.limit}`])),
    figures: Object.fromEntries(TARGETS.map((t) => [t.measure, null])),
    engine: null,
    wordSyncs: null,
    pane: { bundle: null, firstRender: null },
    api: null,
    notMeasured: {},
  };
  say(`Opisto Relances benchmarks${quick ? ' (--quick: smaller counts)' : ''}`);
  say(`${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}`);

  let crashed = false;
  const step = async (name: string, measure: () => Promise<void>): Promise<void> => {
    say(`… ${name}`);
    try {
      await measure();
    } catch (error) {
      crashed = true;
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.notMeasured[name] = `crashed: ${reason}`;
      process.stderr.write(`${name}: measurement crashed\n${reason}\n`);
    }
  };

  await step('engine', () => measureEngineStep(results, quick));
  await step('word syncs', async () => {
    results.wordSyncs = await measureWordSyncs();
    results.figures.syncsPerLetter = results.wordSyncs.syncsPerLetter;
  });
  await step('pane bundle', async () => {
    ensurePaneBuild();
    results.pane.bundle = measureBundle();
    results.figures.bundleGzipKB = results.pane.bundle.bundleGzipKB;
  });
  await step('pane first render', async () => {
    results.pane.firstRender = await measureFirstRender({ quick });
  });
  await step('api latency', async () => {
    results.api = await measureApiLatency({ quick });
    results.figures.searchP95Ms = results.api.search.p95Ms;
    results.figures.batch100P95Ms = results.api.batch100.p95Ms;
  });

  printTable(results);
  printInformation(results);
  await writeResults(results);
  return crashed ? 1 : 0;
}

async function measureEngineStep(results: Results, quick: boolean): Promise<void> {
  const engine = await measureEngine({ quick });
  results.engine = engine;
  results.figures.vsDocxtemplater = engine.vsDocxtemplater;
  results.figures.vsRezipFloor = engine.vsRezipFloor;
  results.figures.memoryGrowthRatio = engine.memoryGrowthRatio;
}

function meets(target: Target, value: number): boolean {
  return target.op === '≥' ? value >= target.limit : value <= target.limit;
}

function printTable(results: Results): void {
  const rows = TARGETS.map((target) => {
    const value = results.figures[target.measure];
    const shown =
      value === null || value === undefined ? 'not measured' : `${round(value)} ${target.unit}`;
    const verdict = value === null || value === undefined ? '–' : meets(target, value) ? '✓' : '✗';
    return [
      target.measure,
      shown.trim(),
      `${target.op} ${target.limit} ${target.unit}`.trim(),
      verdict,
    ];
  });
  const header = ['measure', 'value', 'target', ''];
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  say();
  for (const row of [header, ...rows]) {
    say(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

function printInformation(results: Results): void {
  say();
  say('For information (absolute times depend on the machine):');
  for (const entry of results.engine?.throughput ?? []) {
    say(
      `  engine, ${plural(entry.letters, 'letter')}: ` +
        `${round(entry.oursPerSecond)} letters/s ours, ` +
        `${round(entry.docxtemplaterPerSecond)} docxtemplater; ${round(entry.oursMs)} ms ours, ` +
        `${round(entry.floorMs)} ms re-zip floor`,
    );
  }
  for (const entry of results.engine?.memory ?? []) {
    say(
      `  engine, ${plural(entry.letters, 'letter')} to disk: peak RSS ${round(entry.peakRssMb)} MB`,
    );
  }
  if (results.engine) {
    say(
      `  engine's own memory (1-letter peak taken off): ` +
        `${round(results.engine.engineMemoryGrowthRatio)} × from 1,000 to 5,000 letters`,
    );
  }
  const slowest = [...(results.wordSyncs?.cases ?? [])].sort((a, b) => b.fakeMs - a.fakeMs)[0];
  if (slowest) {
    say(
      `  Word.js on the fake, slowest case (${slowest.fields} fields, ${slowest.rows} rows): ` +
        `${round(slowest.fakeMs)} ms per letter, ${slowest.syncs} syncs`,
    );
  }
  const render = results.pane.firstRender;
  if (render) {
    say(`  pane first render, median of ${render.runs}: ${round(render.medianMs)} ms`);
  }
  const api = results.api;
  if (api) {
    say(
      `  API on ${api.debtors} debtors: search p50 ${round(api.search.p50Ms)} ms, ` +
        `batch of 100 p50 ${round(api.batch100.p50Ms)} ms (${api.search.requests} requests each)`,
    );
  }
  for (const [name, reason] of Object.entries(results.notMeasured)) {
    say(`  ${name}: ${reason.split('\n')[0] ?? ''}`);
  }
}

async function writeResults(results: Results): Promise<void> {
  // Formatted as Prettier would, so that `prettier --check` stays clean on the bench folder.
  const options = (await resolveConfig(RESULTS_FILE)) ?? {};
  const text = await format(JSON.stringify(results), { ...options, parser: 'json' });
  writeFileSync(RESULTS_FILE, text);
  say();
  say(`Written: ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Three significant digits at most, for a table a person reads; results.json keeps them all. */
function round(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) {
    return String(value);
  }
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
