import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Document } from '@xmldom/xmldom';

import { isWrittenByWord, readCorpus, type CorpusFile } from './support/corpus';
import {
  editDocxPart,
  findMainDocumentPart,
  listTextParts,
  listWordXmlParts,
  readDocx,
  readPartText,
  writeDocx,
  writePartText,
} from './support/docx-package';
import { convertToPdfText, requireTool } from './support/libreoffice';
import { applyMarkupCompatibility } from './support/markup-compatibility';
import {
  assertValidDocx,
  formatErrors,
  validateDocx,
  validateDocxFiles,
  validateWordPart,
  type PartErrors,
} from './support/ooxml-validate';
import {
  appendHyperlinkParagraph,
  appendSplitWordParagraph,
  appendTrackedInsertionParagraph,
  replaceFirstRunText,
  replaceTextBoxText,
  splitWord,
  type SplitSentence,
} from './support/split-runs';
import {
  firstTextRun,
  paragraphText,
  readParagraphTexts,
  storyCells,
  textBoxes,
} from './support/word-text';
import { childElements, closest, descendantsByName, NS, parseXml } from './support/xml-dom';

const corpus = readCorpus();
const wordFiles = corpus.filter(isWrittenByWord);
const otherFiles = corpus.filter((file) => !isWrittenByWord(file));

const W_NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"';

/** A minimal main document part whose body contains `body`. */
function documentXml(body: string, rootAttributes = 'mc:Ignorable="w14"'): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W_NAMESPACES} ${rootAttributes}><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

function corpusFile(nameStart: string): CorpusFile {
  const file = corpus.find((candidate) => candidate.name.startsWith(nameStart));
  if (file === undefined) {
    throw new Error(`No corpus file starts with ${nameStart}`);
  }
  return file;
}

function mainXml(file: CorpusFile): string {
  const docx = readDocx(file.bytes);
  return readPartText(docx, findMainDocumentPart(docx));
}

function sentenceText(sentence: SplitSentence): string {
  return (sentence.before ?? '') + sentence.pieces.join('') + (sentence.after ?? '');
}

describe('corpus', () => {
  it('holds Word and non-Word files', () => {
    expect(wordFiles.length).toBeGreaterThanOrEqual(20);
    expect(otherFiles.map((file) => file.application)).toEqual([
      expect.stringMatching(/^LibreOffice/),
      expect.stringMatching(/^WPS Office/),
    ]);
  });
});

describe('docx package', () => {
  it('round-trips every part byte for byte', () => {
    for (const file of corpus) {
      const docx = readDocx(file.bytes);
      const copy = readDocx(writeDocx(docx));

      expect([...copy.keys()]).toEqual([...docx.keys()]);
      for (const [name, bytes] of docx) {
        expect(Buffer.from(copy.get(name)!).equals(Buffer.from(bytes))).toBe(true);
      }
    }
  });

  it.each([
    ['Bouke__docx-mailmerge__tests__test_winword2010', 'document.main+xml'],
    ['dotnet__Open-XML-SDK__test__DocumentFormat.OpenXml.Tests.Assets__assets__TestData', '.dotx'],
    ['guigrpa__docx-templates__src____tests____fixtures__macroEnabledTemplate', '.docm'],
  ])('finds main part of %s (%s)', (nameStart) => {
    const docx = readDocx(corpusFile(nameStart).bytes);

    expect(findMainDocumentPart(docx)).toBe('word/document.xml');
  });

  it('lists text parts by kind', () => {
    const docx = readDocx(
      corpusFile('guigrpa__docx-templates__src____tests____fixtures__insertIn').bytes,
    );
    const parts = listTextParts(docx).map((part) => `${part.kind} ${part.name}`);

    expect(parts.sort()).toEqual([
      'endnotes word/endnotes.xml',
      'footer word/footer1.xml',
      'footer word/footer2.xml',
      'footer word/footer3.xml',
      'footnotes word/footnotes.xml',
      'header word/header1.xml',
      'header word/header2.xml',
      'header word/header3.xml',
      'main word/document.xml',
    ]);
  });

  it('lists schema parts, not Word extensions', () => {
    const docx = readDocx(
      corpusFile('open-xml-templating__docxtemplater__examples__tag-with-comment').bytes,
    );
    const names = listWordXmlParts(docx).map((part) => part.name);

    expect(names).toContain('word/comments.xml');
    expect(names).toContain('word/numbering.xml');
    expect(names).not.toContain('word/commentsExtended.xml');
    expect(names).not.toContain('word/fontTable.xml');
  });

  it('rejects bytes that are not a ZIP', () => {
    expect(() => readDocx(new TextEncoder().encode('not a zip'))).toThrow(/not a ZIP archive/);
  });

  it('edits one part and keeps the others', () => {
    const file = corpusFile('Bouke__docx-mailmerge__tests__test_winword2010');
    const edited = readDocx(
      editDocxPart(file.bytes, 'word/document.xml', (xml) => xml.replace('Titel', 'Civilite')),
    );

    expect(readPartText(edited, 'word/document.xml')).toContain('Civilite');
    expect(readPartText(edited, 'word/styles.xml')).toBe(
      readPartText(readDocx(file.bytes), 'word/styles.xml'),
    );
  });
});

