/**
 * The `opisto-relances` command as a user runs it: the built program, a real folder, real files.
 * `npm test` builds the program first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { makeDocx, paragraph } from '../fixtures/make-docx';
import example from '../../../shared/spec/example-record.json';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opisto-relances.js');
const STARTER = join(ROOT, 'assets', 'templates', 'Relance 1er rappel.docx');
const DEMO_DATA = join(ROOT, 'assets', 'demo', 'debtors.json');

type Run = { code: number | null; stdout: string; stderr: string };

function cli(...args: string[]): Run {
  // The key comes from the options under test, never from the developer's environment.
  const env = { ...process.env };
  delete env.OPISTO_API_KEY;
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'opisto-cli-'));
}

/** Characters Windows forbids in file names, and its reserved device names. */
// eslint-disable-next-line no-control-regex -- Windows forbids control characters in names.
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)|[. ]$/i;

describe('merge', () => {
  test('writes one letter per client', () => {
    const out = tempDir();
    const report = join(out, 'rapport.json');
    const run = cli(
      'merge',
      '--template',
      STARTER,
      '--data',
      DEMO_DATA,
      '--out',
      out,
      '--date',
      '2026-12-04',
      '--report',
      report,
    );

    // Two demo clients owe nothing (a credit, a zero balance): they get no letter, with reasons.
    expect(run.stderr.match(/Rien à réclamer/g)).toHaveLength(2);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`10 courriers écrits dans ${out}`);
    expect(run.stdout).toContain('2 client(s) sans courrier');

    const letters = readdirSync(out).filter((name) => name.endsWith('.docx'));
    expect(letters).toHaveLength(10);
    expect(letters).toContain('Relance 1er rappel - Garage Durand Martin Léa.docx');
    for (const name of letters) {
      expect({ name, forbidden: WINDOWS_FORBIDDEN.test(name.replace(/\.docx$/, '')) }).toEqual({
        name,
        forbidden: false,
      });
    }

    const content = JSON.parse(readFileSync(report, 'utf8'));
    expect(content.written).toBe(10);
    expect(content.skipped).toBe(2);
    expect(content.failed).toBe(0);
    expect(content.letterDate).toBe('2026-12-04');
    expect(content.letters[0]).toEqual({
      clientId: 'C-000123',
      clientName: 'Garage Durand Martin Léa',
      file: 'Relance 1er rappel - Garage Durand Martin Léa.docx',
      status: 'written',
      errors: [],
    });
  });

  test('a bad record fails alone', () => {
    const out = tempDir();
    const data = join(out, 'clients.json');
    const bad = structuredClone(example);
    bad.client.id = 'C-BAD';
    bad.invoices[1]!.dueDate = '2018-13-01';
    const other = structuredClone(example);
    other.client.id = 'C-OTHER';
    other.client.lastName = 'Autre';
    writeFileSync(data, JSON.stringify([example, bad, other]));

    const run = cli(
      'merge',
      '--template',
      STARTER,
      '--data',
      data,
      '--out',
      out,
      '--report',
      join(out, 'r.json'),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Échec pour le client C-BAD :');
    expect(run.stderr).toContain('invoices[1].dueDate : date invalide « 2018-13-01 »');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out).filter((name) => name.endsWith('.docx'))).toHaveLength(2);

    const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    expect(report.letters.map((letter: { status: string }) => letter.status)).toEqual([
      'written',
      'failed',
      'written',
    ]);
    expect(report.letters[1].file).toBeNull();
    expect(report.letters[1].clientName).toBe('Garage Durand Martin Léa');

    const log = readFileSync(join(out, 'opisto-relances.log'), 'utf8');
    expect(log).toContain('"event":"record_invalid"');
    expect(log).toContain('"clientId":"C-BAD"');
  });

  test('same client name twice gets two files', () => {
    const out = tempDir();
    const data = join(out, 'clients.json');
    const twin = structuredClone(example);
    twin.client.id = 'C-TWIN';
    writeFileSync(data, JSON.stringify([example, twin]));

    expect(cli('merge', '--template', STARTER, '--data', data, '--out', out).code).toBe(0);
    expect(
      readdirSync(out)
        .filter((name) => name.endsWith('.docx'))
        .sort(),
    ).toEqual([
      'Relance 1er rappel - Garage Durand Martin Léa (C-TWIN).docx',
      'Relance 1er rappel - Garage Durand Martin Léa.docx',
    ]);
  });

  test('single document holds every letter', () => {
    const out = tempDir();
    const run = cli(
      'merge',
      '--template',
      STARTER,
      '--data',
      DEMO_DATA,
      '--out',
      out,
      '--single',
      '--report',
      join(out, 'r.json'),
    );

    expect(run.code).toBe(0);
    expect(readdirSync(out).filter((name) => name.endsWith('.docx'))).toEqual([
      'Relance 1er rappel - tous les clients.docx',
    ]);
    const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    expect(report.singleDocument).toBe(true);
    expect(run.stdout).toContain(
      `10 courriers écrits dans ${join(out, 'Relance 1er rappel - tous les clients.docx')}`,
    );
    expect(report.written).toBe(10);
  });

  test('unknown words are reported', () => {
    const out = tempDir();
    const template = join(out, 'modèle.docx');
    writeFileSync(template, makeDocx({ body: paragraph('À opistoclientvile') }));

    const run = cli(
      'merge',
      '--template',
      template,
      '--data',
      DEMO_DATA,
      '--out',
      out,
      '--report',
      join(out, 'r.json'),
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('« opistoclientvile » n’est pas un champ connu');
    expect(run.stderr).toContain('« opistoclientville »');
    const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
    expect(report.unknownWords).toEqual([
      { word: 'opistoclientvile', count: 1, suggestion: 'opistoclientville' },
    ]);
  });
});

