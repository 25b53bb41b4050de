/**
 * `merge --pdf` on the built program: a PDF beside each letter with LibreOffice, and the letters
 * kept when LibreOffice is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { requireTool } from '../support/tools';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opisto-relances.js');
const STARTER = join(ROOT, 'assets', 'templates', 'Relance 1er rappel.docx');
const DEMO_DATA = join(ROOT, 'assets', 'demo', 'debtors.json');
const LETTER = 'Relance 1er rappel - Garage Durand Martin Léa';

function merge(out: string, env: NodeJS.ProcessEnv) {
  const args = ['--template', STARTER, '--data', DEMO_DATA, '--out', out, '--date', '2026-12-04'];
  const report = join(out, 'rapport.json');
  const result = spawnSync(process.execPath, [BIN, 'merge', ...args, '--pdf', '--report', report], {
    encoding: 'utf8',
    cwd: ROOT,
    env,
  });
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as {
    pdfFailed: number;
    letters: { file: string | null; pdf?: string | null; pdfError?: string }[];
  };
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, report: parsed };
}

describe('merge --pdf', () => {
  test('writes a PDF beside each letter', () => {
    requireTool('soffice');
    const out = mkdtempSync(join(tmpdir(), 'opisto-pdf-'));
    const run = merge(out, process.env);

    expect(run.code).toBe(0);
    expect(run.report.pdfFailed).toBe(0);
    expect(existsSync(join(out, `${LETTER}.pdf`))).toBe(true);
    const written = run.report.letters.filter((letter) => letter.file !== null);
    expect(written.every((letter) => letter.pdf?.endsWith('.pdf'))).toBe(true);
    expect(run.stdout).toMatch(/\d+ PDF écrit\(s\) à côté des courriers/);
  });

  test('keeps the letters when LibreOffice is missing', () => {
    const out = mkdtempSync(join(tmpdir(), 'opisto-pdf-'));
    const run = merge(out, { ...process.env, OPISTO_SOFFICE: join(out, 'absent', 'soffice') });

    expect(run.code).toBe(1);
    expect(existsSync(join(out, `${LETTER}.docx`))).toBe(true);
    expect(existsSync(join(out, `${LETTER}.pdf`))).toBe(false);
    const written = run.report.letters.filter((letter) => letter.file !== null);
    expect(run.report.pdfFailed).toBe(written.length);
    expect(run.stderr).toContain('OPISTO_SOFFICE');
  });
});
