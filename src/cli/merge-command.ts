/**
 * `opisto-relances merge`: one letter per client record, or all of them in one document. Records
 * come from a JSON file (--data) or from the Opisto API (--api with the search filters).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';

import { parseClientRecord } from '../api/parse-record';
import type { Reminder } from '../api/contract';
import type { ClientRecord } from '../api/record';
import {
  buildLetterValues,
  checkBeforeSending,
  fullName,
  hasUnmatchedPayments,
  implausibleLetterDate,
  piecesListed,
  isCalendarDate,
  MergeError,
  localCalendarDate,
  renderLetter,
  renderSingleDocument,
  summarizeTemplate,
  type CompiledTemplate,
  type LeftOutReason,
  type LetterValues,
  formatDate,
  REMINDER_LEVEL_LABELS,
  REMINDER_LEVELS,
  summarizeUnmatched,
  UNMATCHED_WARNING,
  type ReminderLevel,
} from '../merge';
import { LetterFileNames } from '../merge/file-names';
import { RunLog, type LogFields } from './log';
import { addPdfCopies, printPdfCounts, printPdfFailures } from './pdf-letters';
import { recordHistory, type HistoryResult } from './reminder-history';
import { openSource, type SourceOptions } from './source-options';
import {
  resolveMergeSettings,
  warnMissingCreditNotes,
  type MergeSettings,
  type MergeSettingsOptions,
} from './merge-settings';
import { startProgress } from './progress';
import { readTemplate, UsageError } from './read-inputs';
import type { RecordSource, UnavailableClient } from './record-source';
import { describeUnknownWord, writeReport, type LetterOutcome, type MergeReport } from './report';

export type MergeOptions = SourceOptions &
  MergeSettingsOptions & {
    template: string;
    data?: string;
    out: string;
    date?: string;
    single?: boolean;
    /** Writes a PDF beside each letter, with LibreOffice. */
    pdf?: boolean;
    report?: string;
  };

/** Runs a merge; returns the exit code: 0 all written, 1 some letters or PDFs failed. */
export async function runMerge(options: MergeOptions): Promise<number> {
  const letterDate = checkDate(options.date);
  const template = readTemplate(options.template);
  const outDir = createOutDir(options.out);
  const log = new RunLog(join(outDir, 'opisto-relances.log'));
  const source = await openSource(options, log);
  const templateName = basename(options.template, extname(options.template));
  const settings = resolveMergeSettings(options, template, basename(options.template));
  console.log(settings.levelNote);
  warnMissingCreditNotes(options.kinds, settings);

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
  const run: MergeRun = {
    ...{ template, source, letterDate, outDir, templateName, log, settings },
    templateFile: basename(options.template),
    reminders: [],
  };
  const merged = options.single ? await mergeIntoOne(run) : await mergeEach(run);
  const outcomes = options.pdf ? await addPdfCopies(merged, outDir, log) : merged;
  const history = await recordWrittenLetters(run, outcomes, options);

  const report = { ...buildReport(options, run, outcomes), history: history ?? undefined };
  if (options.report) {
    writeReport(options.report, report);
  }
  printSummary(report, outDir, options.report !== undefined);
  printHistory(history);
  log.write('info', 'merge_end', {
    written: report.written,
    failed: report.failed,
    skipped: report.skipped,
    pdfFailed: report.pdfFailed,
  });
  const historyFailed = history !== null && history.error !== null;
  return report.failed === 0 && !report.pdfFailed && !historyFailed ? 0 : 1;
}

/**
 * Records a reminder for each client whose letter was written, when the records came from the
 * API. Returns null when nothing was to be recorded.
 */
async function recordWrittenLetters(
  run: MergeRun,
  outcomes: readonly LetterOutcome[],
  options: MergeOptions,
): Promise<HistoryResult | null> {
  const client = run.source.client;
  const written = new Set(
    outcomes.filter((outcome) => outcome.status === 'written').map((outcome) => outcome.clientId),
  );
  const reminders = run.reminders.filter((reminder) => written.has(reminder.clientId));
  if (!client || options.history === false || reminders.length === 0) {
    return null;
  }
  return recordHistory(client, reminders, run.log);
}