describe('markup compatibility', () => {
  it('drops ignorable attributes and elements', () => {
    const xml = documentXml(
      '<w:p w14:paraId="1A2B3C4D" w:rsidR="00AB12CD"><w14:unknown><w:r/></w14:unknown>' +
        '<w:r><w:t>kept</w:t></w:r></w:p>',
    );
    const processed = applyMarkupCompatibility(xml);

    expect(processed).not.toContain('w14:paraId');
    expect(processed).not.toContain('w14:unknown');
    expect(processed).not.toContain('mc:Ignorable');
    expect(processed).toContain('w:rsidR="00AB12CD"');
    expect(processed).toContain('<w:t>kept</w:t>');
  });

  it('keeps non-ignorable extensions', () => {
    const processed = applyMarkupCompatibility(documentXml('<w:p w14:paraId="1A2B3C4D"/>', ''));

    expect(processed).toContain('w14:paraId');
  });

  it('resolves prefixes to namespaces', () => {
    // The same namespace under another prefix is ignorable too, but another namespace under "w14"
    // is not.
    const xml = documentXml(
      '<w:p xmlns:x="http://schemas.microsoft.com/office/word/2010/wordml" x:paraId="1"/>' +
        '<w:p xmlns:w14="urn:other" w14:kept="1"/>',
    );
    const processed = applyMarkupCompatibility(xml);

    expect(processed).not.toContain('x:paraId');
    expect(processed).toContain('w14:kept');
  });

  it('replaces AlternateContent with its Fallback', () => {
    const xml = documentXml(
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="w14"><w14:new/></mc:Choice>' +
        '<mc:Fallback><w:t>old</w:t><w:tab/></mc:Fallback></mc:AlternateContent></w:r>' +
        '<mc:AlternateContent><mc:Choice Requires="w14"><w:r/></mc:Choice>' +
        '</mc:AlternateContent></w:p>',
    );
    const processed = applyMarkupCompatibility(xml);

    expect(processed).toContain('<w:p><w:r><w:t>old</w:t><w:tab/></w:r></w:p>');
    expect(processed).not.toContain('AlternateContent');
  });

  it('keeps content named by ProcessContent', () => {
    const xml = documentXml(
      '<w14:wrapper><w:p><w:r><w:t>inside</w:t></w:r></w:p></w14:wrapper>',
      'mc:Ignorable="w14" mc:ProcessContent="w14:wrapper"',
    );
    const processed = applyMarkupCompatibility(xml);

    expect(processed).toContain('<w:body><w:p><w:r><w:t>inside</w:t></w:r></w:p><w:sectPr/>');
  });

  it('rejects an undeclared prefix', () => {
    expect(() => applyMarkupCompatibility(documentXml('', 'mc:Ignorable="w99"'))).toThrow(
      /prefix "w99".*no namespace declaration/,
    );
  });
});

