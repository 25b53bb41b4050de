/**
 * The engine on real Word files written by other people: field words are inserted the ways Word
 * splits text (over formatted runs with spell-check marks, in hyperlinks, tracked insertions,
 * table cells, headers, footers and both copies of text boxes), then each letter is read back,
 * validated against the schemas and opened by LibreOffice.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readCorpus, type CorpusFile } from '../support/corpus';
import {
  findMainDocumentPart,
  listTextParts,
  readDocx,
  readPartText,
  writeDocx,
  writePartText,
} from '../support/docx-package';
import { convertToPdfText } from '../support/libreoffice';
import { formatErrors, validateDocx, validateDocxFiles } from '../support/ooxml-validate';
import {
  appendHyperlinkParagraph,
  appendSplitWordParagraph,
  appendTrackedInsertionParagraph,
  replaceTextBoxText,
} from '../support/split-runs';
import { storyCells, textBoxes } from '../support/word-text';
import { parseXml } from '../support/xml-dom';
import { merge, NBSP, paragraphs, partXml } from './helpers';

const KNOWN_FIELD = /opisto(client|liste|datejour)[a-z0-9]*/i;

type Prepared = {
  file: CorpusFile;
  template: Uint8Array;
  inserted: Set<string>;
  /** Copies of the first text box: 2 where Word wrote DrawingML and VML. */
  boxCopies: number;
};

function prepare(file: CorpusFile): Prepared {
  const docx = readDocx(file.bytes);
  const main = findMainDocumentPart(docx);
  const inserted = new Set<string>(['body']);
  let xml = readPartText(docx, main);

  xml = appendSplitWordParagraph(xml, {
    before: 'Client : ',
    pieces: ['opis', 'toclientnom', 'complet'],
    after: '.',
  });
  xml = appendSplitWordParagraph(xml, { pieces: ['opistoliste', 'factures'] });
  xml = appendHyperlinkParagraph(
    xml,
    { before: 'Ville : ', pieces: ['opisto', 'clientville'] },
    { firstPieceOutside: true },
  );
  xml = appendTrackedInsertionParagraph(xml, { before: 'CP ', pieces: ['Opistoclient', 'cp'] });
  xml = appendSplitWordParagraph(xml, { before: 'Solde ', pieces: ['opistoclient', 'solde'] });

  const document = parseXml(xml, main);
  if (storyCells(document).length > 0) {
    xml = appendSplitWordParagraph(
      xml,
      { before: 'Cellule ', pieces: ['opisto', 'clientmail'] },
      { into: { kind: 'cell', index: 0 } },
    );
    inserted.add('cell');
  }
  const boxCopies = textBoxes(document)[0]?.length ?? 0;
  if (boxCopies > 0) {
    xml = replaceTextBoxText(xml, 0, { before: 'Boîte ', pieces: ['opisto', 'clientsiret'] });
    inserted.add('textBox');
  }
  writePartText(docx, main, xml);

  for (const part of listTextParts(docx).filter((candidate) =>
    /header|footer/.test(candidate.kind),
  )) {
    const sentence = { before: 'Réf. ', pieces: ['opistoclient', 'numtva'] };
    writePartText(
      docx,
      part.name,
      appendSplitWordParagraph(readPartText(docx, part.name), sentence),
    );
    inserted.add('headerFooter');
  }
  return { file, template: writeDocx(docx), inserted, boxCopies };
}

/** Schema messages without the element path, which moves when paragraphs are added. */
function messagesOf(errors: readonly string[]): Set<string> {
  return new Set(errors.map((error) => error.replace(/^(\S+): \/\S*: /, '$1: ')));
}

const corpus = readCorpus().map(prepare);
const dir = mkdtempSync(join(tmpdir(), 'opisto-corpus-'));
const letters = new Map<string, string>();

describe.each(corpus.map((prepared) => [prepared.file.name, prepared] as const))(
  '%s',
  (name, prepared) => {
    const letter = merge(prepared.template);
    const file = join(dir, name.replace(/\.(docm|dotx)$/, '.docx'));
    writeFileSync(file, letter);
    letters.set(name, file);

    test('body fields are filled', () => {
      const texts = paragraphs(letter);
      expect(texts).toContain('Client : Garage Durand Martin Léa.');
      expect(texts).toContain('Ville : TOULOUSE');
      expect(texts).toContain('CP 31400');
      expect(texts).toContain(`Solde 1${NBSP}554,12`);
      expect(texts).toContain('Total restant :');
      expect(texts).toContain('110,91');
    });

    test('no known field word is left', () => {
      const docx = readDocx(letter);
      for (const part of listTextParts(docx)) {
        const leftover = paragraphs(letter, part.name).filter((text) => KNOWN_FIELD.test(text));
        expect({ part: part.name, leftover }).toEqual({ part: part.name, leftover: [] });
      }
    });

    test('cells, text boxes, headers and footers are filled', () => {
      const docx = readDocx(letter);
      const allText = listTextParts(docx).flatMap((part) => paragraphs(letter, part.name));
      if (prepared.inserted.has('cell')) {
        expect(allText).toContain('Cellule compta@garage-durand.example');
      }
      if (prepared.inserted.has('textBox')) {
        // Both copies of the box, DrawingML and VML, are filled.
        const boxTexts = paragraphs(letter).filter((text) => text === 'Boîte 12345678900012');
        expect(boxTexts).toHaveLength(prepared.boxCopies);
        expect(partXml(letter)).not.toMatch(/Boîte opisto/);
      }
      if (prepared.inserted.has('headerFooter')) {
        expect(allText).toContain('Réf. FR00123456789');
      }
    });

    test('adds no schema error to the template', async () => {
      const before = messagesOf(formatErrors(await validateDocx(prepared.file.bytes)));
      const after = formatErrors(await validateDocx(letter));
      const added = [...messagesOf(after)].filter((message) => !before.has(message));
      expect(added).toEqual([]);
    });

    test('is a plain .docx document', () => {
      const types = partXml(letter, '[Content_Types].xml');
      expect(types).toContain('wordprocessingml.document.main+xml');
      expect(types).not.toMatch(/macroEnabled|template\.main/);
      expect(readDocx(letter).has('word/vbaProject.bin')).toBe(false);
    });
  },
);

test('LibreOffice opens every corpus letter', async () => {
  const texts = await convertToPdfText([...letters.values()], join(dir, 'pdf'));
  for (const [name, file] of letters) {
    const text = texts.get(file) ?? '';
    expect({ name, client: text.includes('Garage Durand Martin Léa') }).toEqual({
      name,
      client: true,
    });
    expect({ name, total: /Total restant :\s+110,91/.test(text) }).toEqual({ name, total: true });
  }
});

test('corpus letters validate where the template did', async () => {
  const results = await validateDocxFiles([...letters.values()]);
  const valid = corpus.filter(
    (prepared) => !/section-break-after|table-in-table/.test(prepared.file.name),
  );
  for (const prepared of valid) {
    const file = letters.get(prepared.file.name) as string;
    expect({ file, errors: formatErrors(results.get(file) ?? []) }).toEqual({ file, errors: [] });
  }
});
