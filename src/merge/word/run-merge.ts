/**
 * Runs a merge inside Word for the task pane: one new document per client, or all letters in one,
 * choosing the best route the host allows and falling back, with a message, where it cannot:
 *
 * 1. "word": each letter merged by Word.js in a new hidden document, then opened (Windows, Mac).
 * 2. "docx-open": each letter made by the .docx engine and opened in Word (Word on the web, which
 *    cannot edit a document before opening it; templates with field words in text boxes or notes;
 *    "Un seul document").
 * 3. "download": the letters are handed back as files, where Word cannot open a new document.
 *
 * A failing letter never stops the others; each outcome says what happened.
 */
import type { ClientRecord } from '../../api/record';
import { renderLetter } from '../docx/render';
import { renderSingleDocument } from '../docx/single-document';
import { MergeError } from '../errors';
import type { CalendarDate } from '../format';
import { buildLetterValues, type LetterOptions, type LetterValues } from '../values';
import { encodeBase64 } from './base64';
import type { WordHost } from './host';
import { mergeLetterWithWord } from './merge-letter';
import { WordFallbackError } from './fallback-error';
import { WORD_API, WORD_API_HIDDEN_DOCUMENT } from './requirements';
import type { WordTemplate } from './template';

export type MergeRoute = 'word' | 'docx-open' | 'download';

export type LetterRequest = {
  /** The client's id, for results and logs. */
  id: string;
  record: ClientRecord;
  /** File name of the letter when it has to be downloaded. */
  fileName: string;
};

export type WordMergeRequest = {
  host: WordHost;
  template: WordTemplate;
  letters: readonly LetterRequest[];
  letterDate: CalendarDate;
  /** The penalty rate and the level, the same for every letter. */
  letterOptions?: Omit<LetterOptions, 'fieldsUsed'>;
  /** "single": every letter in one new document, each on a new page. */
  mode: 'perClient' | 'single';
  /** File name of the single document, when it has to be downloaded. */
  singleFileName?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Receives one line per event worth a developer's attention; never the record's content. */
  log?: (line: string) => void;
};

export type LetterOutcome =
  | { id: string; status: 'opened'; engine: 'word' | 'docx' }
  | { id: string; status: 'download'; fileName: string; bytes: Uint8Array }
  | { id: string; status: 'failed'; message: string }
  | { id: string; status: 'cancelled' };

export type WordMergeResult = {
  /** The route the merge ended on. */
  route: MergeRoute;
  /** French messages on each reason the merge left the Word.js route; empty when it did not. */
  notices: string[];
  letters: LetterOutcome[];
};

const NOTICE_NO_HIDDEN_DOCUMENT =
  'Cette version de Word ne permet pas de modifier un nouveau document avant de l’ouvrir ' +
  '(c’est le cas de Word sur le web) : les courriers sont préparés hors de Word, puis ouverts.';
const NOTICE_NO_CREATE =
  'Cette version de Word ne permet pas aux compléments de créer un document : les courriers ' +
  'sont proposés au téléchargement.';
const NOTICE_EDIT_FAILED =
  'Word a refusé de modifier un nouveau document : les courriers restants sont préparés hors de ' +
  'Word, puis ouverts.';
const NOTICE_OPEN_FAILED =
  'Word n’a pas pu ouvrir de nouveau document : les courriers restants sont proposés au ' +
  'téléchargement.';

/** Chooses the route and runs the merge; resolves once every letter has an outcome. */
export async function runWordMerge(request: WordMergeRequest): Promise<WordMergeResult> {
  const run = new MergeRun(request);
  if (request.mode === 'single') {
    await run.single();
  } else {
    await run.perClient();
  }
  return run.result();
}

class MergeRun {
  private route: MergeRoute;
  private readonly notices: string[] = [];
  private readonly outcomes: LetterOutcome[] = [];

  constructor(private readonly request: WordMergeRequest) {
    this.route = this.chooseRoute();
  }

  result(): WordMergeResult {
    return { route: this.route, notices: this.notices, letters: this.outcomes };
  }

  /** Returns the merge's options with the template's fields, so that each client is checked. */
  private letterOptions(): LetterOptions {
    const fieldsUsed = new Set(
      this.request.template.compiled.words.flatMap((word) => (word.field ? [word.field] : [])),
    );
    return { ...this.request.letterOptions, fieldsUsed };
  }

  private chooseRoute(): MergeRoute {
    const { host, template, mode } = this.request;
    if (!host.isSetSupported(WORD_API.name, WORD_API.version)) {
      this.notices.push(NOTICE_NO_CREATE);
      return 'download';
    }
    if (mode === 'single') {
      return 'docx-open';
    }
    if (template.docxReason !== null) {
      this.notices.push(template.docxReason);
      return 'docx-open';
    }
    if (!host.isSetSupported(WORD_API_HIDDEN_DOCUMENT.name, WORD_API_HIDDEN_DOCUMENT.version)) {
      this.notices.push(NOTICE_NO_HIDDEN_DOCUMENT);
      return 'docx-open';
    }
    return 'word';
  }

