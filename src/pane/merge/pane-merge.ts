/**
 * Runs a merge for the task pane, without React. It reads the template and fetches the selected
 * debtors' records a batch at a time. It leaves out the pieces the user excluded, and the clients
 * that the checks before sending leave out. It makes the letters (in Word, or with the .docx
 * engine in a plain browser) and returns one outcome per client, and the reminder each made
 * letter adds to the history.
 *
 * Records are fetched and merged batch by batch, so that letters made before the server stops or
 * before "Annuler" are kept and offered, and a failing client never stops the others.
 */
import { ApiError, type OpistoClient } from '../../api/client';
import type { DebtorFilter, DebtorSummary, Reminder } from '../../api/contract';
import { MAX_BATCH_SIZE } from '../../api/contract';
import type { ClientRecord } from '../../api/record';
import {
  hasUnmatchedPayments,
  MergeError,
  UNMATCHED_WARNING,
  type CalendarDate,
  type PenaltyRate,
  type ReminderLevel,
  type SendCheckOptions,
} from '../../merge';
import { cleanName, LetterFileNames } from '../../merge/file-names';
import type { LetterOutcome, LetterRequest } from '../../merge/word';
import type { PaneEnvironment } from '../services/environment';
import { templateFileName, type TemplateChoice } from '../services/template-choice';
import { applyExclusions, type Exclusions } from '../state/exclusions';
import {
  createLetterMaker,
  describeError,
  type LetterMaker,
  type MergeMode,
} from './letter-makers';
import { fieldsNeedingRate, missingRateReason } from './merge-readiness';
import { buildReminder } from './reminder-records';
import { checkRecordBeforeSending } from './send-check';

export type { MergeMode } from './letter-makers';

export type PaneMergeRequest = {
  client: OpistoClient;
  environment: PaneEnvironment;
  template: TemplateChoice;
  /** The clients to write to, in list order. */
  debtors: readonly DebtorSummary[];
  filter: DebtorFilter;
  exclusions: Exclusions;
  letterDate: CalendarDate;
  mode: MergeMode;
  /** The level written by `opistoniveaurelance` and recorded in the history. */
  level: ReminderLevel;
  /** The annual late-penalty rate from "Paramètres", or null when none is set. */
  penaltyRate: PenaltyRate | null;
  /** The threshold from "Paramètres", and whether the user confirmed unmatched payments. */
  sendChecks: SendCheckOptions;
  signal?: AbortSignal;
  onProgress?: (progress: MergeProgress) => void;
  /** Receives one line per event worth a developer's attention; never record content. */
  log?: (line: string) => void;
  /** Records fetched and merged at a time; the API's batch limit by default. */
  batchSize?: number;
};

export type MergeProgress = { done: number; total: number };

/** The outcome of one client's letter. */
export type ClientOutcome = { id: string; name: string } &
  /** `warning` is set on a letter made for a client with unmatched payments, once confirmed. */
  (
    | { status: 'opened'; warning?: string }
    | { status: 'download'; fileName: string; warning?: string }
    | { status: 'failed'; message: string }
    | { status: 'cancelled' }
    /** Left out by a check before sending: no letter, and no failure either. */
    | { status: 'skipped'; message: string }
  );

/** Outcome of one client inside the run: the engine's, or left out by a check before it. */
type RunOutcome = LetterOutcome | { id: string; status: 'skipped'; message: string };

export type LetterFile = { fileName: string; bytes: Uint8Array };

export type PaneMergeResult = {
  /** One per requested client, in list order. */
  outcomes: ClientOutcome[];
  /** The letters to download, each file once. */
  files: LetterFile[];
  /** Name of the .zip holding several files. */
  archiveName: string;
  /** French messages on how Word made or delivered the letters. */
  notices: string[];
  /** French message on what stopped the whole run, or null when nothing did. */
  error: string | null;
  /** One reminder per client whose letter was made, for the history, in the order made. */
  reminders: Reminder[];
};

const OPEN_DOCUMENT_NAME = 'Courrier';
/** The template's name in the history when Word gives none for the open document. */
const UNNAMED_DOCUMENT = 'Document ouvert dans Word';

/** Runs the merge and resolves once every client has an outcome; failures become outcomes. */
export async function runPaneMerge(request: PaneMergeRequest): Promise<PaneMergeResult> {
  const run = new PaneMergeRun(request);
  await run.execute();
  return run.result();
}

class PaneMergeRun {
  private readonly outcomes = new Map<string, RunOutcome>();
  private readonly files = new Map<string, LetterFile>();
  /** The records the letters are made from, after exclusions, by client id. */
  private readonly records = new Map<string, ClientRecord>();
  private readonly reminders: Reminder[] = [];
  private readonly names: LetterFileNames;
  private readonly templateName: string;
  private maker: LetterMaker | null = null;
  private error: string | null = null;
  private done = 0;