describe('schema validation', () => {
  let corpusResults: Map<string, PartErrors[]>;

  beforeAll(async () => {
    corpusResults = await validateDocxFiles(corpus.map((file) => file.path));
  });

  it.each(wordFiles.map((file) => [file.name, file]))('Word file validates: %s', (_name, file) => {
    const results = corpusResults.get(file.path) ?? [];

    expect(results.map((result) => result.part)).toContain(
      findMainDocumentPart(readDocx(file.bytes)),
    );
    expect(formatErrors(results)).toEqual([]);
  });

  it('covers every header and footer of Word files', () => {
    const partCount = (kind: string) =>
      wordFiles
        .flatMap((file) => listTextParts(readDocx(file.bytes)))
        .filter((p) => p.kind === kind).length;

    expect(partCount('header')).toBeGreaterThanOrEqual(15);
    expect(partCount('footer')).toBeGreaterThanOrEqual(12);
  });

  it('reports the parts that LibreOffice and WPS write out of order', () => {
    const invalid = otherFiles.flatMap((file) =>
      (corpusResults.get(file.path) ?? [])
        .filter((result) => result.errors.length > 0)
        .map((result) => `${file.application.split(/[/_]/)[0]} ${result.part}`),
    );

    expect(invalid.sort()).toEqual([
      'LibreOffice word/document.xml',
      'LibreOffice word/footer1.xml',
      'LibreOffice word/footer2.xml',
      'LibreOffice word/header2.xml',
      'LibreOffice word/numbering.xml',
      'WPS Office word/settings.xml',
      'WPS Office word/styles.xml',
    ]);
  });

  it('names the misplaced element by its path', () => {
    const file = otherFiles.find((candidate) => candidate.application.startsWith('LibreOffice'))!;
    const main = corpusResults
      .get(file.path)!
      .find((result) => result.part === 'word/document.xml')!;

    expect(main.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          String.raw`^/w:document/w:body/w:p\[\d+\]/w:pPr/w:pStyle: ` +
            "Element 'w:pStyle': This element is not expected",
        ),
      ),
      '/w:document/w:body/w:tbl/w:tr/w:tc/w:p/w:pPr/w:rPr/w:b[2]: ' +
        "Element 'w:b': This element is repeated.",
    ]);
  });

  it('accepts a minimal valid document', async () => {
    const xml = documentXml(
      '<w:p><w:r><w:rPr><w:b/><w:sz w:val="24"/></w:rPr><w:t>a</w:t></w:r></w:p>',
    );

    await expect(validateWordPart(xml, 'word/document.xml')).resolves.toEqual([]);
  });

  it('reports rPr children out of order', async () => {
    const xml = documentXml(
      '<w:p/><w:p><w:r><w:rPr><w:sz w:val="24"/><w:b/></w:rPr><w:t>a</w:t></w:r></w:p>',
    );
    const errors = await validateWordPart(xml, 'word/document.xml');

    // wml.xsd accepts run properties in any order, so this error comes from the order check.
    expect(errors).toEqual([
      "/w:document/w:body/w:p[2]/w:r/w:rPr/w:b: Element 'w:b': This element is out of order " +
        "in w:rPr; it must come before 'w:sz'.",
    ]);
  });

  it('reports repeated run properties', async () => {
    const xml = documentXml(
      '<w:p><w:pPr><w:rPr><w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/><w:b/>' +
        '<w:b/></w:rPr></w:pPr></w:p>',
    );

    await expect(validateWordPart(xml, 'word/document.xml')).resolves.toEqual([
      "/w:document/w:body/w:p/w:pPr/w:rPr/w:b[2]: Element 'w:b': This element is repeated.",
    ]);
  });

  it('reports an unknown run property', async () => {
    const xml = documentXml('<w:p><w:r><w:rPr><w:bold/></w:rPr><w:t>a</w:t></w:r></w:p>');

    await expect(validateWordPart(xml, 'word/document.xml')).resolves.toEqual([
      expect.stringMatching(/^\/w:document\/w:body\/w:p\/w:r\/w:rPr\/w:bold: Element 'w:bold'/),
    ]);
  });

  it('reports an unknown element', async () => {
    const errors = await validateWordPart(
      documentXml('<w:p><w:bogus/></w:p>'),
      'word/document.xml',
    );

    expect(errors).toEqual([
      expect.stringContaining("Element 'w:bogus': This element is not expected"),
    ]);
  });

  it('reports an unknown attribute', async () => {
    const errors = await validateWordPart(
      documentXml('<w:p w:colour="red"/>'),
      'word/document.xml',
    );

    expect(errors).toEqual([expect.stringContaining("attribute 'w:colour'")]);
  });

  it('reports pPr after a run', async () => {
    const errors = await validateWordPart(
      documentXml('<w:p><w:r><w:t>a</w:t></w:r><w:pPr/></w:p>'),
      'word/document.xml',
    );

    expect(errors).toEqual([expect.stringContaining("/w:p/w:pPr: Element 'w:pPr'")]);
  });

  it('validates only the Fallback of AlternateContent', async () => {
    const choiceOnlyInvalid = documentXml(
      '<w:p><mc:AlternateContent><mc:Choice Requires="w14"><w:bogus/></mc:Choice>' +
        '<mc:Fallback><w:r><w:t>a</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>',
    );
    const fallbackInvalid = choiceOnlyInvalid.replace('<w:r><w:t>a</w:t></w:r>', '<w:bogus/>');

    await expect(validateWordPart(choiceOnlyInvalid, 'word/document.xml')).resolves.toEqual([]);
    await expect(validateWordPart(fallbackInvalid, 'word/document.xml')).resolves.toEqual([
      expect.stringContaining("Element 'w:bogus'"),
    ]);
  });

  it('reports extensions that are not ignorable', async () => {
    const xml = documentXml('<w:p w14:paraId="1A2B3C4D"/>', '');

    await expect(validateWordPart(xml, 'word/document.xml')).resolves.toEqual([
      expect.stringContaining("attribute 'w14:paraId'"),
    ]);
  });

  it('reports XML that is not well-formed', async () => {
    const errors = await validateWordPart('<w:document><w:body></w:document>', 'word/document.xml');

    expect(errors).toEqual([expect.stringMatching(/^word\/document\.xml is not well-formed XML/)]);
  });

  it('validates every part of a package', async () => {
    const file = corpusFile('guigrpa__docx-templates__src____tests____fixtures__insertIn');
    const results = await validateDocx(file.bytes);

    expect(results.map((result) => result.part)).toEqual(
      listWordXmlParts(readDocx(file.bytes)).map((part) => part.name),
    );
    expect(formatErrors(results)).toEqual([]);
  });

  it('throws with every invalid part', async () => {
    const docx = readDocx(
      corpusFile('guigrpa__docx-templates__src____tests____fixtures__insertIn').bytes,
    );
    for (const name of ['word/header2.xml', 'word/footer2.xml']) {
      writePartText(docx, name, readPartText(docx, name).replace(/<w:r( [^>]*)?>/, '$&<w:bogus/>'));
    }

    await expect(assertValidDocx(writeDocx(docx), 'letter.docx')).rejects.toThrow(
      /letter\.docx is invalid[^]*word\/header2\.xml: .*w:bogus[^]*word\/footer2\.xml: .*w:bogus/,
    );
  });
});

