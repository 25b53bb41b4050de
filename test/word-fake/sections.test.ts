/**
 * Sections, headers and footers: each kind of header, headers a section inherits from the one
 * before, and headers the package lacks until something is written to them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { unzipSync } from 'fflate';

import { CORPUS_DIR } from '../support/corpus';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { assertValidDocx } from '../support/ooxml-validate';
import { paragraphTexts, partXml, syncError } from './helpers';
import { FakeWord } from './index';

function corpusFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(CORPUS_DIR, name)));
}

const ODD_EVEN = corpusFile(
  'python-openxml__python-docx__features__steps__test_files__doc-odd-even-hdrs.docx',
);
const TWO_SECTIONS = corpusFile(
  'python-openxml__python-docx__features__steps__test_files__sct-first-page-hdrftr.docx',
);

type Kind = 'Primary' | 'FirstPage' | 'EvenPages';

async function headerTexts(word: FakeWord, sectionIndex: number, kinds: readonly Kind[]) {
  return word.run(async (context) => {
    const sections = context.document.sections.load('items');
    await context.sync();
    const section = sections.items[sectionIndex]!;
    const bodies = kinds.map((kind) => section.getHeader(kind).load('text'));
    await context.sync();
    return bodies.map((body) => body.text);
  });
}

describe('headers of each kind', () => {
  test('Primary, EvenPages and FirstPage are the default, even and first references', async () => {
    const word = new FakeWord(ODD_EVEN);
    expect(await headerTexts(word, 0, ['Primary', 'EvenPages', 'FirstPage'])).toEqual([
      'Odd page header.',
      'Even page header.',
      '',
    ]);
  });

  test('a header search finds and replaces in that header only', async () => {
    const word = new FakeWord(ODD_EVEN);
    await word.run(async (context) => {
      const header = context.document.sections.getFirst().getHeader('EvenPages');
      header.search('page', { matchWholeWord: true }).getFirst().insertText('side', 'Replace');
    });
    const docx = word.openDocument.toDocx();
    expect(paragraphTexts(docx, 'word/header1.xml')).toEqual(['Even side header.']);
    expect(paragraphTexts(docx, 'word/header2.xml')).toEqual(['Odd page header.']);
  });

  test('footers are read the same way', async () => {
    const word = new FakeWord(
      makeDocx({ body: paragraph('Corps'), footer: paragraph('Page opistopage') }),
    );
    const found = await word.run(async (context) => {
      const footer = context.document.sections.getFirst().getFooter('Primary');
      const results = footer.search('opistopage', { matchWholeWord: true }).load('items/text');
      await context.sync();
      return results.items.map((range) => range.text);
    });
    expect(found).toEqual(['opistopage']);
  });

  test('an unknown header type is rejected', async () => {
    const word = new FakeWord(ODD_EVEN);
    const error = await word.run(async (context) => {
      context.document.sections.getFirst().getHeader('Odd' as Kind);
      return syncError(context);
    });
    expect(error).toMatchObject({
      code: 'InvalidArgument',
      debugInfo: { errorLocation: 'Section.getHeader' },
    });
  });
});

describe('sections', () => {
  test('a section without references inherits the previous section headers', async () => {
    const word = new FakeWord(TWO_SECTIONS);
    expect(await headerTexts(word, 1, ['Primary', 'FirstPage'])).toEqual([
      'Default (odd, primary) Header',
      'First Page Header (section 2)',
    ]);

    // The inherited header is the same story: writing through section 2 changes section 1's.
    await word.run(async (context) => {
      const second = context.document.sections.getFirst().getNext();
      second
        .getHeader('Primary')
        .paragraphs.getFirst()
        .getRange('Start')
        .insertText('* ', 'Replace');
    });
    expect(await headerTexts(word, 0, ['Primary'])).toEqual(['* Default (odd, primary) Header']);
  });

  test('getNext after the last section fails with ItemNotFound at sync', async () => {
    const word = new FakeWord(TWO_SECTIONS);
    const error = await word.run(async (context) => {
      context.document.sections.getFirst().getNext().getNext();
      return syncError(context);
    });
    expect(error).toMatchObject({
      code: 'ItemNotFound',
      debugInfo: { errorLocation: 'Section.getNext' },
    });
  });

  test('sections are the section breaks, then the body last section', async () => {
    const word = new FakeWord(TWO_SECTIONS);
    const count = await word.run(async (context) => {
      const sections = context.document.sections.load('items');
      await context.sync();
      return sections.items.length;
    });
    expect(count).toBe(2);
  });
});

describe('a header the package lacks', () => {
  const docx = makeDocx({ body: paragraph('Corps') });

  test('reads as one empty paragraph, and is not written while untouched', async () => {
    const word = new FakeWord(docx);
    expect(await headerTexts(word, 0, ['Primary', 'FirstPage'])).toEqual(['', '']);
    expect(Object.keys(unzipSync(word.openDocument.toDocx())).sort()).toEqual(
      Object.keys(unzipSync(docx)).sort(),
    );
  });

  test('is added to the package once written', async () => {
    const word = new FakeWord(docx);
    await word.run(async (context) => {
      const header = context.document.sections.getFirst().getHeader('FirstPage');
      header.paragraphs.getFirst().insertParagraph('Entête ajouté', 'Before');
    });

    const written = word.openDocument.toDocx();
    expect(paragraphTexts(written, 'word/header1.xml')).toEqual(['Entête ajouté', '']);
    expect(partXml(written, 'word/_rels/document.xml.rels')).toMatch(
      /<Relationship Id="(rId\d+)" Type="[^"]*\/header" Target="header1.xml"\/>/,
    );
    expect(partXml(written, '[Content_Types].xml')).toContain(
      '<Override PartName="/word/header1.xml" ContentType="application/' +
        'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>',
    );
    expect(partXml(written)).toMatch(
      /<w:sectPr><w:headerReference w:type="first" r:id="rId\d+"\/><w:pgSz/,
    );
    await assertValidDocx(written);

    // Written twice, the package gets the part once.
    expect(partXml(word.openDocument.toDocx()).match(/headerReference/g)).toHaveLength(1);
  });
});

describe('parts written back', () => {
  test('parts of untouched stories keep their bytes; only the edited story changes', async () => {
    const word = new FakeWord(ODD_EVEN);
    await word.run(async (context) => {
      const results = context.document.body.search('Second', {}).load('items');
      const header = context.document.sections.getFirst().getHeader('Primary');
      header.search('page', {});
      await context.sync();
      expect(results.items).toHaveLength(1);
      results.items[0]!.insertText('2nd', 'Replace');
    });

    const before = unzipSync(ODD_EVEN);
    const after = unzipSync(word.openDocument.toDocx());
    const changed = Object.keys(before).filter(
      (name) => Buffer.compare(Buffer.from(before[name]!), Buffer.from(after[name]!)) !== 0,
    );
    expect(changed).toEqual(['word/document.xml']);
  });
});
