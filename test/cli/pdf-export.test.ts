/**
 * PDF export of the letters: finding soffice, converting real letters with LibreOffice, and the
 * failures a user can meet (a broken letter, a stale PDF, no LibreOffice, a stuck conversion).
 * The real conversions fail, not skip, when soffice or pdftotext is missing.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { LogFields } from '../../src/cli/log';
import { convertLettersToPdf, findSoffice, type PdfResult } from '../../src/cli/pdf-export';
import { merge, record } from '../engine/helpers';
import { extractPdfText, requireTool } from '../support/libreoffice';

const TEMPLATE = readFileSync(
  resolve(__dirname, '..', '..', 'assets', 'templates', 'Relance 1er rappel.docx'),
);
const DURAND = merge(TEMPLATE);
const VIDAL = merge(
  TEMPLATE,
  record((draft) => {
    draft.client.companyName = 'Carrosserie Vidal';
    draft.client.lastName = 'Vidal';
    draft.client.firstName = 'Marc';
  }),
);

type LogEntry = { level: string; event: string; fields: LogFields };

function collectLog(): { entries: LogEntry[]; write: (...args: LogArgs) => void } {
  const entries: LogEntry[] = [];
  return {
    entries,
    write: (level, event, fields = {}) => entries.push({ level, event, fields }),
  };
}
type LogArgs = [level: 'info' | 'error', event: string, fields?: LogFields];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'opisto-pdf-'));
}

function writeFile(path: string, content: string | Uint8Array): string {
  writeFileSync(path, content);
  return path;
}

/** Writes a shell script that replaces soffice in a test. */
function fakeSoffice(dir: string, body: string, name = 'soffice'): string {
  const script = join(dir, name);
  writeFileSync(script, `#!/bin/sh\n${body}\n`);
  chmodSync(script, 0o755);
  return script;
}

function errorOf(result: PdfResult | undefined): string {
  return result !== undefined && 'error' in result ? result.error : '(no error)';
}

function logDetailOf(result: PdfResult | undefined): string {
  return result !== undefined && 'logDetail' in result ? result.logDetail : '(no detail)';
}

function pdfOf(result: PdfResult | undefined): string | undefined {
  return result !== undefined && 'pdf' in result ? result.pdf : undefined;
}

describe('findSoffice', () => {
  test('uses OPISTO_SOFFICE when it exists', () => {
    const soffice = fakeSoffice(tempDir(), 'exit 0');
    expect(findSoffice({ OPISTO_SOFFICE: soffice, PATH: '' })).toBe(soffice);
  });

  test('rejects a wrong OPISTO_SOFFICE', () => {
    const dir = tempDir();
    fakeSoffice(dir, 'exit 0');
    // A soffice on PATH must not replace the one the user named.
    expect(findSoffice({ OPISTO_SOFFICE: join(dir, 'missing'), PATH: dir })).toBeNull();
    expect(findSoffice({ OPISTO_SOFFICE: dir, PATH: dir })).toBeNull();
  });

  test('searches PATH for soffice, then libreoffice', () => {
    const notExecutable = tempDir();
    writeFile(join(notExecutable, 'soffice'), 'not a program');
    const withLibreOffice = tempDir();
    const libreoffice = fakeSoffice(withLibreOffice, 'exit 0', 'libreoffice');
    const withSoffice = tempDir();
    const soffice = fakeSoffice(withSoffice, 'exit 0');

    const path = [notExecutable, withLibreOffice, withSoffice].join(':');
    expect(findSoffice({ PATH: path })).toBe(soffice);
    expect(findSoffice({ PATH: [notExecutable, withLibreOffice].join(':') })).toBe(libreoffice);
  });

  test('ignores an empty OPISTO_SOFFICE', () => {
    const dir = tempDir();
    const soffice = fakeSoffice(dir, 'exit 0');
    expect(findSoffice({ OPISTO_SOFFICE: '', PATH: dir })).toBe(soffice);
  });
});