  async perClient(): Promise<void> {
    const { letters, signal, onProgress } = this.request;

    for (const [index, letter] of letters.entries()) {
      if (signal?.aborted) {
        this.outcomes.push({ id: letter.id, status: 'cancelled' });
      } else {
        this.outcomes.push(await this.mergeOne(letter));
      }
      onProgress?.(index + 1, letters.length);
      // Word restarts an add-in that blocks its thread for seconds, so the host gets a turn here.
      await nextTurn();
    }
  }

  private async mergeOne(letter: LetterRequest): Promise<LetterOutcome> {
    let values: LetterValues;
    try {
      values = buildLetterValues(letter.record, this.request.letterDate, this.letterOptions());
    } catch (error) {
      return this.failed(letter, error);
    }

    if (this.route === 'word') {
      const merged = await this.mergeInWord(letter, values);
      if (merged) {
        return merged;
      }
    }
    return this.makeWithDocxEngine(letter, values);
  }

  /** Returns null when the letter should be made by the .docx engine instead. */
  private async mergeInWord(
    letter: LetterRequest,
    values: LetterValues,
  ): Promise<LetterOutcome | null> {
    try {
      await mergeLetterWithWord(this.request.host, this.request.template, values);
      return { id: letter.id, status: 'opened', engine: 'word' };
    } catch (error) {
      if (error instanceof WordFallbackError) {
        this.log(`letter ${letter.id}: made by the .docx engine: ${error.message}`);
      } else if (failedAt(error, 'open')) {
        this.switchToDownload(letter, error);
      } else {
        // A Word build that refuses to edit hidden documents refuses it for every letter.
        this.log(
          `letter ${letter.id}: editing in Word failed, .docx engine used: ${describe(error)}`,
        );
        this.route = 'docx-open';
        this.notices.push(NOTICE_EDIT_FAILED);
      }
      return null;
    }
  }

  private async makeWithDocxEngine(
    letter: LetterRequest,
    values: LetterValues,
  ): Promise<LetterOutcome> {
    let bytes: Uint8Array;
    try {
      bytes = renderLetter(this.request.template.compiled, values);
    } catch (error) {
      return this.failed(letter, error);
    }
    return this.deliver(letter.id, letter.fileName, bytes, 'docx');
  }

  async single(): Promise<void> {
    const { letters, letterDate, template, singleFileName, signal } = this.request;
    if (signal?.aborted) {
      this.outcomes.push(
        ...letters.map((letter) => ({ id: letter.id, status: 'cancelled' as const })),
      );
      return;
    }
    const valid: LetterValues[] = [];
    const included: LetterRequest[] = [];

    for (const letter of letters) {
      try {
        valid.push(buildLetterValues(letter.record, letterDate, this.letterOptions()));
        included.push(letter);
      } catch (error) {
        this.outcomes.push(this.failed(letter, error));
      }
    }
    if (valid.length === 0) {
      return;
    }

    const bytes = renderSingleDocument(template.compiled, valid);
    const fileName = singleFileName ?? 'Courriers.docx';
    const outcome = await this.deliver('document', fileName, bytes, 'docx');
    for (const letter of included) {
      this.outcomes.push({ ...outcome, id: letter.id });
    }
    this.request.onProgress?.(letters.length, letters.length);
  }

  /** Opens a finished .docx in Word, or hands it back for download where Word cannot open it. */
  private async deliver(
    id: string,
    fileName: string,
    bytes: Uint8Array,
    engine: 'word' | 'docx',
  ): Promise<LetterOutcome> {
    if (this.route !== 'download') {
      try {
        await openInWord(this.request.host, bytes);
        return { id, status: 'opened', engine };
      } catch (error) {
        this.switchToDownload({ id }, error);
      }
    }
    return { id, status: 'download', fileName, bytes };
  }

  private switchToDownload(letter: { id: string }, error: unknown): void {
    this.log(
      `letter ${letter.id}: opening a new document failed, switching to downloads: ` +
        describe(error),
    );
    this.route = 'download';
    this.notices.push(NOTICE_OPEN_FAILED);
  }

  private failed(letter: { id: string }, error: unknown): LetterOutcome {
    this.log(`letter ${letter.id}: failed: ${describe(error)}`);
    const message =
      error instanceof MergeError
        ? error.message
        : 'Word a signalé une erreur en préparant ce courrier. Réessayez ; si l’erreur revient, ' +
          'fermez les documents ouverts par la fusion puis relancez-la.';
    return { id: letter.id, status: 'failed', message };
  }

  private log(line: string): void {
    this.request.log?.(line);
  }
}

async function openInWord(host: WordHost, bytes: Uint8Array): Promise<void> {
  await host.run(async (context) => {
    context.application.createDocument(encodeBase64(bytes)).open();
    await context.sync();
  });
}

/** True when an Office.js error comes from the named method, per its `debugInfo`. */
function failedAt(error: unknown, method: string): boolean {
  const location = (error as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo
    ?.errorLocation;
  return typeof location === 'string' && location.toLowerCase().endsWith(`.${method}`);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return String(error);
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
