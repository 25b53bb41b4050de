/**
 * PDF copies of the letters, made by LibreOffice in headless mode (`soffice --convert-to pdf`).
 * Each PDF is written beside its .docx. A letter whose conversion fails gets a French message for
 * the user and an English detail for the log, and the other letters are still converted.
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { RunLog } from './log';

/** Outcome for one letter: the PDF's absolute path, or why there is none. */
export type PdfResult =
  | { docx: string; pdf: string }
  | {
      docx: string;
      /** French message for the user, stating what failed and what to do. */
      error: string;
      /** English detail for the log: soffice's exit code, its stderr, the paths involved. */
      logDetail: string;
    };

export type PdfExportOptions = {
  /** Environment for finding soffice and for running it. Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Path of soffice, or null when it is known to be missing. Default: `findSoffice(env)`. */
  soffice?: string | null;
  /** Maximum number of letters per soffice call. */
  batchSize?: number;
  /** Time allowed to one soffice call: `startMs`, plus `perFileMs` for each letter. */
  timeout?: { startMs: number; perFileMs: number };
  log?: Pick<RunLog, 'write'>;
};

/**
 * Letters per soffice call. One call shares the start-up cost (about 1 s with a fresh profile)
 * among its letters, and smaller calls limit how many letters one stuck conversion holds up.
 */
const DEFAULT_BATCH_SIZE = 50;

/**
 * soffice took about 1 s to start and about 40 ms per one-page letter, measured with LibreOffice
 * 7.4 on a 2-core Linux machine (an estimate elsewhere). These limits leave a wide margin for
 * slow disks, large letters and a first start.
 */
const DEFAULT_TIMEOUT = { startMs: 60_000, perFileMs: 5_000 };

/** Maximum length, in characters, of the stderr excerpt in a log line. */
const MAX_STDERR_CHARS = 2_000;

const WINDOWS = process.platform === 'win32';

const KEEP_DOCX = 'Le courrier .docx est écrit quand même.';

/**
 * Finds LibreOffice's soffice program: `OPISTO_SOFFICE` when set, else `soffice` or `libreoffice`
 * on PATH, else the usual install folders of Linux, macOS or Windows. Returns null when none is
 * found. A set `OPISTO_SOFFICE` that names no executable file also returns null, because the user
 * chose that path and another LibreOffice found elsewhere would hide the mistake.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.OPISTO_SOFFICE;
  if (configured !== undefined && configured !== '') {
    return isExecutableFile(configured) ? path.resolve(configured) : null;
  }
  return searchPath(env) ?? installPlaces(env).find(isExecutableFile) ?? null;
}

function searchPath(env: NodeJS.ProcessEnv): string | null {
  // Windows spells it "Path", and a plain object, unlike process.env there, is case-sensitive.
  const folders = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const names = WINDOWS ? ['soffice.exe'] : ['soffice', 'libreoffice'];
  for (const name of names) {
    for (const folder of folders) {
      const candidate = path.resolve(folder, name);
      if (isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return null;
}

function installPlaces(env: NodeJS.ProcessEnv): string[] {
  if (WINDOWS) {
    const programFolders = [
      env.ProgramFiles ?? 'C:\\Program Files',
      env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)',
    ];
    return programFolders.map((folder) =>
      path.join(folder, 'LibreOffice', 'program', 'soffice.exe'),
    );
  }
  if (process.platform === 'darwin') {
    return ['/Applications/LibreOffice.app/Contents/MacOS/soffice'];
  }
  return [
    '/usr/bin/soffice',
    '/usr/bin/libreoffice',
    '/usr/lib/libreoffice/program/soffice',
    ...optInstalls(),
  ];
}

/** Lists the soffice of each /opt/libreoffice* install (LibreOffice's own builds), newest first. */
function optInstalls(): string[] {
  let names: string[];
  try {
    names = readdirSync('/opt');
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith('libreoffice'))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((name) => path.join('/opt', name, 'program', 'soffice'));
}

