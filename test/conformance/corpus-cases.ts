/**
 * Conformance cases made from the real Word files of the corpus. Field words are inserted the
 * ways Word splits text: over runs of other formatting with spell-check marks, in a hyperlink, in
 * a tracked insertion, in a table cell, in headers and footers. A list word ends the body.
 *
 * No field word goes into a text box, because the Word.js engine leaves such templates to the
 * .docx engine and nothing would be compared.
 */
import type { CorpusFile } from '../support/corpus';
import {
  findMainDocumentPart,
  listTextParts,
  readDocx,
  readPartText,
  writeDocx,
  writePartText,
} from '../support/docx-package';
import {
  appendHyperlinkParagraph,
  appendSplitWordParagraph,
  appendTrackedInsertionParagraph,
} from '../support/split-runs';
import { storyCells } from '../support/word-text';
import { parseXml } from '../support/xml-dom';

/** Returns the corpus file with field words inserted into its body, cells, headers and footers. */
export function insertFieldWords(file: CorpusFile): Uint8Array {
  const docx = readDocx(file.bytes);
  const main = findMainDocumentPart(docx);
  writePartText(docx, main, insertIntoBody(readPartText(docx, main)));

  const headerFooters = listTextParts(docx).filter((part) => /header|footer/.test(part.kind));
  for (const part of headerFooters) {
    const sentence = { before: 'Réf. ', pieces: ['opistoclient', 'numtva'] };
    writePartText(
      docx,
      part.name,
      appendSplitWordParagraph(readPartText(docx, part.name), sentence),
    );
  }
  return writeDocx(docx);
}

function insertIntoBody(original: string): string {
  let xml = appendSplitWordParagraph(original, {
    before: 'Client : ',
    pieces: ['opis', 'toclientnom', 'complet'],
    after: '.',
  });
  xml = appendHyperlinkParagraph(
    xml,
    { before: 'Ville : ', pieces: ['opisto', 'clientville'] },
    { firstPieceOutside: true },
  );
  xml = appendTrackedInsertionParagraph(xml, { before: 'CP ', pieces: ['Opistoclient', 'cp'] });
  xml = appendSplitWordParagraph(xml, { pieces: ['opistoclient', 'adresse2'] });
  xml = appendSplitWordParagraph(xml, {
    before: 'Détail : ',
    pieces: ['opistoliste', 'factures'],
    after: ' à régler.',
  });

  if (storyCells(parseXml(xml, 'main document')).length > 0) {
    const sentence = { before: 'Cellule ', pieces: ['opisto', 'clientmail'] };
    xml = appendSplitWordParagraph(xml, sentence, { into: { kind: 'cell', index: 0 } });
  }
  return xml;
}
