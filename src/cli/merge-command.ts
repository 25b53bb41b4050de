/**
 * `opisto-relances merge`: one letter per client record, or all of them in one document. Records
 * come from a JSON file (--data) or from the Opisto API (--api with the search filters).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

import { parseClientRecord } from '../api/parse-record';
import type { ClientRecord } from '../api/record';
import {
  buildLetterValues,
  fullName,
  isCalendarDate,
  MergeError,
  localCalendarDate,
  renderLetter,
  renderSingleDocument,
  summarizeTemplate,
  type CompiledTemplate,
  type LetterValues,
} from '../merge';
import { LetterFileNames } from '../merge/file-names';
import { RunLog, type LogFields } from './log';
import { startProgress } from './progress';
import { readTemplate, UsageError } from './read-inputs';
import {
  apiSource,
  fileSource,
  type ApiSourceOptions,
  type RecordSource,
  type UnavailableClient,
} from './record-source';
import { describeUnknownWord, writeReport, type LetterOutcome, type MergeReport } from './report';

export type MergeOptions = Partial<ApiSourceOptions> & {
  template: string;
  data?: string;
  out: string;
  date?: string;
  single?: boolean;
  report?: string;
};

/** Runs a merge; returns the exit code: 0 all written, 1 some failed. */
export async function runMerge(options: MergeOptions): Promise<number> {
  const letterDate = checkDate(options.date);
  const template = readTemplate(options.template);
  const outDir = createOutDir(options.out);
  const log = new RunLog(join(outDir, 'opisto-relances.log'));
  const source = await openSource(options, log);
  const templateName = basename(options.template, extname(options.template));

  log.write('info', 'merge_start', { template: options.template, records: source.total });
  if (source.total === 0) {
    console.log('Aucun client ne correspond à ces critères : aucun courrier écrit.');
    return 0;
  }
  if (template.words.length === 0) {
    console.warn(
      'Attention : le modèle ne contient aucun champ opisto…, donc tous les courriers seront ' +
        'identiques. Vérifiez le modèle avec la commande check.',
    );
  }
  const run: MergeRun = { template, source, letterDate, outDir, templateName, log };
  const outcomes = options.single ? await mergeIntoOne(run) : await mergeEach(run);

  const report = buildReport(options, template, letterDate, outcomes);
  if (options.report) {
    writeReport(options.report, report);
  }
  printSummary(report, outDir);
  log.write('info', 'merge_end', { written: report.written, failed: report.failed });
  return report.failed === 0 ? 0 : 1;
}

function openSource(options: MergeOptions, log: RunLog): Promise<RecordSource> {
  if (options.data !== undefined && options.api !== undefined) {
    throw new UsageError(
      'indiquez soit --data (un fichier), soit --api (le serveur), pas les deux.',
    );
  }
  if (options.data !== undefined) {
    return Promise.resolve(fileSource(options.data));
  }
  if (options.api !== undefined) {
    return apiSource({ ...options, api: options.api }, log);
  }
  throw new UsageError(
    'indiquez d’où viennent les clients : --data clients.json, ou --api https://… avec la clé.',
  );
}

function checkDate(date: string | undefined): string {
  if (date === undefined) {
    return localCalendarDate(new Date());
  }
  if (!isCalendarDate(date)) {
    throw new UsageError(
      `--date : date invalide « ${date} ». Indiquez une date réelle au format AAAA-MM-JJ, ` +
        'par exemple 2026-12-04.',
    );
  }
  return date;
}

function createOutDir(path: string): string {
  const outDir = resolve(path);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const reason =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'un fichier porte déjà ce nom'
        : code === 'EACCES' || code === 'EPERM'
          ? 'accès refusé'
          : `création impossible (${code})`;
    throw new UsageError(
      `${outDir} : ce dossier de sortie ne peut pas être créé, ${reason}. ` +
        'Indiquez un autre dossier, où vous pouvez écrire.',
    );
  }
  return outDir;
}

type Prepared = { index: number; clientId: string; clientName: string } & (
  | { ok: true; record: ClientRecord; values: LetterValues }
  | { ok: false; problems: readonly string[] }
);