  constructor(private readonly request: PaneMergeRequest) {
    this.templateName = templateNameOf(request.template);
    this.names = new LetterFileNames(this.templateName);
  }

  async execute(): Promise<void> {
    const { debtors, mode } = this.request;
    this.log(`merge start: ${debtors.length} client(s), mode ${mode}`);
    this.maker = await this.prepare();
    if (!this.maker) {
      return;
    }

    const pending: LetterRequest[] = [];
    for (const batch of chunk(debtors, this.request.batchSize ?? MAX_BATCH_SIZE)) {
      const letters = await this.fetchLetters(batch);
      if (!letters) {
        break;
      }
      if (mode === 'single') {
        pending.push(...letters);
      } else {
        await this.make(letters);
      }
      if (this.error !== null) {
        break;
      }
    }

    if (mode === 'single' && this.error === null && !this.request.signal?.aborted) {
      await this.makeSingle(pending);
    }
    this.log(
      `merge end: ${this.countFiles()} file(s), error ${this.error === null ? 'no' : 'yes'}`,
    );
  }

  result(): PaneMergeResult {
    const outcomes = this.request.debtors.map((debtor) => this.outcomeOf(debtor));
    return {
      outcomes,
      files: [...this.files.values()],
      archiveName: `${cleanName(`${this.templateName} - courriers`, 150)}.zip`,
      notices: [...(this.maker?.notices ?? [])],
      error: this.error,
      reminders: [...this.reminders],
    };
  }

  /**
   * Reads the template; on failure every client fails with the reason. A template with penalty
   * fields and no rate stops the run the same way, before any letter, as the command line does.
   * For a template file "Fusionner" shows this beforehand, but the document open in Word is only
   * read here.
   */
  private async prepare(): Promise<LetterMaker | null> {
    const { level, penaltyRate } = this.request;
    let maker: LetterMaker;
    try {
      maker = await createLetterMaker({
        ...this.request,
        letterOptions: { level, penaltyRate },
        log: (line) => this.log(line),
      });
    } catch (error) {
      this.log(`template unreadable: ${describeError(error)}`);
      this.stop(error instanceof MergeError ? error.message : UNREADABLE_TEMPLATE);
      return null;
    }

    const needRate = fieldsNeedingRate(maker.fieldsUsed, penaltyRate);
    if (needRate.length > 0) {
      this.log(`penalty rate missing for ${needRate.join(',')}`);
      this.stop(missingRateReason(needRate));
      return null;
    }
    return maker;
  }

  /** Fetches one batch; returns null when the run cannot go on. */
  private async fetchLetters(batch: readonly DebtorSummary[]): Promise<LetterRequest[] | null> {
    const { client, filter, exclusions, signal } = this.request;
    if (signal?.aborted) {
      return null;
    }
    const ids = batch.map((debtor) => debtor.id);

    try {
      const { records, missing, invalid } = await client.getRecords(ids, filter, { signal });
      missing.forEach((id) => this.settle({ id, status: 'failed', message: missingMessage(id) }));
      invalid.forEach(({ id, problems }) =>
        this.settle({ id, status: 'failed', message: invalidRecordMessage(problems) }),
      );
      this.log(
        `fetched ${records.length} record(s), ${missing.length} missing, ${invalid.length} invalid`,
      );

      return records.flatMap((fetched) => {
        const id = fetched.client.id;
        const record = applyExclusions(fetched, exclusions.get(id));
        if (this.leftOut(record)) {
          return [];
        }
        this.records.set(id, record);
        const debtor = batch.find((candidate) => candidate.id === id);
        return [{ id, record, fileName: this.names.next(debtor?.displayName ?? '', id) }];
      });
    } catch (error) {
      this.stopOnFetchError(error);
      return null;
    }
  }

  /** Settles a client that the checks before sending leave out; returns true for one. */
  private leftOut(record: ClientRecord): boolean {
    const reason = checkRecordBeforeSending(record, this.request.sendChecks);
    if (!reason) {
      return false;
    }
    const id = record.client.id;
    this.log(`letter ${id}: left out: ${reason.code}`);
    this.settle({ id, status: 'skipped', message: reason.message });
    return true;
  }

  private stopOnFetchError(error: unknown): void {
    if (error instanceof ApiError && error.code === 'cancelled') {
      this.log('fetch cancelled');
      return;
    }
    this.log(`fetch failed: ${describeError(error)}`);
    this.stop(error instanceof ApiError ? error.message : UNEXPECTED_FETCH_FAILURE);
  }

