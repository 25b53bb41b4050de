/**
 * Reads back the letters the pane downloaded: a .docx, or a .zip of them, and the text of each
 * letter's body.
 */
import { readFileSync } from 'node:fs';

import type { Download } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';

export interface DownloadedLetter {
  /** The file's name: the download's, or the entry's inside a zip. */
  name: string;
  /** The text of word/document.xml, paragraphs joined by line breaks. */
  text: string;
}

/** Saves each download and returns the letters inside, in the order they came. */
export async function readLetters(downloads: readonly Download[]): Promise<DownloadedLetter[]> {
  const letters: DownloadedLetter[] = [];
  for (const download of downloads) {
    const file = await download.path();
    letters.push(...lettersOf(download.suggestedFilename(), readFileSync(file)));
  }
  return letters;
}

export function lettersOf(name: string, bytes: Uint8Array): DownloadedLetter[] {
  if (name.toLowerCase().endsWith('.zip')) {
    const entries = unzipSync(bytes);
    return Object.entries(entries)
      .filter(([entry]) => entry.toLowerCase().endsWith('.docx'))
      .map(([entry, docx]) => ({ name: entry, text: documentText(docx) }));
  }
  if (name.toLowerCase().endsWith('.docx')) {
    return [{ name, text: documentText(bytes) }];
  }
  throw new Error(`download « ${name} » is neither a .docx nor a .zip`);
}

/** Returns the text of the body: each w:t's content, with a line break after each paragraph. */
export function documentText(docx: Uint8Array): string {
  const part = unzipSync(docx, { filter: (file) => file.name === 'word/document.xml' });
  const xml = part['word/document.xml'];
  if (xml === undefined) {
    throw new Error('the .docx has no word/document.xml');
  }

  const pieces: string[] = [];
  const tokens = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:tab\/>|<w:br\/>/g;
  for (const match of strFromU8(xml).matchAll(tokens)) {
    const text = match[1];
    if (text !== undefined) {
      pieces.push(unescapeXml(text));
    } else {
      pieces.push(match[0] === '<w:tab/>' ? '\t' : '\n');
    }
  }
  return pieces.join('');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
