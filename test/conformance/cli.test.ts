/**
 * `npm run conformance`: its exit codes, its French messages and its report lines, run with tsx
 * as the npm script does.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CASES_DIR = join(__dirname, 'cases');

function runCli(...args: string[]) {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, ['scripts/conformance.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('prints its help in French', () => {
  const { code, stdout } = runCli('--help');

  expect(code).toBe(0);
  expect(stdout).toMatch(/^Utilisation : conformance \[options\]/);
  expect(stdout).toContain('--cases <dossier>');
});

test.each([
  [['--cases', CASES_DIR], /^Erreur : option obligatoire manquante : --out <dossier>\./],
  [['--cases', CASES_DIR, '--out', tmpdir(), '--date', '29/10/2018'], /date invalide/],
  [['--cases', join(tmpdir(), 'opisto-absent'), '--out', tmpdir()], /dossier des cas illisible/],
  [['--cases', CASES_DIR, '--out', tmpdir(), '--modele', 'x'], /option inconnue : --modele/],
])('rejects bad arguments %j with exit code 2', (args, message) => {
  const { code, stderr } = runCli(...args);

  expect(code).toBe(2);
  expect(stderr).toMatch(message);
});

test('exits with 0 when every case passes, 1 when one fails', () => {
  const casesDir = mkdtempSync(join(tmpdir(), 'opisto-cli-cases-'));
  cpSync(join(CASES_DIR, 'zone-de-texte'), join(casesDir, 'zone-de-texte'), { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'opisto-cli-out-'));

  const passing = runCli('--cases', casesDir, '--out', out);
  expect(passing.code).toBe(0);
  expect(passing.stdout).toMatch(/^✓ zone-de-texte {2}\(moteur \.docx seulement : /);
  expect(passing.stdout.trim().split('\n').at(-1)).toBe('1 réussi, 0 échoué');

  mkdirSync(join(casesDir, 'sans-fichiers'));
  const failing = runCli('--cases', casesDir, '--out', out, '--date', '2018-10-29');
  expect(failing.code).toBe(1);
  expect(failing.stdout).toMatch(/^✗ sans-fichiers {2}\(fichier manquant : .*template\.docx\)$/m);
  expect(failing.stdout.trim().split('\n').at(-1)).toBe('1 réussi, 1 échoué');
});
