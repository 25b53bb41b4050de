/**
 * @jest-environment jsdom
 */
/**
 * What the pane hands to the browser: one letter as its .docx, several in one .zip, started
 * through a temporary link whose object URL is released later.
 */
import { unzipSync } from 'fflate';

import { packageLetters, saveDownload, type Download } from '../../src/pane/merge/downloads';

const letter = (fileName: string, byte: number) => ({ fileName, bytes: new Uint8Array([byte]) });

describe('packageLetters', () => {
  test('gives nothing for no letter', () => {
    expect(packageLetters([], 'Relance - courriers.zip')).toBeNull();
  });

  test('gives one letter as its .docx', () => {
    const download = packageLetters([letter('Relance - Durand.docx', 7)], 'x.zip');

    expect(download?.fileName).toBe('Relance - Durand.docx');
    expect(download?.mimeType).toMatch(/wordprocessingml\.document$/);
    expect(Array.from(download?.bytes ?? [])).toEqual([7]);
  });

  test('zips several letters, numbering a name that comes back after a retry', () => {
    const files = [letter('A.docx', 1), letter('B.docx', 2), letter('A.docx', 3)];
    const download = packageLetters(files, 'Relance - courriers.zip');
    const entries = unzipSync(download?.bytes as Uint8Array);

    expect(download?.fileName).toBe('Relance - courriers.zip');
    expect(download?.mimeType).toBe('application/zip');
    expect(Object.keys(entries)).toEqual(['A.docx', 'B.docx', 'A (2).docx']);
    expect(Array.from(entries['A (2).docx'] ?? [])).toEqual([3]);
  });
});

describe('saveDownload', () => {
  test('clicks a temporary link named after the file, then releases the URL', () => {
    const events: string[] = [];
    let release: (() => void) | undefined;
    const download: Download = {
      fileName: 'Relance.zip',
      mimeType: 'application/zip',
      bytes: new Uint8Array([1]),
    };
    document.addEventListener('click', (event) => {
      const link = event.target as HTMLAnchorElement;
      events.push(`click ${link.download} ${link.getAttribute('href')}`);
      event.preventDefault();
    });

    saveDownload(download, {
      document,
      URL: {
        createObjectURL: (blob) => {
          events.push(`create ${(blob as Blob).type} ${(blob as Blob).size}`);
          return 'blob:letters';
        },
        revokeObjectURL: (url) => events.push(`revoke ${url}`),
      },
      setTimeout: (callback) => {
        release = callback;
      },
    });

    expect(events).toEqual(['create application/zip 1', 'click Relance.zip blob:letters']);
    expect(document.querySelector('a')).toBeNull();
    release?.();
    expect(events.at(-1)).toBe('revoke blob:letters');
  });
});