function isExecutableFile(file: string): boolean {
  try {
    // On Windows, X_OK checks only that the file exists.
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Converts each .docx to a PDF of the same name in the same folder, and returns one result per
 * input, in input order, with `docx` as given. The same path given twice is converted once.
 *
 * Letters are converted in soffice calls of at most `batchSize` letters of one folder, each call
 * with a fresh LibreOffice profile. A PDF left from an earlier run is deleted first, so that a
 * failed conversion cannot look done. A letter that fails does not make the call reject, because
 * its result carries the reason. When soffice is missing, every result carries the same message.
 * The call rejects only when `log.write` throws.
 */
export async function convertLettersToPdf(
  docxPaths: readonly string[],
  options: PdfExportOptions = {},
): Promise<PdfResult[]> {
  const env = options.env ?? process.env;
  const soffice = options.soffice === undefined ? findSoffice(env) : options.soffice;
  // Absolute paths never start with "-", so soffice cannot read a file name as an option.
  const absolutePaths = docxPaths.map((docx) => path.resolve(docx));
  if (soffice === null) {
    return reportMissingSoffice(absolutePaths, env, options.log);
  }

  const results = new Map<string, PdfResult>();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const run: BatchRun = {
    soffice,
    env,
    timeout: options.timeout ?? DEFAULT_TIMEOUT,
    log: options.log,
  };
  for (const [folder, files] of groupByFolder(absolutePaths, results)) {
    for (let start = 0; start < files.length; start += batchSize) {
      const batch = files.slice(start, start + batchSize);
      for (const result of await convertBatch(run, folder, batch)) {
        results.set(result.docx, result);
      }
    }
  }
  return absolutePaths.map((absolute, index) => ({
    ...resultFor(results, absolute),
    docx: docxPaths[index] as string,
  }));
}

function resultFor(results: ReadonlyMap<string, PdfResult>, docx: string): PdfResult {
  const result = results.get(docx);
  if (result === undefined) {
    throw new Error(`No PDF result was recorded for ${docx}`);
  }
  return result;
}

function pdfPathFor(docx: string): string {
  const { dir, name } = path.parse(docx);
  return path.join(dir, `${name}.pdf`);
}

function reportMissingSoffice(
  docxPaths: readonly string[],
  env: NodeJS.ProcessEnv,
  log: PdfExportOptions['log'],
): PdfResult[] {
  const { error, logDetail } = describeMissingSoffice(env.OPISTO_SOFFICE);
  log?.write('error', 'pdf_soffice_missing', { letters: docxPaths.length, detail: logDetail });
  return docxPaths.map((docx) => ({ docx, error, logDetail }));
}

function describeMissingSoffice(configured: string | undefined): {
  error: string;
  logDetail: string;
} {
  if (configured === undefined || configured === '') {
    return {
      error:
        'PDF non créé : LibreOffice est introuvable sur cet ordinateur. Installez LibreOffice, ' +
        'ou indiquez le chemin complet de son programme soffice dans la variable ' +
        `d’environnement OPISTO_SOFFICE. ${KEEP_DOCX}`,
      logDetail: 'soffice not found on PATH nor in the usual LibreOffice install folders',
    };
  }
  return {
    error:
      `PDF non créé : la variable d’environnement OPISTO_SOFFICE indique « ${configured} », ` +
      'mais ce fichier n’existe pas ou ne peut pas être lancé. Indiquez-y le chemin complet du ' +
      'programme soffice de LibreOffice (sous Windows, souvent ' +
      'C:\\Program Files\\LibreOffice\\program\\soffice.exe), ou retirez-la pour que ' +
      `LibreOffice soit cherché aux emplacements habituels. ${KEEP_DOCX}`,
    logDetail: `OPISTO_SOFFICE=${configured} is not an executable file`,
  };
}

/**
 * Groups the letters by folder, because soffice writes all the PDFs of one call to one folder.
 * Records an error at once for a missing letter and for two letters that would make one PDF.
 */
function groupByFolder(
  docxPaths: readonly string[],
  results: Map<string, PdfResult>,
): Map<string, string[]> {
  const byFolder = new Map<string, string[]>();
  const docxByPdf = new Map<string, string>();
  for (const docx of new Set(docxPaths)) {
    const problem = checkInput(docx, docxByPdf);
    if (problem !== null) {
      results.set(docx, problem);
      continue;
    }
    docxByPdf.set(pdfPathFor(docx), docx);
    const folder = path.dirname(docx);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), docx]);
  }
  return byFolder;
}