  private async make(letters: readonly LetterRequest[]): Promise<void> {
    const maker = this.maker as LetterMaker;
    const before = this.done;
    await this.settleAll(() =>
      maker.perClient(letters, {
        signal: this.request.signal,
        onProgress: (done) => this.progress(before + done),
      }),
    );
  }

  private async makeSingle(letters: readonly LetterRequest[]): Promise<void> {
    const maker = this.maker as LetterMaker;
    const fileName = `${cleanName(`${this.templateName} - tous les courriers`, 150)}.docx`;
    await this.settleAll(() => maker.single(letters, fileName, { signal: this.request.signal }));
  }

  /** Settles the outcomes of `making`; a failure of the engine itself stops the run. */
  private async settleAll(making: () => Promise<LetterOutcome[]>): Promise<void> {
    try {
      (await making()).forEach((outcome) => this.settle(outcome));
    } catch (error) {
      this.log(`merge failed: ${describeError(error)}`);
      this.stop(error instanceof MergeError ? error.message : UNEXPECTED_MERGE_FAILURE);
    }
  }

  /** Records a client's outcome and counts it; a made letter adds its reminder. */
  private settle(outcome: RunOutcome): void {
    if (this.outcomes.has(outcome.id)) {
      return;
    }
    this.outcomes.set(outcome.id, outcome);
    if (outcome.status === 'download') {
      this.files.set(outcome.fileName, { fileName: outcome.fileName, bytes: outcome.bytes });
    }
    if (outcome.status === 'opened' || outcome.status === 'download') {
      this.addReminder(outcome.id);
    }
    this.progress(this.outcomes.size);
  }

  private addReminder(id: string): void {
    const record = this.records.get(id);
    const maker = this.maker;
    if (!record || !maker) {
      return;
    }
    const { level, letterDate, template, environment } = this.request;
    const templateName = templateFileName(template, environment) ?? UNNAMED_DOCUMENT;
    const context = { level, letterDate, templateName, fieldsUsed: maker.fieldsUsed };
    this.reminders.push(buildReminder(record, context));
  }

  private progress(done: number): void {
    if (done > this.done) {
      this.done = done;
      this.request.onProgress?.({ done, total: this.request.debtors.length });
    }
  }

  /** Stops the run: `outcomeOf` gives the clients without an outcome `message` as their failure. */
  private stop(message: string): void {
    this.error = message;
  }

  private outcomeOf(debtor: DebtorSummary): ClientOutcome {
    const base = { id: debtor.id, name: debtor.displayName || debtor.id };
    const outcome = this.outcomes.get(debtor.id);

    if (!outcome) {
      return this.error === null
        ? { ...base, status: 'cancelled' }
        : { ...base, status: 'failed', message: this.error };
    }
    // As the command line does, the warning stays on a letter the user confirmed.
    const record = this.records.get(debtor.id);
    const warning = record && hasUnmatchedPayments(record) ? UNMATCHED_WARNING : undefined;
    switch (outcome.status) {
      case 'opened':
        return { ...base, status: 'opened', warning };
      case 'download':
        return { ...base, status: 'download', fileName: outcome.fileName, warning };
      case 'failed':
        return { ...base, status: 'failed', message: outcome.message };
      case 'cancelled':
        return { ...base, status: 'cancelled' };
      case 'skipped':
        return { ...base, status: 'skipped', message: outcome.message };
    }
  }

  private countFiles(): number {
    return this.files.size;
  }

  private log(line: string): void {
    this.request.log?.(line);
  }
}

const UNREADABLE_TEMPLATE =
  'Le modèle n’a pas pu être lu. Vérifiez-le dans l’onglet Modèle, ou choisissez un autre fichier.';
const UNEXPECTED_MERGE_FAILURE =
  'Une erreur inattendue a interrompu la fusion. Réessayez ; les courriers déjà préparés ' +
  'restent disponibles.';
const UNEXPECTED_FETCH_FAILURE =
  'Une erreur inattendue a interrompu la lecture des données Opisto. Réessayez ; les courriers ' +
  'déjà préparés restent disponibles.';

function missingMessage(id: string): string {
  return (
    `Client « ${id} » introuvable dans Opisto : il a peut-être été supprimé ou fusionné. ` +
    'Relancez la recherche.'
  );
}

function invalidRecordMessage(problems: readonly string[]): string {
  return (
    `Fiche client incorrecte dans Opisto (${problems.join(' ; ')}). Corrigez-la dans Opisto, ` +
    'puis réessayez pour ce client.'
  );
}

/** Returns the template's file name without ".docx", for the letters' names. */
function templateNameOf(template: TemplateChoice): string {
  return template.kind === 'file'
    ? template.name.replace(/\.docx$/i, '') || OPEN_DOCUMENT_NAME
    : OPEN_DOCUMENT_NAME;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
