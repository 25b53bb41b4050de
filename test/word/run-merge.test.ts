/**
 * The merge the task pane runs inside Word: which route each host takes, the fallbacks when Word
 * cannot edit or open a new document, one document for all letters, failures and cancelling.
 */
import { unzipSync } from 'fflate';

import {
  prepareWordTemplate,
  runWordMerge,
  type LetterRequest,
  type WordMergeRequest,
} from '../../src/merge/word';
import type { ClientRecord } from '../../src/api/record';
import { partXml, record } from '../engine/helpers';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { readParagraphTexts } from '../support/word-text';
import { FakeOfficeError, FakeWord, type FakeWordOptions } from '../word-fake';
import type { WordHost } from '../../src/merge/word';

const TEMPLATE = makeDocx({
  body: paragraph('Madame, Monsieur opistoclientnom,') + paragraph('opistolistefactures'),
});

const TEXT_BOX_TEMPLATE = makeDocx({
  body:
    '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>' +
    '<w:txbxContent><w:p><w:r><w:t>opistoclientnom</w:t></w:r></w:p></w:txbxContent>' +
    '</v:textbox></v:shape></w:pict></w:r></w:p>' +
    paragraph('fin'),
});

function client(id: string, lastName: string): LetterRequest {
  const changed = record((draft) => {
    draft.client.id = id;
    draft.client.lastName = lastName;
  });
  return { id, record: changed, fileName: `${lastName}.docx` };
}

async function merge(
  options: FakeWordOptions,
  overrides: Partial<WordMergeRequest> = {},
  template = TEMPLATE,
) {
  const fake = new FakeWord(template, options);
  const log: string[] = [];
  const result = await runWordMerge({
    host: fake,
    template: prepareWordTemplate(template),
    letters: [client('C1', 'Martin'), client('C2', 'Durand')],
    letterDate: '2018-10-29',
    mode: 'perClient',
    log: (line) => log.push(line),
    ...overrides,
  });
  return { fake, result, log };
}

function bodyTexts(docx: Uint8Array): string[] {
  return readParagraphTexts(partXml(docx));
}

describe('runWordMerge routes', () => {
  test('merges with Word.js on the desktop', async () => {
    const { fake, result } = await merge({ profile: 'desktop' });

    expect(result.route).toBe('word');
    expect(result.notices).toEqual([]);
    expect(result.letters).toEqual([
      { id: 'C1', status: 'opened', engine: 'word' },
      { id: 'C2', status: 'opened', engine: 'word' },
    ]);
    expect(fake.createdDocuments.map((document) => document.opened)).toEqual([true, true]);
    expect(bodyTexts(fake.createdDocuments[1]?.toDocx() as Uint8Array)[0]).toBe(
      'Madame, Monsieur Durand,',
    );
  });

  test('opens letters of the .docx engine on the web', async () => {
    const { fake, result } = await merge({ profile: 'web' });

    expect(result.route).toBe('docx-open');
    expect(result.notices[0]).toMatch(/Word sur le web/);
    expect(result.letters.map((letter) => letter.status)).toEqual(['opened', 'opened']);
    expect(result.letters[0]).toMatchObject({ engine: 'docx' });
    expect(bodyTexts(fake.createdDocuments[0]?.toDocx() as Uint8Array)[0]).toBe(
      'Madame, Monsieur Martin,',
    );
  });

  test('uses the .docx engine for field words in a text box', async () => {
    const { result } = await merge({ profile: 'desktop' }, {}, TEXT_BOX_TEMPLATE);

    expect(result.route).toBe('docx-open');
    expect(result.notices[0]).toMatch(/zone de texte/);
    expect(result.letters[0]).toMatchObject({ status: 'opened', engine: 'docx' });
  });

  test('merges conditional paragraphs with Word.js', async () => {
    const template = makeDocx({
      body:
        paragraph('opistosipro Indemnité : opistoindemniterecouvrement €') +
        paragraph('opistosiparticulier Pas d’indemnité.'),
    });
    const buyer = (id: string, isProfessional: boolean): LetterRequest => {
      const letter = client(id, id);
      (letter.record.client as { isProfessional?: boolean }).isProfessional = isProfessional;
      return letter;
    };
    const letters = [buyer('Pro', true), buyer('Particulier', false)];
    const request = { letters, letterDate: '2019-01-15' };
    const { fake, result, log } = await merge({ profile: 'desktop' }, request, template);
    const texts = fake.createdDocuments.map((document) => bodyTexts(document.toDocx()));

    expect(result.route).toBe('word');
    expect(result.notices).toEqual([]);
    expect(log).toEqual([]);
    expect(result.letters).toEqual([
      { id: 'Pro', status: 'opened', engine: 'word' },
      { id: 'Particulier', status: 'opened', engine: 'word' },
    ]);
    // The body's last paragraph stays, empty, when its condition drops it.
    expect(texts).toEqual([['Indemnité : 80,00 €', ''], ['Pas d’indemnité.']]);
  });

  test('a client of unknown kind fails alone', async () => {
    const template = makeDocx({ body: paragraph('opistosipro Indemnité.') + paragraph('Fin') });
    const unknown = client('Inconnu', 'Inconnu');
    const known = client('Pro', 'Pro');
    (known.record.client as { isProfessional?: boolean }).isProfessional = true;
    const { result } = await merge({ profile: 'desktop' }, { letters: [unknown, known] }, template);

    expect(result.letters[0]).toMatchObject({ id: 'Inconnu', status: 'failed' });
    expect(result.letters[1]).toMatchObject({ id: 'Pro', status: 'opened' });
  });

  test('offers downloads when opening a document fails', async () => {
    const { result, log } = await merge({ profile: 'web', openFails: true });

    expect(result.route).toBe('download');
    expect(result.notices).toContainEqual(expect.stringMatching(/téléchargement/));
    expect(result.letters.map((letter) => letter.status)).toEqual(['download', 'download']);
    const first = result.letters[0];
    if (first?.status !== 'download') {
      throw new Error('expected a download');
    }
    expect(first.fileName).toBe('Martin.docx');
    expect(bodyTexts(first.bytes)[0]).toBe('Madame, Monsieur Martin,');
    expect(log.some((line) => line.includes('opening a new document failed'))).toBe(true);
  });

  test('falls back to downloads when open fails on the desktop', async () => {
    const { result } = await merge({ profile: 'desktop', openFails: true });

    expect(result.route).toBe('download');
    expect(result.letters.map((letter) => letter.status)).toEqual(['download', 'download']);
  });

  test('offers downloads where Word cannot create documents', async () => {
    const { fake, result } = await merge({ requirementSets: { WordApi: '1.2' } });

    expect(result.route).toBe('download');
    expect(result.notices[0]).toMatch(/créer un document/);
    expect(fake.createdDocuments).toHaveLength(0);
  });
});

