/**
 * Hands the letters to the user as a download: one letter as its .docx, several in one .zip, so
 * that the browser asks once rather than once per client.
 */
import { zipSync } from 'fflate';

import type { LetterFile } from './pane-merge';

export type Download = { fileName: string; mimeType: string; bytes: Uint8Array };

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ZIP_TYPE = 'application/zip';

/** Returns what to download for `files`, or null when there is nothing. */
export function packageLetters(files: readonly LetterFile[], archiveName: string): Download | null {
  const [first] = files;
  if (!first) {
    return null;
  }
  if (files.length === 1) {
    return { fileName: first.fileName, mimeType: DOCX_TYPE, bytes: first.bytes };
  }

  const entries: Record<string, Uint8Array> = {};
  for (const file of files) {
    entries[uniqueName(entries, file.fileName)] = file.bytes;
  }
  // A .docx is already compressed: storing it again saves the pane's time.
  return { fileName: archiveName, mimeType: ZIP_TYPE, bytes: zipSync(entries, { level: 0 }) };
}

/** Letters of separate runs (after "Réessayer") may share a name; the later gets a number. */
function uniqueName(taken: Record<string, unknown>, fileName: string): string {
  if (!(fileName in taken)) {
    return fileName;
  }
  const base = fileName.replace(/\.docx$/i, '');
  let copy = 2;
  while (`${base} (${copy}).docx` in taken) {
    copy++;
  }
  return `${base} (${copy}).docx`;
}

/** The parts of `window` a download uses; tests pass jsdom's document with their own URL. */
export type DownloadBrowser = {
  document: Document;
  URL: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  setTimeout: (callback: () => void, ms: number) => unknown;
};

/**
 * Delay before the object URL is released. Browsers start reading the Blob after the click
 * returns, so releasing it at once can cancel the download.
 */
const RELEASE_DELAY_MS = 60_000;

/** Starts the browser's download of `download` through a temporary link. */
export function saveDownload(download: Download, browser: DownloadBrowser = window): void {
  const blob = new Blob([download.bytes as BlobPart], { type: download.mimeType });
  const url = browser.URL.createObjectURL(blob);
  const link = browser.document.createElement('a');
  link.href = url;
  link.download = download.fileName;
  link.style.display = 'none';

  browser.document.body.appendChild(link);
  link.click();
  link.remove();
  browser.setTimeout(() => browser.URL.revokeObjectURL(url), RELEASE_DELAY_MS);
}