describe('split runs', () => {
  const sentence: SplitSentence = {
    before: 'Madame ',
    pieces: ['opisto', 'client', 'nom'],
    after: ', bonjour.',
  };

  it.each([
    ['opistoclientnom', 1, ['opistoclientnom']],
    ['opistoclientnom', 2, ['opistocl', 'ientnom']],
    ['opistoclientnom', 3, ['opist', 'oclie', 'ntnom']],
    ['opistocp', 8, ['o', 'p', 'i', 's', 't', 'o', 'c', 'p']],
  ])('splitWord cuts %s in %i', (word, count, pieces) => {
    expect(splitWord(word, count)).toEqual(pieces);
  });

  it('splitWord rejects impossible counts', () => {
    expect(() => splitWord('abc', 0)).toThrow(RangeError);
    expect(() => splitWord('abc', 4)).toThrow(RangeError);
  });

  it('appends a split word before sectPr', () => {
    const xml = appendSplitWordParagraph(
      mainXml(corpusFile('open-xml-templating__docxtemplater__examples__tag-example')),
      sentence,
    );
    const body = descendantsByName(parseXml(xml, 'result'), NS.w, 'body')[0]!;
    const [paragraph, sectionProperties] = childElements(body).slice(-2);
    const content = childElements(paragraph!).map((child) =>
      child.localName === 'proofErr'
        ? `proofErr:${child.getAttributeNS(NS.w, 'type')}`
        : `${child.localName}:${child.textContent}`,
    );

    expect(sectionProperties?.localName).toBe('sectPr');
    expect(paragraphText(paragraph!)).toBe('Madame opistoclientnom, bonjour.');
    expect(content).toEqual([
      'r:Madame ',
      'proofErr:spellStart',
      'r:opisto',
      'proofErr:gramStart',
      'r:client',
      'proofErr:gramEnd',
      'r:nom',
      'proofErr:spellEnd',
      'r:, bonjour.',
    ]);
  });

  it('formats inner pieces and varies rsids', () => {
    const xml = appendSplitWordParagraph(
      documentXml(''),
      {
        pieces: ['opi', 'sto', 'client', 'ville'],
      },
      { innerFormats: ['bold', 'italic'] },
    );
    const runs = descendantsByName(parseXml(xml, 'result'), NS.w, 'r');
    const formats = runs.map((run) =>
      descendantsByName(run, NS.w, 'rPr').flatMap((properties) =>
        childElements(properties).map((child) => child.localName),
      ),
    );
    const rsids = new Set(runs.map((run) => run.getAttributeNS(NS.w, 'rsidR')));

    expect(formats).toEqual([[], ['b', 'bCs'], ['i', 'iCs'], []]);
    expect(rsids.size).toBe(4);
    expect([...rsids].every((rsid) => /^[0-9A-F]{8}$/.test(rsid ?? ''))).toBe(true);
  });

  it('formats the second piece of two', () => {
    const xml = appendSplitWordParagraph(documentXml(''), { pieces: ['opisto', 'datejour'] });
    const runs = descendantsByName(parseXml(xml, 'result'), NS.w, 'r');

    expect(runs.map((run) => descendantsByName(run, NS.w, 'b').length)).toEqual([0, 1]);
  });

  it('replaces the first run and keeps its tail', () => {
    const xml = documentXml(
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
        '<w:r w:rsidR="00000001">' +
        '<w:rPr><w:i/></w:rPr><w:tab/><w:t>Nom</w:t><w:tab/><w:t>x</w:t></w:r>' +
        '<w:r><w:t> fin</w:t></w:r></w:p>',
    );
    const result = replaceFirstRunText(
      xml,
      { kind: 'paragraph', index: 0 },
      {
        before: 'M. ',
        pieces: ['opistoclient', 'nom'],
      },
    );
    const runs = descendantsByName(parseXml(result, 'result'), NS.w, 'r');

    expect(readParagraphTexts(result)).toEqual(['\tM. opistoclientnom\t fin']);
    expect(runs.map((run) => descendantsByName(run, NS.w, 'i').length)).toEqual([1, 1, 0]);
    expect(runs[1]!.getAttributeNS(NS.w, 'rsidR')).not.toBe('00000001');
  });

  it('rejects a missing target', () => {
    expect(() =>
      replaceFirstRunText(documentXml('<w:p/>'), { kind: 'paragraph', index: 3 }, sentence),
    ).toThrow('No paragraph at index 3: the part has 1');
    expect(() => replaceFirstRunText(documentXml('<w:p/>'), { kind: 'part' }, sentence)).toThrow(
      'The part has no run with text (w:t) to replace',
    );
  });

  it('writes both copies of a text box', () => {
    const xml = mainXml(
      corpusFile('guigrpa__docx-templates__src____tests____fixtures__forLoopWithTextBox'),
    );
    const result = replaceTextBoxText(xml, 0, sentence);
    const document = parseXml(result, 'result');
    const copyTexts = (ns: string, localName: string) =>
      descendantsByName(document, ns, localName).flatMap((box) =>
        descendantsByName(box, NS.w, 'p').map(paragraphText),
      );

    expect(textBoxes(document)).toHaveLength(1);
    expect(textBoxes(document)[0]).toHaveLength(2);
    expect(copyTexts(NS.wps, 'txbx')).toEqual(['Madame opistoclientnom, bonjour.']);
    expect(copyTexts(NS.v, 'textbox')).toEqual(['Madame opistoclientnom, bonjour.']);
  });

  it('appends a split word into a cell', async () => {
    const xml = mainXml(
      corpusFile('open-xml-templating__docxtemplater__examples__tag-intelligent-loop-table'),
    );
    const result = appendSplitWordParagraph(xml, sentence, { into: { kind: 'cell', index: 1 } });
    const cell = storyCells(parseXml(result, 'result'))[1]!;
    const paragraphs = childElements(cell).filter((child) => child.localName === 'p');

    expect(paragraphText(paragraphs.at(-1)!)).toBe('Madame opistoclientnom, bonjour.');
    await expect(validateWordPart(result, 'word/document.xml')).resolves.toEqual([]);
  });

  it('puts a word in a hyperlink', () => {
    const xml = appendHyperlinkParagraph(documentXml(''), { pieces: ['opistoclient', 'mail'] });
    const hyperlink = descendantsByName(parseXml(xml, 'result'), NS.w, 'hyperlink')[0]!;

    expect(hyperlink.getAttributeNS(NS.w, 'anchor')).toBe('_top');
    expect(descendantsByName(hyperlink, NS.w, 'r')).toHaveLength(2);
    expect(hyperlink.textContent).toBe('opistoclientmail');
  });

  it('puts a word across a tracked insertion', () => {
    const xml = documentXml(
      '<w:p><w:bookmarkStart w:id="7" w:name="a"/><w:bookmarkEnd w:id="7"/></w:p>',
    );
    const result = appendTrackedInsertionParagraph(
      xml,
      { before: 'Ville : ', pieces: ['opistoclient', 'ville'] },
      { firstPieceOutside: true, author: 'Léa', date: '2025-01-02T03:04:05Z' },
    );
    const insertion = descendantsByName(parseXml(result, 'result'), NS.w, 'ins')[0]!;

    expect(insertion.getAttributeNS(NS.w, 'id')).toBe('8');
    expect(insertion.getAttributeNS(NS.w, 'author')).toBe('Léa');
    expect(insertion.getAttributeNS(NS.w, 'date')).toBe('2025-01-02T03:04:05Z');
    expect(insertion.textContent).toBe('ville');
    expect(readParagraphTexts(result)).toContain('Ville : opistoclientville');
  });
});