function prepare(input: unknown, index: number, letterDate: string): Prepared {
  const parsed = parseClientRecord(input);
  if (!parsed.ok) {
    const clientName = guessClientName(input);
    return { index, clientId: guessClientId(input, index), clientName, ...parsed };
  }

  const client = parsed.record.client;
  const base = { index, clientId: client.id, clientName: fullName(client) };
  try {
    const values = buildLetterValues(parsed.record, letterDate);
    return { ...base, ...parsed, values };
  } catch (error) {
    if (error instanceof MergeError) {
      return { ...base, ok: false, problems: [error.message] };
    }
    throw error;
  }
}

function guessClientId(input: unknown, index: number): string {
  const client = (input as { client?: { id?: unknown } } | null)?.client;
  return typeof client?.id === 'string' && client.id !== '' ? client.id : `#${index + 1}`;
}

/** Reads the client's name from a record that failed validation, as far as it can. */
function guessClientName(input: unknown): string {
  const client = (input as { client?: Record<string, unknown> } | null)?.client;
  if (client === null || typeof client !== 'object') {
    return '';
  }
  const textOf = (value: unknown) => (typeof value === 'string' ? value : null);
  return fullName({
    id: '',
    companyName: textOf(client.companyName),
    lastName: textOf(client.lastName),
    firstName: textOf(client.firstName),
  });
}

/** The template, records, date, folder and log of one merge run. */
type MergeRun = {
  template: CompiledTemplate;
  source: RecordSource;
  letterDate: string;
  outDir: string;
  templateName: string;
  log: RunLog;
};

async function mergeEach(run: MergeRun): Promise<LetterOutcome[]> {
  const { template, source, letterDate, outDir, templateName, log } = run;
  const names = new LetterFileNames(templateName);
  const progress = startProgress(source.total);
  const outcomes: LetterOutcome[] = [];

  for await (const batch of source.batches) {
    for (const input of batch.records) {
      const prepared = prepare(input, outcomes.length, letterDate);
      outcomes.push(writeOne(template, prepared, names, outDir, log));
      progress.increment();
    }
    for (const client of batch.unavailable) {
      outcomes.push(unavailableOutcome(client, log));
      progress.increment();
    }
  }
  progress.stop();
  return outcomes;
}

function unavailableOutcome(client: UnavailableClient, log: RunLog): LetterOutcome {
  log.write('error', 'record_unavailable', { clientId: client.clientId });
  const { clientId, clientName, reason } = client;
  return { clientId, clientName, file: null, status: 'failed', errors: [reason] };
}

function writeOne(
  template: CompiledTemplate,
  prepared: Prepared,
  names: LetterFileNames,
  outDir: string,
  log: RunLog,
): LetterOutcome {
  const base = { clientId: prepared.clientId, clientName: prepared.clientName };
  if (!prepared.ok) {
    log.write('error', 'record_invalid', { ...base, problems: prepared.problems.join(' | ') });
    return { ...base, file: null, status: 'failed', errors: [...prepared.problems] };
  }

  const file = names.next(prepared.clientName, prepared.clientId);
  try {
    writeAtomically(join(outDir, file), renderLetter(template, prepared.values));
    return { ...base, file, status: 'written', errors: [] };
  } catch (error) {
    log.write('error', 'letter_failed', { ...base, file, ...errorFields(error) });
    return { ...base, file: null, status: 'failed', errors: [describeFailure(error, file)] };
  }
}

/** Describes a failed letter in French: the engine's message, or the system's error code. */
function describeFailure(error: unknown, file: string): string {
  if (error instanceof MergeError) {
    return error.message;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code) {
    return (
      `Le fichier « ${file} » n’a pas pu être écrit (${code}) : ` +
      'vérifiez la place libre et les droits du dossier.'
    );
  }
  return (
    'Erreur interne pendant la fusion : ' +
    'signalez-la à l’équipe Opisto avec opisto-relances.log.'
  );
}

function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: error.name, reason: error.message, stack: error.stack };
  }
  return { reason: String(error) };
}