/**
 * Wraps the fake so that the n-th sync of a run fails as a Word build does that refuses to edit
 * a hidden document (GeneralException from insertText).
 */
function refusingEdits(fake: FakeWord, failingSync: number): WordHost {
  return {
    isSetSupported: fake.isSetSupported,
    run: (batch) =>
      fake.run((context) => {
        let syncs = 0;
        const wrapped = Object.create(context) as Word.RequestContext;
        Object.defineProperty(wrapped, 'application', { get: () => context.application });
        wrapped.sync = async () => {
          syncs++;
          if (syncs === failingSync) {
            throw new FakeOfficeError('GeneralException', 'GeneralException', 'Range.insertText');
          }
          return context.sync();
        };
        return batch(wrapped);
      }),
  };
}

describe('runWordMerge failures and cancelling', () => {
  test('uses the .docx engine when Word refuses edits', async () => {
    const fake = new FakeWord(TEMPLATE);
    const { result, log } = await merge({}, { host: refusingEdits(fake, 2) });

    expect(result.route).toBe('docx-open');
    expect(result.notices[0]).toMatch(/refusé de modifier/);
    expect(result.letters).toEqual([
      { id: 'C1', status: 'opened', engine: 'docx' },
      { id: 'C2', status: 'opened', engine: 'docx' },
    ]);
    expect(log[0]).toMatch(/^letter C1: editing in Word failed/);
  });

  test('cancels every letter of a single document', async () => {
    const controller = new AbortController();
    controller.abort();
    const { fake, result } = await merge(
      { profile: 'desktop' },
      { mode: 'single', signal: controller.signal },
    );

    expect(result.letters.map((letter) => letter.status)).toEqual(['cancelled', 'cancelled']);
    expect(fake.createdDocuments).toHaveLength(0);
  });

  test('reports a bad record and makes the other letters', async () => {
    const broken: ClientRecord = {
      ...record(),
      invoices: [{ ...record().invoices[0]!, totalCents: Number.MAX_SAFE_INTEGER }],
    };
    broken.invoices.push({ ...broken.invoices[0]!, number: 'X2' });
    const letters = [client('C1', 'Martin'), { id: 'C2', record: broken, fileName: 'x.docx' }];
    const { result, log } = await merge({ profile: 'desktop' }, { letters });

    expect(result.letters[0]).toMatchObject({ status: 'opened' });
    expect(result.letters[1]).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/trop grands/),
    });
    expect(log.some((line) => line.startsWith('letter C2: failed'))).toBe(true);
  });

  test('stops at the next letter once cancelled', async () => {
    const controller = new AbortController();
    const { fake, result } = await merge(
      { profile: 'desktop' },
      { onProgress: (done) => done === 1 && controller.abort(), signal: controller.signal },
    );

    expect(result.letters.map((letter) => letter.status)).toEqual(['opened', 'cancelled']);
    expect(fake.createdDocuments).toHaveLength(1);
  });

  test('reports progress for cancelled letters', async () => {
    const controller = new AbortController();
    const progress: string[] = [];
    await merge(
      { profile: 'desktop' },
      {
        signal: controller.signal,
        onProgress: (done, total) => {
          progress.push(`${done}/${total}`);
          controller.abort();
        },
      },
    );

    expect(progress).toEqual(['1/2', '2/2']);
  });

  test('reports progress after each letter', async () => {
    const progress: string[] = [];
    await merge(
      { profile: 'desktop' },
      { onProgress: (done, total) => progress.push(`${done}/${total}`) },
    );

    expect(progress).toEqual(['1/2', '2/2']);
  });
});

describe('runWordMerge single document', () => {
  test('opens every letter in one new document', async () => {
    const { fake, result } = await merge({ profile: 'desktop' }, { mode: 'single' });

    expect(fake.createdDocuments).toHaveLength(1);
    const texts = bodyTexts(fake.createdDocuments[0]?.toDocx() as Uint8Array);
    expect(texts).toContain('Madame, Monsieur Martin,');
    expect(texts).toContain('Madame, Monsieur Durand,');
    expect(result.letters.map((letter) => letter.status)).toEqual(['opened', 'opened']);
  });

  test('offers the single document for download when opening fails', async () => {
    const { result } = await merge(
      { profile: 'web', openFails: true },
      { mode: 'single', singleFileName: 'Relances.docx' },
    );
    const first = result.letters[0];

    if (first?.status !== 'download') {
      throw new Error(`expected a download, got ${first?.status}`);
    }
    expect(first.fileName).toBe('Relances.docx');
    expect(Object.keys(unzipSync(first.bytes))).toContain('word/document.xml');
  });
});