/** One field word inserted into a corpus file, and where to look for it. */
interface Insertion {
  part: string;
  how: string;
  sentence: SplitSentence;
  /** Number of paragraphs expected to read the sentence: 2 for the two copies of a text box. */
  copies: number;
  /** Whether the test looks for the word in the text of LibreOffice's PDF. */
  inPdf: boolean;
}

/** How an edit cuts its word and where the word lands. */
interface InsertionShape {
  /** Number of runs the word is cut into (default 3). */
  pieces?: number;
  /** Number of paragraphs that show it, 2 for the two copies of a text box (default 1). */
  copies?: number;
  inTable?: boolean;
}

const FIELD_WORDS = [
  'opistoclientnomcomplet',
  'opistoclientville',
  'opistoclientprenom',
  'opistoclientmail',
  'opistoclientsiret',
  'opistoclientcp',
  'opistoclientsolde',
  'opistoclientnumtva',
];

/**
 * Returns the index of the last table cell with a run with text, skipping the cell whose text
 * contains `avoidedText`; undefined when there is none.
 */
function lastCellWithText(document: Document, avoidedText: string | undefined): number | undefined {
  const cells = storyCells(document);
  for (let index = cells.length - 1; index >= 0; index--) {
    const cell = cells[index]!;
    const texts = descendantsByName(cell, NS.w, 'p').map(paragraphText);
    const isAvoided = avoidedText !== undefined && texts.some((text) => text.includes(avoidedText));
    if (firstTextRun(cell) !== undefined && !isAvoided) {
      return index;
    }
  }
  return undefined;
}

