/**
 * The fake on real Word files written by other people: each opens, takes an inserted word, finds
 * and replaces it, gets a table, and is written back with no schema error its original lacked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readCorpus } from '../support/corpus';
import { formatErrors, validateDocxFiles } from '../support/ooxml-validate';
import { paragraphTexts } from './helpers';
import { FakeWord } from './index';

const corpus = readCorpus();
const written = new Map<string, Uint8Array>();

/** Schema messages without the element path, which moves when content is added. */
function messagesOf(errors: readonly string[]): Set<string> {
  return new Set(errors.map((error) => error.replace(/^(\S+): \/\S*: /, '$1: ')));
}

async function edit(bytes: Uint8Array): Promise<{ found: string[]; docx: Uint8Array }> {
  const word = new FakeWord(bytes);

  await word.run(async (context) => {
    const first = context.document.body.paragraphs.getFirst();
    first.getRange('Start').insertText('opistocorpus ', 'Replace');
    first.insertTable(2, 2, 'After', [
      ['Facture', 'Montant'],
      ['F-1', '12,50'],
    ]);
    const sections = context.document.sections.load('items');
    await context.sync();
    for (const section of sections.items) {
      section
        .getHeader('Primary')
        .paragraphs.getLast()
        .getRange('End')
        .insertText(' opistocorpus', 'End');
    }
  });

  const found = await word.run(async (context) => {
    const results = context.document.body
      .search('OPISTOCORPUS', { matchWholeWord: true, matchCase: false })
      .load('items/text');
    await context.sync();
    results.items.forEach((range) => range.insertText('Valeur remplacée', 'Replace'));
    return results.items.map((range) => range.text);
  });
  return { found, docx: word.openDocument.toDocx() };
}

describe.each(corpus.map((file) => [file.name, file] as const))('%s', (name, file) => {
  test('an inserted word is found once, replaced, and the table inserted', async () => {
    const { found, docx } = await edit(file.bytes);
    written.set(name, docx);

    expect(found).toEqual(['opistocorpus']);
    const texts = paragraphTexts(docx);
    expect(texts.filter((text) => text.startsWith('Valeur remplacée '))).toHaveLength(1);
    expect(texts).toEqual(expect.arrayContaining(['Facture', 'Montant', 'F-1', '12,50']));
    expect(texts.join('\n')).not.toMatch(/opistocorpus/i);
  });
});

test('every file written back adds no schema error to its original', async () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'word-fake-corpus-'));
  const pairs = corpus.map((file) => {
    const output = path.join(directory, file.name);
    writeFileSync(output, written.get(file.name) ?? new Uint8Array());
    return { original: file.path, output };
  });

  const results = await validateDocxFiles(pairs.flatMap((pair) => [pair.original, pair.output]));
  for (const { original, output } of pairs) {
    const before = messagesOf(formatErrors(results.get(original) ?? []));
    const added = [...messagesOf(formatErrors(results.get(output) ?? []))].filter(
      (message) => !before.has(message),
    );
    expect({ file: path.basename(output), added }).toEqual({
      file: path.basename(output),
      added: [],
    });
  }
  expect(written.size).toBe(corpus.length);
});