/** Writes beside the target, then renames, so that no half-written letter is ever left. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const partial = `${path}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
}

async function mergeIntoOne(run: MergeRun): Promise<LetterOutcome[]> {
  const { template, source, letterDate, outDir, templateName, log } = run;
  const prepared: Prepared[] = [];
  const unavailable: LetterOutcome[] = [];
  for await (const batch of source.batches) {
    for (const input of batch.records) {
      prepared.push(prepare(input, prepared.length, letterDate));
    }
    unavailable.push(...batch.unavailable.map((client) => unavailableOutcome(client, log)));
  }

  const valid = prepared.filter((letter) => letter.ok);
  const file = new LetterFileNames(templateName).next('tous les clients', 'tous');
  const outcomes = [...prepared.map((letter) => failedOrPending(letter, log)), ...unavailable];
  if (valid.length === 0) {
    return outcomes;
  }

  try {
    writeAtomically(
      join(outDir, file),
      renderSingleDocument(
        template,
        valid.map((letter) => letter.values),
      ),
    );
    return outcomes.map((outcome) =>
      outcome.status === 'failed' ? outcome : { ...outcome, file },
    );
  } catch (error) {
    log.write('error', 'single_document_failed', { file, ...errorFields(error) });
    const reason = describeFailure(error, file);
    return outcomes.map((outcome) =>
      outcome.status === 'failed' ? outcome : { ...outcome, status: 'failed', errors: [reason] },
    );
  }
}

function failedOrPending(letter: Prepared, log: RunLog): LetterOutcome {
  const base = { clientId: letter.clientId, clientName: letter.clientName };
  if (letter.ok) {
    return { ...base, file: null, status: 'written', errors: [] };
  }
  log.write('error', 'record_invalid', { ...base, problems: letter.problems.join(' | ') });
  return { ...base, file: null, status: 'failed', errors: [...letter.problems] };
}

function buildReport(
  options: MergeOptions,
  template: CompiledTemplate,
  letterDate: string,
  letters: LetterOutcome[],
): MergeReport {
  const summary = summarizeTemplate(template.words);
  const written = letters.filter((letter) => letter.status === 'written').length;

  return {
    template: resolve(options.template),
    letterDate,
    singleDocument: options.single === true,
    written,
    failed: letters.length - written,
    unknownWords: summary.unknown,
    letters,
  };
}

/** Past this many clients with the same reason, they are counted instead of listed. */
const MAX_LISTED_FAILURES = 5;

/** Prints each failed client with its reasons; many clients failing alike make one line. */
function printFailures(failed: readonly LetterOutcome[]): void {
  const byReason = new Map<string, LetterOutcome[]>();
  for (const letter of failed) {
    const reason = letter.errors.join('\n  - ');
    const letters = byReason.get(reason) ?? [];
    letters.push(letter);
    byReason.set(reason, letters);
  }

  for (const [reason, letters] of byReason) {
    if (letters.length > MAX_LISTED_FAILURES) {
      console.error(`Échec pour ${letters.length} clients (liste dans le rapport) :`);
      console.error(`  - ${reason}`);
      continue;
    }
    for (const letter of letters) {
      console.error(`Échec pour le client ${letter.clientId} :`);
      console.error(`  - ${reason}`);
    }
  }
}

function printSummary(report: MergeReport, outDir: string): void {
  for (const word of report.unknownWords) {
    console.warn(`Attention : ${describeUnknownWord(word)}`);
  }
  printFailures(report.letters.filter((letter) => letter.status === 'failed'));

  const plural = report.written > 1 ? 's' : '';
  const singleFile = report.letters.find((letter) => letter.file)?.file;
  if (report.singleDocument && singleFile) {
    console.log(
      `${report.written} courrier${plural} écrit${plural} dans ${join(outDir, singleFile)}`,
    );
  } else {
    console.log(`${report.written} courrier${plural} écrit${plural} dans ${outDir}`);
  }
  if (report.failed > 0) {
    console.log(`${report.failed} client(s) en échec : voir les messages ci-dessus.`);
  }
}