/**
 * Inserts field words into every text part of a Word file with each helper that applies, and
 * returns the edited file with the list of insertions.
 */
function insertFieldWords(file: CorpusFile): { bytes: Uint8Array; insertions: Insertion[] } {
  const docx = readDocx(file.bytes);
  const insertions: Insertion[] = [];
  let counter = 0;
  const nextSentence = (pieceCount: number): SplitSentence => {
    const word = FIELD_WORDS[counter % FIELD_WORDS.length]!;
    counter += 1;
    return { before: `Cas ${counter} `, pieces: splitWord(word, pieceCount), after: ' fin' };
  };

  for (const part of listTextParts(docx).filter((p) =>
    ['main', 'header', 'footer'].includes(p.kind),
  )) {
    let xml = readPartText(docx, part.name);
    const apply = (how: string, edit: (s: SplitSentence) => string, shape: InsertionShape = {}) => {
      const sentence = nextSentence(shape.pieces ?? 3);
      xml = edit(sentence);
      // Headers may be unused on the file's pages, and pdftotext -layout cuts words that wrap
      // in narrow table cells, so only main-document text outside tables is looked for.
      const inPdf = part.kind === 'main' && shape.inTable !== true;
      insertions.push({ part: part.name, how, sentence, copies: shape.copies ?? 1, inPdf });
    };

    // Before any paragraph is added, so that it replaces text the file had.
    const firstRun = firstTextRun(parseXml(xml, part.name).documentElement!);
    if (firstRun !== undefined) {
      const inTable = closest(firstRun, NS.w, 'tc') !== undefined;
      apply('first run', (s) => replaceFirstRunText(xml, { kind: 'part' }, s), {
        pieces: 2,
        inTable,
      });
    }
    apply('split paragraph', (s) => appendSplitWordParagraph(xml, s));
    if (part.kind === 'main') {
      apply('hyperlink', (s) => appendHyperlinkParagraph(xml, s), { pieces: 2 });
      apply('tracked insertion', (s) =>
        appendTrackedInsertionParagraph(xml, s, { firstPieceOutside: true }),
      );
    }

    // The first edit may have written into a cell: keep it readable by editing another.
    const firstRunInsertion = insertions.find((i) => i.part === part.name && i.how === 'first run');
    const avoidedText = firstRunInsertion && sentenceText(firstRunInsertion.sentence);
    const cellIndex = lastCellWithText(parseXml(xml, part.name), avoidedText);
    if (cellIndex !== undefined) {
      const cell = { kind: 'cell', index: cellIndex } as const;
      apply('cell', (s) => replaceFirstRunText(xml, cell, s), { pieces: 2, inTable: true });
    }

    textBoxes(parseXml(xml, part.name)).forEach((copies, index) => {
      const into = { kind: 'textBox', index } as const;
      apply('text box', (s) => appendSplitWordParagraph(xml, s, { into }), {
        copies: copies.length,
      });
    });

    writePartText(docx, part.name, xml);
  }
  return { bytes: writeDocx(docx), insertions };
}

