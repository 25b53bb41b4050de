/**
 * The two ways the pane makes letters from records. Inside Word, the Word.js engine opens each
 * letter in Word, or hands it back as a file where Word cannot. In a plain browser, the .docx
 * engine makes letters that are always downloaded.
 */
import {
  buildLetterValues,
  compileTemplate,
  MergeError,
  renderLetter,
  renderSingleDocument,
  type CalendarDate,
  type CompiledTemplate,
  type FieldName,
  type LetterOptions,
  type LetterValues,
} from '../../merge';
import {
  prepareWordTemplate,
  readOpenDocument,
  runWordMerge,
  type LetterOutcome,
  type LetterRequest,
} from '../../merge/word';
import type { PaneEnvironment } from '../services/environment';
import type { TemplateChoice } from '../services/template-choice';

export type MergeMode = 'perClient' | 'single';

export type MakeOptions = {
  signal?: AbortSignal;
  /** Letters finished within this call, out of `letters.length`. */
  onProgress?: (done: number) => void;
};

/** Makes letters from records; every request gets one outcome, in order. */
export type LetterMaker = {
  perClient(letters: readonly LetterRequest[], options: MakeOptions): Promise<LetterOutcome[]>;
  single(
    letters: readonly LetterRequest[],
    fileName: string,
    options: MakeOptions,
  ): Promise<LetterOutcome[]>;
  /** French messages on how Word made or delivered the letters, each once. */
  readonly notices: readonly string[];
  /** The field words of the template. */
  readonly fieldsUsed: ReadonlySet<FieldName>;
};

/** The penalty rate and the level, the same for every letter of the merge. */
export type MergeLetterOptions = Omit<LetterOptions, 'fieldsUsed'>;

export type MakerSetup = {
  environment: PaneEnvironment;
  template: TemplateChoice;
  letterDate: CalendarDate;
  letterOptions: MergeLetterOptions;
  log: (line: string) => void;
};

export const NO_TEMPLATE_FILE =
  'Aucun fichier modèle : choisissez un modèle (.docx) dans l’onglet Modèle.';

const UNEXPECTED_FAILURE =
  'Une erreur inattendue a empêché de préparer ce courrier. Réessayez ; si elle revient, ' +
  'vérifiez le modèle dans l’onglet Modèle.';

/** Reads the template and returns the maker for where the pane runs; throws a MergeError. */
export async function createLetterMaker(setup: MakerSetup): Promise<LetterMaker> {
  const { environment, template } = setup;

  if (environment.kind === 'word') {
    const bytes =
      template.kind === 'file' ? template.bytes : await readOpenDocument(environment.document);
    return wordMaker(setup, bytes);
  }
  if (template.kind !== 'file') {
    throw new MergeError('template_unreadable', NO_TEMPLATE_FILE);
  }
  return docxMaker(compileTemplate(template.bytes), setup);
}

function wordMaker(setup: MakerSetup, bytes: Uint8Array): LetterMaker {
  const { environment, letterDate, letterOptions, log } = setup;
  if (environment.kind !== 'word') {
    throw new Error('wordMaker needs the Word environment');
  }
  const host = environment.host;
  const template = prepareWordTemplate(bytes);
  const notices: string[] = [];

  // The pane calls this once per batch of records, so the same notice may come back.
  async function merge(
    letters: readonly LetterRequest[],
    mode: MergeMode,
    options: MakeOptions,
    singleFileName?: string,
  ): Promise<LetterOutcome[]> {
    const result = await runWordMerge({
      host,
      template,
      letters,
      letterDate,
      letterOptions,
      mode,
      singleFileName,
      signal: options.signal,
      onProgress: (done) => options.onProgress?.(done),
      log,
    });
    notices.push(...result.notices.filter((notice) => !notices.includes(notice)));
    log(`word merge: route ${result.route}, ${letters.length} letter(s)`);
    return result.letters;
  }

  return {
    notices,
    fieldsUsed: fieldsOf(template.compiled),
    perClient: (letters, options) => merge(letters, 'perClient', options),
    single: (letters, fileName, options) => merge(letters, 'single', options, fileName),
  };
}