describe('convertLettersToPdf with LibreOffice', () => {
  beforeAll(() => {
    requireTool('soffice');
    requireTool('pdftotext');
  });

  test('finds soffice in its install folder without PATH', () => {
    // Debian's libreoffice-writer package installs /usr/bin/soffice.
    expect(process.platform).toBe('linux');
    expect(findSoffice({ PATH: '' })).toBe('/usr/bin/soffice');
  });

  test('writes each PDF beside its letter', async () => {
    const first = tempDir();
    const second = join(tempDir(), 'Dossier « Vidal » été');
    mkdirSync(second);
    const letters = [
      writeFile(join(first, 'Relance - Garage Durand Martin Léa.docx'), DURAND),
      writeFile(join(first, 'Relance - Carrosserie Vidal.docx'), VIDAL),
      writeFile(join(first, 'Relance - copie.docx'), DURAND),
      writeFile(join(second, 'Relance - Carrosserie Vidal.docx'), VIDAL),
    ];
    const log = collectLog();

    const results = await convertLettersToPdf(letters, { batchSize: 2, log });

    expect(results.map((result) => result.docx)).toEqual(letters);
    const pdfs = results.map(pdfOf);
    expect(pdfs).toEqual(letters.map((letter) => letter.replace(/\.docx$/, '.pdf')));
    for (const pdf of pdfs) {
      expect(existsSync(pdf as string)).toBe(true);
    }
    expect(await extractPdfText(pdfs[0] as string)).toContain('Garage Durand Martin Léa');
    expect(await extractPdfText(pdfs[1] as string)).toContain('Carrosserie Vidal Vidal Marc');
    expect(await extractPdfText(pdfs[3] as string)).toContain('Carrosserie Vidal Vidal Marc');

    // Three letters of the first folder in calls of two, then the second folder.
    const batches = log.entries.filter((entry) => entry.event === 'pdf_batch');
    expect(batches.map((entry) => entry.fields.letters)).toEqual([2, 1, 1]);
    expect(batches.map((entry) => entry.fields.folder)).toEqual([first, first, second]);
    expect(log.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  test('broken letter spoils no other', async () => {
    const dir = tempDir();
    const good = writeFile(join(dir, 'Relance - Garage Durand Martin Léa.docx'), DURAND);
    // A letter cut short, as by a full disk: the zip has no central directory.
    const broken = writeFile(join(dir, 'Relance - coupée.docx'), DURAND.subarray(0, 6000));
    const other = writeFile(join(dir, 'Relance - Carrosserie Vidal.docx'), VIDAL);
    // LibreOffice reads a file that is not a zip at all as plain text, and converts it.
    const plainText = writeFile(join(dir, 'Notes.docx'), 'Ceci n’est pas un courrier Word.');
    const log = collectLog();

    const results = await convertLettersToPdf([good, broken, other, plainText], { log });

    expect(await extractPdfText(pdfOf(results[0]) as string)).toContain('Garage Durand');
    expect(await extractPdfText(pdfOf(results[2]) as string)).toContain('Carrosserie Vidal');
    expect(await extractPdfText(pdfOf(results[3]) as string)).toContain('pas un courrier Word');

    expect(pdfOf(results[1])).toBeUndefined();
    expect(existsSync(join(dir, 'Relance - coupée.pdf'))).toBe(false);
    expect(errorOf(results[1])).toMatch(/^PDF non créé : LibreOffice n’a pas pu lire/);
    expect(errorOf(results[1])).toContain('« Relance - coupée.docx »');
    expect(logDetailOf(results[1])).toContain('source file could not be loaded');
    expect(logDetailOf(results[1])).toContain(join(dir, 'Relance - coupée.pdf'));

    const failures = log.entries.filter((entry) => entry.event === 'pdf_failed');
    expect(failures.map((entry) => entry.fields.docx)).toEqual([broken]);
  });

  test('removes a stale PDF before converting', async () => {
    const dir = tempDir();
    const good = writeFile(join(dir, 'Relance - Garage Durand Martin Léa.docx'), DURAND);
    const broken = writeFile(join(dir, 'Relance - coupée.docx'), DURAND.subarray(0, 6000));
    writeFile(join(dir, 'Relance - Garage Durand Martin Léa.pdf'), 'old run');
    writeFile(join(dir, 'Relance - coupée.pdf'), 'old run');

    const results = await convertLettersToPdf([good, broken]);

    expect(await extractPdfText(pdfOf(results[0]) as string)).toContain('Garage Durand');
    expect(errorOf(results[1])).toMatch(/n’a pas pu lire/);
    expect(existsSync(join(dir, 'Relance - coupée.pdf'))).toBe(false);
  });
});

describe('convertLettersToPdf without LibreOffice', () => {
  test('reports a wrong OPISTO_SOFFICE on every letter', async () => {
    const dir = tempDir();
    const letters = [writeFile(join(dir, 'a.docx'), DURAND), writeFile(join(dir, 'b.docx'), VIDAL)];
    const missing = join(dir, 'LibreOffice', 'soffice');
    const log = collectLog();

    const results = await convertLettersToPdf(letters, {
      env: { OPISTO_SOFFICE: missing, PATH: '' },
      log,
    });

    expect(results.map((result) => result.docx)).toEqual(letters);
    const message = errorOf(results[0]);
    expect(errorOf(results[1])).toBe(message);
    expect(message).toContain(`OPISTO_SOFFICE indique « ${missing} »`);
    expect(message).toContain('Le courrier .docx est écrit quand même.');
    expect(logDetailOf(results[0])).toBe(`OPISTO_SOFFICE=${missing} is not an executable file`);
    expect(existsSync(join(dir, 'a.pdf'))).toBe(false);
    expect(log.entries.map((entry) => entry.event)).toEqual(['pdf_soffice_missing']);
  });

  test('tells the user to install LibreOffice', async () => {
    const letter = writeFile(join(tempDir(), 'a.docx'), DURAND);

    const [result] = await convertLettersToPdf([letter], { soffice: null, env: {} });

    expect(errorOf(result)).toMatch(/LibreOffice est introuvable sur cet ordinateur/);
    expect(errorOf(result)).toMatch(/Installez LibreOffice/);
    expect(errorOf(result)).toMatch(/OPISTO_SOFFICE/);
  });

  test('returns nothing for no letters', async () => {
    await expect(convertLettersToPdf([], { soffice: null })).resolves.toEqual([]);
  });
});

describe('convertLettersToPdf with a fake soffice', () => {
  test('kills a stuck soffice and keeps finished PDFs', async () => {
    const dir = tempDir();
    const letters = ['a', 'b', 'c'].map((name) => writeFile(join(dir, `${name}.docx`), 'x'));
    const pidFile = join(dir, 'sleep.pid');
    // Writes the PDF of a, starts the one of b, then hangs like a stuck conversion.
    const soffice = fakeSoffice(
      tempDir(),
      [
        `printf '%%PDF-1.4 done' > '${dir}/a.pdf'`,
        `printf '%%PDF-1.4 cut' > '${dir}/b.pdf'`,
        'sleep 60 &',
        `echo $! > '${pidFile}'`,
        'wait',
      ].join('\n'),
    );
    const log = collectLog();

    const started = Date.now();
    const results = await convertLettersToPdf(letters, {
      soffice,
      timeout: { startMs: 1000, perFileMs: 0 },
      log,
    });

    expect(Date.now() - started).toBeLessThan(10_000);
    expect(pdfOf(results[0])).toBe(join(dir, 'a.pdf'));
    for (const result of results.slice(1)) {
      expect(errorOf(result)).toMatch(/n’a pas fini de convertir .* délai prévu \(1 s\)/);
      expect(logDetailOf(result)).toMatch(/timed out after 1000 ms and was killed/);
    }
    expect(existsSync(join(dir, 'b.pdf'))).toBe(false);
    expect(log.entries.find((entry) => entry.event === 'pdf_batch')?.fields.timedOut).toBe(true);
    // The kill reaches the child processes of soffice too.
    expect(await isRunning(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  test('reports a soffice that cannot start', async () => {
    const dir = tempDir();
    const letter = writeFile(join(dir, 'a.docx'), 'x');
    const notExecutable = writeFile(join(dir, 'soffice'), 'not a program');

    const [result] = await convertLettersToPdf([letter], { soffice: notExecutable });

    expect(errorOf(result)).toContain(`LibreOffice (${notExecutable}) n’a pas pu être lancé`);
    expect(logDetailOf(result)).toBe(`soffice ${notExecutable} could not start: EACCES`);
  });

  test('reports a soffice that writes no PDF', async () => {
    const dir = tempDir();
    const letter = writeFile(join(dir, 'a.docx'), 'x');
    const soffice = fakeSoffice(tempDir(), 'echo "Error: source file could not be loaded" >&2');

    const [result] = await convertLettersToPdf([letter], { soffice });

    expect(errorOf(result)).toMatch(/n’a pas pu lire « a.docx »/);
    expect(logDetailOf(result)).toBe(
      `soffice exited with code 0 and wrote no ${join(dir, 'a.pdf')}; ` +
        'stderr: Error: source file could not be loaded',
    );
  });

  test('rejects missing and clashing letters', async () => {
    const dir = tempDir();
    const calls = join(dir, 'calls');
    const soffice = fakeSoffice(
      tempDir(),
      `echo "$@" >> '${calls}'; printf '%%PDF' > '${dir}/a.pdf'`,
    );
    const letter = writeFile(join(dir, 'a.docx'), 'x');
    const sameName = writeFile(join(dir, 'a.dotx'), 'x');
    const missing = join(dir, 'missing.docx');

    const results = await convertLettersToPdf([letter, missing, sameName, letter], { soffice });

    expect(pdfOf(results[0])).toBe(join(dir, 'a.pdf'));
    expect(errorOf(results[1])).toBe(
      'PDF non créé : le courrier « missing.docx » est introuvable, il n’a pas pu être converti.',
    );
    expect(errorOf(results[2])).toContain('« a.dotx » donnerait le même PDF que « a.docx »');
    expect(pdfOf(results[3])).toBe(join(dir, 'a.pdf'));
    // The letter given twice is converted once, and nothing else reaches soffice.
    const lines = readFileSync(calls, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--headless --norestore --convert-to pdf --outdir /);
    expect(lines[0]?.endsWith(` ${letter}`)).toBe(true);
  });
});

/** Tells whether a process is alive; a zombie left for its parent to reap counts as ended. */
async function isRunning(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const stat = join('/proc', String(pid), 'stat');
    if (!existsSync(stat) || /\) Z /.test(readFileSync(stat, 'utf8'))) {
      return false;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return true;
}