describe('split runs on the corpus', () => {
  const edited = wordFiles.map((file) => ({ file, ...insertFieldWords(file) }));
  let workDir: string;
  let editedPaths: string[];
  let validation: Map<string, PartErrors[]>;
  let pdfTexts: Map<string, string>;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'opisto-split-runs-'));
    editedPaths = edited.map((entry) => path.join(workDir, entry.file.name));
    await Promise.all(edited.map((entry, i) => writeFile(editedPaths[i]!, entry.bytes)));

    validation = await validateDocxFiles(editedPaths);
    pdfTexts = await convertToPdfText(editedPaths, path.join(workDir, 'pdf'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('covers every kind of insertion', () => {
    const kinds = new Set(edited.flatMap((entry) => entry.insertions.map((i) => i.how)));

    expect([...kinds].sort()).toEqual([
      'cell',
      'first run',
      'hyperlink',
      'split paragraph',
      'text box',
      'tracked insertion',
    ]);
  });

  it.each(edited.map((entry, index) => [entry.file.name, index]))(
    'edited file stays valid: %s',
    (_name, index) => {
      expect(formatErrors(validation.get(editedPaths[index]!) ?? [])).toEqual([]);
    },
  );

  it.each(edited.map((entry) => [entry.file.name, entry]))(
    'paragraphs read whole words: %s',
    (_name, entry) => {
      const docx = readDocx(entry.bytes);
      for (const insertion of entry.insertions) {
        const texts = readParagraphTexts(readPartText(docx, insertion.part));
        const label = `${insertion.part} ${insertion.how}`;
        const found = texts.filter((text) => text.includes(insertion.sentence.before ?? ''));
        const expected = Array(insertion.copies).fill(
          expect.stringContaining(sentenceText(insertion.sentence)),
        );

        expect({ label, found }).toEqual({ label, found: expected });
      }
    },
  );

  it.each(edited.map((entry, index) => [entry.file.name, index]))(
    'LibreOffice shows the words: %s',
    (_name, index) => {
      const text = pdfTexts.get(editedPaths[index]!) ?? '';
      const expected = edited[index]!.insertions.filter((insertion) => insertion.inPdf);

      for (const insertion of expected) {
        const word = insertion.sentence.pieces.join('');
        expect(`${insertion.how}: ${text.includes(word)}`).toBe(`${insertion.how}: true`);
      }
    },
  );
});