function printHistory(history: HistoryResult | null): void {
  if (history?.error) {
    console.error(history.error);
  } else if (history) {
    console.log(`Historique : ${history.recorded} relance(s) enregistrée(s) dans Opisto.`);
  }
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
  // Only a warning here: a command line may remake the letters of an earlier date on purpose.
  const implausible = implausibleLetterDate(date, localCalendarDate(new Date()));
  if (implausible) {
    console.warn(`Attention : --date : ${implausible}`);
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

/** The option that reverses each check's decision, added to its message. */
const OPTION_FOR_LEFT_OUT: Readonly<Record<LeftOutReason['code'], string | null>> = {
  nothing_due: null,
  below_minimum: '--min-amount',
  unmatched_payments: '--confirm-unmatched',
};

type Prepared = { index: number; clientId: string; clientName: string } & (
  | { ok: true; record: ClientRecord; values: LetterValues }
  | { ok: false; problems: readonly string[]; skipped?: boolean }
);

function prepare(input: unknown, index: number, run: MergeRun): Prepared {
  const { letterDate, settings } = run;
  const parsed = parseClientRecord(input);
  if (!parsed.ok) {
    const clientName = guessClientName(input);
    return { index, clientId: guessClientId(input, index), clientName, ...parsed };
  }

  const client = parsed.record.client;
  const base = { index, clientId: client.id, clientName: fullName(client) };
  const leftOut = checkBeforeSending(parsed.record, settings.sendChecks);
  if (leftOut) {
    run.log.write('info', 'client_left_out', { clientId: client.id, reason: leftOut.code });
    const option = OPTION_FOR_LEFT_OUT[leftOut.code];
    const message = option
      ? `${leftOut.message} En ligne de commande : ${option}.`
      : leftOut.message;
    return { ...base, ok: false, skipped: true, problems: [message] };
  }
  warnBeforeWriting(parsed.record, base.clientName, settings.level);
  try {
    const values = buildLetterValues(parsed.record, letterDate, settings.letterOptions);
    run.reminders.push({
      clientId: client.id,
      level: settings.level,
      date: letterDate,
      templateName: run.templateFile,
      pieces: piecesListed(parsed.record, settings.letterOptions.fieldsUsed ?? new Set()),
    });
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
  /** The template's file name, as the history records it. */
  templateFile: string;
  log: RunLog;
  settings: MergeSettings;
  /** One reminder per client whose values were built, kept until the letters are written. */
  reminders: Reminder[];
};

async function mergeEach(run: MergeRun): Promise<LetterOutcome[]> {
  const { template, source, outDir, templateName, log } = run;
  const names = new LetterFileNames(templateName);
  const progress = startProgress(source.total);
  const outcomes: LetterOutcome[] = [];

  for await (const batch of source.batches) {
    for (const input of batch.records) {
      const prepared = prepare(input, outcomes.length, run);
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
    return notWritten(prepared, log);
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
  const { template, source, outDir, templateName, log } = run;
  const prepared: Prepared[] = [];
  const unavailable: LetterOutcome[] = [];
  for await (const batch of source.batches) {
    for (const input of batch.records) {
      prepared.push(prepare(input, prepared.length, run));
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
      outcome.status === 'written' ? { ...outcome, file } : outcome,
    );
  } catch (error) {
    log.write('error', 'single_document_failed', { file, ...errorFields(error) });
    const reason = describeFailure(error, file);
    return outcomes.map((outcome) =>
      outcome.status === 'written' ? { ...outcome, status: 'failed', errors: [reason] } : outcome,
    );
  }
}

function failedOrPending(letter: Prepared, log: RunLog): LetterOutcome {
  const base = { clientId: letter.clientId, clientName: letter.clientName };
  if (letter.ok) {
    return { ...base, file: null, status: 'written', errors: [] };
  }
  return notWritten(letter, log);
}

/**
 * Warns about a confirmed client with unmatched payments, and about a letter of a lower level
 * than the client's last reminder, which would step the escalation back.
 */
function warnBeforeWriting(record: ClientRecord, clientName: string, level: ReminderLevel): void {
  const clientLabel = `client ${record.client.id} (${clientName})`;
  if (hasUnmatchedPayments(record)) {
    console.warn(
      `Attention : ${clientLabel} : ${UNMATCHED_WARNING}. ${summarizeUnmatched(record)}`,
    );
  }

  const last = record.lastReminder;
  if (last && REMINDER_LEVELS.indexOf(last.level) > REMINDER_LEVELS.indexOf(level)) {
    console.warn(
      `Attention : ${clientLabel} a déjà reçu : ${REMINDER_LEVEL_LABELS[last.level]} le ` +
        `${formatDate(last.date)} ; ce courrier est un ${REMINDER_LEVEL_LABELS[level]}.`,
    );
  }
}

/** Builds the outcome of a client with no letter: left out by a check, or failed. */
function notWritten(letter: Extract<Prepared, { ok: false }>, log: RunLog): LetterOutcome {
  const base = { clientId: letter.clientId, clientName: letter.clientName };
  if (letter.skipped) {
    return { ...base, file: null, status: 'skipped', errors: [...letter.problems] };
  }
  log.write('error', 'record_invalid', { ...base, problems: letter.problems.join(' | ') });
  return { ...base, file: null, status: 'failed', errors: [...letter.problems] };
}

function buildReport(options: MergeOptions, run: MergeRun, letters: LetterOutcome[]): MergeReport {
  const summary = summarizeTemplate(run.template.words);
  const count = (status: LetterOutcome['status']) =>
    letters.filter((letter) => letter.status === status).length;

  return {
    template: resolve(options.template),
    letterDate: run.letterDate,
    singleDocument: options.single === true,
    level: REMINDER_LEVEL_LABELS[run.settings.level],
    written: count('written'),
    failed: count('failed'),
    skipped: count('skipped'),
    pdfFailed: options.pdf
      ? letters.filter((letter) => letter.pdfError !== undefined).length
      : undefined,
    unknownWords: summary.unknown,
    letters,
  };
}

function groupByReason(letters: readonly LetterOutcome[]): Map<string, LetterOutcome[]> {
  const byReason = new Map<string, LetterOutcome[]>();
  for (const letter of letters) {
    const reason = letter.errors.join('\n  - ');
    byReason.set(reason, [...(byReason.get(reason) ?? []), letter]);
  }
  return byReason;
}

/** Past this many clients with the same reason, they are counted instead of listed. */
const MAX_LISTED_FAILURES = 5;

/** Prints each failed client with its reasons; many clients failing alike make one line. */
function printFailures(failed: readonly LetterOutcome[], whereListed: string): void {
  const byReason = groupByReason(failed);
  for (const [reason, letters] of byReason) {
    if (letters.length > MAX_LISTED_FAILURES) {
      console.error(`Échec pour ${letters.length} clients (${whereListed}) :`);
      console.error(`  - ${reason}`);
      continue;
    }
    for (const letter of letters) {
      console.error(`Échec pour le client ${letter.clientId} :`);
      console.error(`  - ${reason}`);
    }
  }
}

function printSummary(report: MergeReport, outDir: string, hasReport: boolean): void {
  for (const word of report.unknownWords) {
    console.warn(`Attention : ${describeUnknownWord(word)}`);
  }
  const whereListed = hasReport
    ? 'liste dans le rapport'
    : 'liste dans opisto-relances.log, ou dans un rapport avec --report';
  printFailures(
    report.letters.filter((letter) => letter.status === 'failed'),
    whereListed,
  );
  printLeftOut(
    report.letters.filter((letter) => letter.status === 'skipped'),
    whereListed,
  );
  printPdfFailures(report.letters);

  const plural = report.written > 1 ? 's' : '';
  const singleFile = report.letters.find((letter) => letter.file)?.file;
  if (report.singleDocument && singleFile) {
    console.log(
      `${report.written} courrier${plural} écrit${plural} dans ${join(outDir, singleFile)}`,
    );
  } else {
    console.log(`${report.written} courrier${plural} écrit${plural} dans ${outDir}`);
  }
  if (report.skipped > 0) {
    console.log(`${report.skipped} client(s) sans courrier : voir les raisons ci-dessus.`);
  }
  if (report.failed > 0) {
    console.log(`${report.failed} client(s) en échec : voir les messages ci-dessus.`);
  }
  if (report.pdfFailed !== undefined) {
    printPdfCounts(report.letters, report.pdfFailed);
  }
}

/** Prints each client left out with the reason, grouped like the failures. */
function printLeftOut(skipped: readonly LetterOutcome[], whereListed: string): void {
  const byReason = groupByReason(skipped);
  for (const [reason, letters] of byReason) {
    if (letters.length > MAX_LISTED_FAILURES) {
      console.warn(`Pas de courrier pour ${letters.length} clients (${whereListed}) :`);
    } else {
      const ids = letters.map((letter) => letter.clientId).join(', ');
      console.warn(`Pas de courrier pour ${ids} :`);
    }
    console.warn(`  - ${reason}`);
  }
}