function checkInput(docx: string, docxByPdf: ReadonlyMap<string, string>): PdfResult | null {
  const name = path.basename(docx);
  if (!isFile(docx)) {
    return {
      docx,
      error: `PDF non créé : le courrier « ${name} » est introuvable, il n’a pas pu être converti.`,
      logDetail: `${docx} is not a file`,
    };
  }
  const pdf = pdfPathFor(docx);
  const other = docxByPdf.get(pdf);
  if (other !== undefined) {
    return {
      docx,
      error:
        `PDF non créé : « ${name} » donnerait le même PDF que « ${path.basename(other)} » ` +
        `(« ${path.basename(pdf)} »). Renommez l’un des deux courriers.`,
      logDetail: `${docx} and ${other} would both be converted to ${pdf}`,
    };
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Settings shared by every soffice call of one conversion. */
type BatchRun = {
  soffice: string;
  env: NodeJS.ProcessEnv;
  timeout: { startMs: number; perFileMs: number };
  log: PdfExportOptions['log'];
};

/** Converts letters of one folder in one soffice call, with a profile of its own. */
async function convertBatch(
  run: BatchRun,
  folder: string,
  docxPaths: readonly string[],
): Promise<PdfResult[]> {
  const { ready, failed } = removeStalePdfs(docxPaths);
  if (ready.length === 0) {
    return failed;
  }

  // A soffice started on a profile that another soffice uses passes its files to that instance
  // and exits. So each call gets a fresh profile, and the user's open LibreOffice is left alone.
  let profile: string;
  try {
    profile = await mkdtemp(path.join(os.tmpdir(), 'opisto-soffice-'));
  } catch (error) {
    return [...failed, ...ready.map((docx) => profileFailure(docx, error))];
  }

  try {
    const timeoutMs = run.timeout.startMs + run.timeout.perFileMs * ready.length;
    const args = sofficeArgs(profile, folder, ready);
    const outcome = await runSoffice(run.soffice, args, timeoutMs, run.env);
    logBatch(run, folder, ready.length, outcome);
    const results = [...failed, ...collectResults(run.soffice, ready, outcome)];
    for (const result of results) {
      if ('error' in result) {
        run.log?.write('error', 'pdf_failed', { docx: result.docx, detail: result.logDetail });
      }
    }
    return results;
  } finally {
    // A profile left behind after a killed soffice only takes space in the temporary folder.
    await rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

function sofficeArgs(profile: string, folder: string, docxPaths: readonly string[]): string[] {
  return [
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    'pdf',
    '--outdir',
    folder,
    ...docxPaths,
  ];
}

/** Deletes the PDF of each letter. A letter whose old PDF cannot be deleted is not converted. */
function removeStalePdfs(docxPaths: readonly string[]): { ready: string[]; failed: PdfResult[] } {
  const ready: string[] = [];
  const failed: PdfResult[] = [];
  for (const docx of docxPaths) {
    const pdf = pdfPathFor(docx);
    try {
      rmSync(pdf, { force: true });
      ready.push(docx);
    } catch (error) {
      const code = errorCode(error);
      failed.push({
        docx,
        error:
          `PDF non créé : l’ancien fichier « ${path.basename(pdf)} » ne peut pas être remplacé ` +
          `(${code}). Fermez-le s’il est ouvert, par exemple dans un lecteur PDF, puis ` +
          'relancez la commande.',
        logDetail: `could not delete the stale ${pdf}: ${code}`,
      });
    }
  }
  return { ready, failed };
}

function profileFailure(docx: string, error: unknown): PdfResult {
  const code = errorCode(error);
  return {
    docx,
    error:
      `PDF non créé : le dossier temporaire de LibreOffice n’a pas pu être créé (${code}). ` +
      'Vérifiez la place libre sur le disque, puis relancez la commande.',
    logDetail: `could not create a LibreOffice profile in ${os.tmpdir()}: ${code}`,
  };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** End state of one soffice call. */
type SofficeOutcome = {
  exitCode: number | null;
  stderr: string;
  timedOut: boolean;
  timeoutMs: number;
  /** Error code when soffice could not be started (ENOENT, EACCES…). */
  startError?: string;
  durationMs: number;
};

/**
 * Runs soffice without a shell and returns its end state. Never rejects. On timeout the whole
 * process tree is killed, because the soffice script starts soffice.bin as a child process.
 *
 * NOTE: on Linux and macOS soffice runs in a process group of its own, so Ctrl+C in the terminal
 * does not reach it: after an interrupted run, it finishes its current call alone.
 */
function runSoffice(
  soffice: string,
  args: readonly string[],
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<SofficeOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(soffice, args, {
      env,
      detached: !WINDOWS,
      windowsHide: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killProcessTree(child.pid);
    }, timeoutMs);

    let settled = false;
    const finish = (exitCode: number | null, startError?: string) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      const text = Buffer.concat(stderr).toString('utf8');
      const durationMs = Date.now() - started;
      resolve({ exitCode, stderr: text, timedOut, timeoutMs, startError, durationMs });
    };
    child.on('error', (error) => finish(null, errorCode(error)));
    child.on('close', (code) => finish(code));
    // After a kill, a process that escaped it could keep stderr open and delay 'close' forever.
    child.on('exit', (code) => {
      if (timedOut) {
        child.stderr.destroy();
        finish(code);
      }
    });
  });
}

function killProcessTree(pid: number | undefined): void {
  if (pid === undefined) {
    return;
  }
  if (WINDOWS) {
    // NOTE: not run on Windows yet. taskkill /T also ends soffice.bin, started by soffice.exe.
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => undefined);
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has already exited.
  }
}

function logBatch(run: BatchRun, folder: string, letters: number, outcome: SofficeOutcome): void {
  run.log?.write(outcome.timedOut || outcome.startError ? 'error' : 'info', 'pdf_batch', {
    soffice: run.soffice,
    folder,
    letters,
    exitCode: outcome.exitCode ?? undefined,
    timedOut: outcome.timedOut,
    startError: outcome.startError,
    durationMs: outcome.durationMs,
  });
}

/**
 * Reads which letters got a PDF. soffice exits with 0 even when it could not load a file, so the
 * PDF on disk is the only proof of a conversion.
 */
function collectResults(
  soffice: string,
  docxPaths: readonly string[],
  outcome: SofficeOutcome,
): PdfResult[] {
  const written = docxPaths.map((docx) => isNonEmptyFile(pdfPathFor(docx)));
  // NOTE: soffice converts its files in argument order (seen with LibreOffice 7.4). After a
  // timeout, the last PDF written may be cut short, so it is deleted and counted as timed out
  // with every letter after it. The PDFs before it are complete.
  const firstUnfinished = outcome.timedOut ? Math.max(0, written.lastIndexOf(true)) : Infinity;

  return docxPaths.map((docx, index) => {
    const pdf = pdfPathFor(docx);
    if (outcome.startError !== undefined) {
      return startFailure(soffice, docx, outcome.startError);
    }
    if (index >= firstUnfinished) {
      deletePartialPdf(pdf);
      return timeoutFailure(docx, outcome);
    }
    if (written[index]) {
      return { docx, pdf };
    }
    return loadFailure(docx, outcome);
  });
}

function deletePartialPdf(pdf: string): void {
  try {
    rmSync(pdf, { force: true });
  } catch {
    // The result already reports the letter as failed, whatever is left on disk.
  }
}

function isNonEmptyFile(file: string): boolean {
  try {
    const stats = statSync(file);
    return stats.isFile() && stats.size > 0;
  } catch {
    return false;
  }
}

function startFailure(soffice: string, docx: string, code: string): PdfResult {
  return {
    docx,
    error:
      `PDF non créé : LibreOffice (${soffice}) n’a pas pu être lancé (${code}). Vérifiez que ` +
      'LibreOffice est bien installé, ou corrigez la variable d’environnement OPISTO_SOFFICE. ' +
      KEEP_DOCX,
    logDetail: `soffice ${soffice} could not start: ${code}`,
  };
}

function timeoutFailure(docx: string, outcome: SofficeOutcome): PdfResult {
  const seconds = Math.round(outcome.timeoutMs / 1000);
  return {
    docx,
    error:
      `PDF non créé : LibreOffice n’a pas fini de convertir « ${path.basename(docx)} » dans ` +
      `le délai prévu (${seconds} s) et a été arrêté. Relancez la commande, ou enregistrez ce ` +
      `courrier en PDF depuis Word. ${KEEP_DOCX}`,
    logDetail:
      `soffice timed out after ${outcome.timeoutMs} ms and was killed before it finished ` +
      `${pdfPathFor(docx)}; stderr: ${excerpt(outcome.stderr)}`,
  };
}

function loadFailure(docx: string, outcome: SofficeOutcome): PdfResult {
  return {
    docx,
    error:
      `PDF non créé : LibreOffice n’a pas pu lire « ${path.basename(docx)} », qui est peut-être ` +
      'abîmé. Ouvrez ce courrier dans Word : s’il s’ouvre, enregistrez-le en PDF depuis Word.',
    // soffice's messages name no file, so the log line carries the whole call's stderr.
    logDetail:
      `soffice ${describeExit(outcome.exitCode)} and wrote no ${pdfPathFor(docx)}; ` +
      `stderr: ${excerpt(outcome.stderr)}`,
  };
}

function describeExit(exitCode: number | null): string {
  return exitCode === null ? 'was ended by a signal' : `exited with code ${exitCode}`;
}

/** Puts stderr on one line and keeps its end, where soffice writes its errors. */
function excerpt(stderr: string): string {
  const line = stderr.trim().split(/\r?\n/).join(' | ');
  if (line === '') {
    return '(empty)';
  }
  return line.length > MAX_STDERR_CHARS ? `…${line.slice(-MAX_STDERR_CHARS)}` : line;
}