describe('LibreOffice conversion', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'opisto-libreoffice-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('names every file without a PDF', async () => {
    const brokenA = path.join(workDir, 'broken-a.docx');
    const brokenB = path.join(workDir, 'broken-b.docx');
    await writeFile(brokenA, 'PK\u0003\u0004 truncated archive');
    await writeFile(brokenB, 'PK\u0003\u0004 truncated archive');
    const valid = corpusFile('Bouke__docx-mailmerge__tests__test_winword2010').path;

    const conversion = convertToPdfText([brokenA, valid, brokenB], path.join(workDir, 'pdf'));

    await expect(conversion).rejects.toThrow(
      /no PDF for 2 of 3 files:\n {2}.*broken-a\.docx\n {2}.*broken-b\.docx\n/,
    );
  });

  it('rejects duplicate output names', async () => {
    const copy = path.join(workDir, corpus[0]!.name.replace(/\.docx$/, '.docm'));
    await writeFile(copy, corpus[0]!.bytes);

    await expect(convertToPdfText([corpus[0]!.path, copy], workDir)).rejects.toThrow(
      /both would be written to .*\.pdf/,
    );
  });

  it('requireTool finds installed tools', () => {
    expect(requireTool('soffice')).toMatch(/soffice$/);
    expect(requireTool('pdftotext')).toMatch(/pdftotext$/);
    expect(requireTool('xmllint')).toMatch(/xmllint$/);
  });

  it('requireTool explains a missing tool', () => {
    const savedCi = process.env.CI;
    try {
      process.env.CI = 'true';
      expect(() => requireTool('no-such-tool-opisto')).toThrow(
        /not found on PATH in CI.*apt-get install/,
      );

      process.env.CI = 'false';
      expect(() => requireTool('no-such-tool-opisto')).toThrow(
        /not found on PATH\. .*install the test tools as root with: apt-get install -y/,
      );
    } finally {
      if (savedCi === undefined) {
        delete process.env.CI;
      } else {
        process.env.CI = savedCi;
      }
    }
  });
});
