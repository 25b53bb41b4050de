/**
 * Conversion of .docx files to PDF with LibreOffice, and of the PDFs to text with pdftotext, so
 * that tests can check that a letter opens and reads as expected.
 *
 * Cost, measured on the 2-core test machine with LibreOffice 7.4 (an estimate elsewhere): one
 * soffice call costs about 1.0 s, mostly to start with a fresh profile. Each file of one or two
 * pages adds about 40 ms, and the 27 corpus files take 2.1 s in one call. So tests convert all
 * their files in one call, in a `beforeAll`.
 */

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { requireTool, runCommand } from './tools';

export { requireTool } from './tools';

/** Time allowed for soffice to start, before the time per file is added. */
const SOFFICE_START_TIMEOUT_MS = 60_000;
const SOFFICE_TIMEOUT_PER_FILE_MS = 10_000;
const PDFTOTEXT_TIMEOUT_MS = 30_000;

/**
 * Converts .docx (also .docm, .dotx) files to PDF in one soffice call, then extracts each PDF's
 * text with `pdftotext -layout`, and returns the text by input path (as given).
 *
 * Each call uses a fresh LibreOffice profile of its own, so that soffice runs in parallel (other
 * test files, other users of the machine) never share one. A soffice started on a profile in use
 * hands its files to the running instance instead of converting them itself.
 *
 * NOTE: LibreOffice converts a file it cannot read as Word as plain text, so a PDF proves only
 * that a file was converted; tests check the text.
 *
 * @param outDir Folder for the PDFs, created when missing. A PDF there with the name of an
 * output is deleted first, so that a stale file cannot hide a failed conversion.
 * @throws Error when soffice or pdftotext is missing, when two inputs would write the same PDF,
 * or naming every input for which no PDF was produced.
 */
export async function convertToPdfText(
  files: readonly string[],
  outDir: string,
): Promise<Map<string, string>> {
  const soffice = requireTool('soffice');
  requireTool('pdftotext');
  if (files.length === 0) {
    return new Map();
  }

  const pdfByFile = plannedPdfPaths(files, path.resolve(outDir));
  await mkdir(path.resolve(outDir), { recursive: true });
  await Promise.all([...pdfByFile.values()].map((pdf) => rm(pdf, { force: true })));

  await convertWithSoffice(soffice, files, path.resolve(outDir));

  const texts = new Map<string, string>();
  for (const [file, pdf] of pdfByFile) {
    texts.set(file, await extractPdfText(pdf));
  }
  return texts;
}

/**
 * Runs `pdftotext -layout` on a PDF and returns its text, with a form feed between pages.
 *
 * @throws Error when pdftotext is missing or fails.
 */
export async function extractPdfText(pdf: string): Promise<string> {
  const pdftotext = requireTool('pdftotext');
  const result = await runCommand(pdftotext, ['-layout', '-enc', 'UTF-8', pdf, '-'], {
    timeoutMs: PDFTOTEXT_TIMEOUT_MS,
  });
  if (result.code !== 0) {
    throw new Error(`pdftotext failed on ${pdf} (exit code ${result.code}): ${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Returns the PDF path that soffice writes for each input: its base name with `.pdf`.
 *
 * @throws Error when an input is missing or two inputs share a base name.
 */
function plannedPdfPaths(files: readonly string[], outDir: string): Map<string, string> {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`Cannot convert to PDF, input files not found: ${missing.join(', ')}`);
  }

  const pdfByFile = new Map<string, string>();
  const fileByPdf = new Map<string, string>();
  for (const file of files) {
    const pdf = pdfPathFor(file, outDir);
    const clash = fileByPdf.get(pdf);
    if (clash !== undefined) {
      throw new Error(
        `Cannot convert ${clash} and ${file} in one call: both would be written to ${pdf}. ` +
          'Give the inputs distinct base names.',
      );
    }
    fileByPdf.set(pdf, file);
    pdfByFile.set(file, pdf);
  }
  return pdfByFile;
}

/**
 * Runs one soffice conversion with a fresh private profile, removed afterwards.
 *
 * @throws Error naming every input whose PDF is missing afterwards, with soffice's output.
 */
async function convertWithSoffice(
  soffice: string,
  files: readonly string[],
  outDir: string,
): Promise<void> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'lo-'));
  try {
    const args = [
      '--headless',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...files,
    ];
    const timeoutMs = SOFFICE_START_TIMEOUT_MS + SOFFICE_TIMEOUT_PER_FILE_MS * files.length;
    const result = await runCommand(soffice, args, { timeoutMs });

    const failed = files.filter((file) => !existsSync(pdfPathFor(file, outDir)));
    if (failed.length > 0) {
      throw new Error(
        `LibreOffice produced no PDF for ${failed.length} of ${files.length} files:\n` +
          `${failed.map((file) => `  ${file}`).join('\n')}\n` +
          `soffice exit code ${result.code}, output:\n${result.stdout}${result.stderr}`,
      );
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

function pdfPathFor(file: string, outDir: string): string {
  return path.join(outDir, `${path.parse(file).name}.pdf`);
}