describe('usage errors exit with 2', () => {
  const out = tempDir();
  const emptyList = join(out, 'vide.json');
  writeFileSync(emptyList, '[]');
  const brokenJson = join(out, 'casse.json');
  writeFileSync(brokenJson, '[\n  {"client": {"id": "C-1",}}\n]');
  const aFile = join(out, 'fichier');
  writeFileSync(aFile, '');

  test.each([
    ['missing option', ['merge', '--template', STARTER], /option obligatoire manquante : --out/],
    ['unknown command', ['frob'], /commande inconnue : frob/],
    [
      'bad date',
      ['merge', '--template', STARTER, '--data', DEMO_DATA, '--out', out, '--date', '2026-02-30'],
      /--date : date invalide « 2026-02-30 »/,
    ],
    [
      'missing template',
      ['merge', '--template', 'absent.docx', '--data', DEMO_DATA, '--out', out],
      /absent\.docx : fichier introuvable/,
    ],
    [
      'not a docx',
      ['merge', '--template', DEMO_DATA, '--data', DEMO_DATA, '--out', out],
      /n’est pas un document Word \(\.docx\) lisible/,
    ],
    [
      'data is a docx',
      ['merge', '--template', STARTER, '--data', STARTER, '--out', out],
      /pas un fichier de données JSON/,
    ],
    [
      'data not JSON',
      ['merge', '--template', STARTER, '--data', brokenJson, '--out', out],
      /n’est pas du JSON valide \(ligne 2, colonne 27\)/,
    ],
    [
      'no data and no API',
      ['merge', '--template', STARTER, '--out', out],
      /indiquez d’où viennent les clients : --data clients\.json, ou --api/,
    ],
    [
      'data and API both',
      [
        'merge',
        '--template',
        STARTER,
        '--out',
        out,
        '--data',
        DEMO_DATA,
        '--api',
        'http://127.0.0.1:9',
      ],
      /soit --data \(un fichier\), soit --api/,
    ],
    [
      'API key missing',
      ['merge', '--template', STARTER, '--out', out, '--api', 'http://127.0.0.1:9'],
      /clé API manquante/,
    ],
    [
      'API not over HTTPS',
      [
        'merge',
        '--template',
        STARTER,
        '--out',
        out,
        '--api',
        'http://opisto.example.fr',
        '--api-key',
        'k',
      ],
      /https/i,
    ],
    [
      'empty client list',
      ['merge', '--template', STARTER, '--data', emptyList, '--out', out],
      /la liste de clients est vide/,
    ],
    [
      'output is a file',
      ['merge', '--template', STARTER, '--data', DEMO_DATA, '--out', aFile],
      /un fichier porte déjà ce nom/,
    ],
    [
      'misspelt option',
      ['merge', '--modele', STARTER, '--data', DEMO_DATA, '--out', out],
      /option inconnue : --modele/,
    ],
  ])('%s', (_name, args, message) => {
    const run = cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Erreur : /);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('check', () => {
  test('lists fields with counts', () => {
    const run = cli('check', '--template', STARTER);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/opistoclientnomcomplet\s+\d+ fois/);
    expect(run.stdout).toMatch(/opistolistefactures\s+1 fois/);
  });

  test('suggests the nearest name', () => {
    const dir = tempDir();
    const template = join(dir, 'modèle.docx');
    writeFileSync(
      template,
      makeDocx({ body: paragraph('opistoclientvile opistoclientvile Opistoclientnom') }),
    );

    const run = cli('check', '--template', template);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/opistoclientnom\s+1 fois/);
    expect(run.stdout).toMatch(
      /opistoclientvile\s+2 fois ; vouliez-vous dire « opistoclientville » \?/,
    );
  });
});