function docxMaker(template: CompiledTemplate, setup: MakerSetup): LetterMaker {
  return new DocxLetterMaker(template, setup);
}

/** Lists the fields a compiled template uses, each once. */
function fieldsOf(template: CompiledTemplate): ReadonlySet<FieldName> {
  return new Set(template.words.flatMap((word) => (word.field ? [word.field] : [])));
}

/** The .docx engine in the browser: every letter becomes a file to download. */
class DocxLetterMaker implements LetterMaker {
  readonly notices: readonly string[] = [];
  readonly fieldsUsed: ReadonlySet<FieldName>;
  private readonly letterDate: CalendarDate;
  private readonly letterOptions: LetterOptions;
  private readonly log: (line: string) => void;

  constructor(
    private readonly template: CompiledTemplate,
    setup: MakerSetup,
  ) {
    this.fieldsUsed = fieldsOf(template);
    this.letterDate = setup.letterDate;
    // With the fields used, a client whose letter lacks a fact gets a MergeError, not blanks.
    this.letterOptions = { ...setup.letterOptions, fieldsUsed: this.fieldsUsed };
    this.log = setup.log;
  }

  async perClient(
    letters: readonly LetterRequest[],
    options: MakeOptions,
  ): Promise<LetterOutcome[]> {
    const outcomes: LetterOutcome[] = [];

    for (const letter of letters) {
      if (options.signal?.aborted) {
        outcomes.push({ id: letter.id, status: 'cancelled' });
        continue;
      }
      outcomes.push(this.renderOne(letter));
      options.onProgress?.(outcomes.length);
      // Rendering is synchronous: the pane gets a turn to show progress and take "Annuler".
      await nextTurn();
    }
    return outcomes;
  }

  private renderOne(letter: LetterRequest): LetterOutcome {
    try {
      const bytes = renderLetter(this.template, this.values(letter));
      return { id: letter.id, status: 'download', fileName: letter.fileName, bytes };
    } catch (error) {
      return failedLetter(letter.id, error, this.log);
    }
  }

  async single(
    letters: readonly LetterRequest[],
    fileName: string,
    options: MakeOptions,
  ): Promise<LetterOutcome[]> {
    if (options.signal?.aborted) {
      return letters.map((letter) => ({ id: letter.id, status: 'cancelled' }));
    }
    const outcomes = new Map<string, LetterOutcome>();
    const made: { id: string; values: LetterValues }[] = [];

    for (const letter of letters) {
      try {
        made.push({ id: letter.id, values: this.values(letter) });
      } catch (error) {
        outcomes.set(letter.id, failedLetter(letter.id, error, this.log));
      }
    }
    if (made.length > 0) {
      this.renderAll(made, fileName).forEach((outcome) => outcomes.set(outcome.id, outcome));
    }
    options.onProgress?.(letters.length);
    return letters.map((letter) => outcomes.get(letter.id) as LetterOutcome);
  }

  private renderAll(made: { id: string; values: LetterValues }[], fileName: string) {
    try {
      const bytes = renderSingleDocument(
        this.template,
        made.map((letter) => letter.values),
      );
      return made.map(({ id }): LetterOutcome => ({ id, status: 'download', fileName, bytes }));
    } catch (error) {
      return made.map(({ id }) => failedLetter(id, error, this.log));
    }
  }

  private values(letter: LetterRequest): LetterValues {
    return buildLetterValues(letter.record, this.letterDate, this.letterOptions);
  }
}

function failedLetter(id: string, error: unknown, log: (line: string) => void): LetterOutcome {
  const known = error instanceof MergeError;
  log(`letter ${id}: failed: ${known ? error.code : describeError(error)}`);
  return { id, status: 'failed', message: known ? error.message : UNEXPECTED_FAILURE };
}

/** Names the error for a developer's log line without quoting any record content. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
