/**
 * The command line's reminder options: the level, the penalty rate, the threshold and the
 * confirmation for unmatched payments, on the built program with real files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { strFromU8, unzipSync } from 'fflate';

import { makeDocx, paragraph } from '../fixtures/make-docx';
import { readParagraphTexts } from '../support/word-text';
import example from '../../../shared/spec/example-record.json';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'opisto-relances.js');

const TEMPLATE = makeDocx({
  body: [
    paragraph('opistoniveaurelance pour opistoclientnom'),
    paragraph('Pénalités : opistopenalitesretard €'),
    paragraph('opistosipro Indemnité : opistoindemniterecouvrement €'),
    paragraph('opistosiparticulier Aucune indemnité.'),
    paragraph('Total dû : opistototaldu €'),
  ].join(''),
});

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes the template and the records to a new folder; returns the paths. */
function setUp(records: object[], templateName = 'Relance 2e rappel.docx') {
  const dir = mkdtempSync(join(tmpdir(), 'opisto-reminders-'));
  const template = join(dir, templateName);
  const data = join(dir, 'clients.json');
  writeFileSync(template, TEMPLATE);
  writeFileSync(data, JSON.stringify(records));
  return { dir, template, data, out: join(dir, 'out'), report: join(dir, 'rapport.json') };
}

function client(id: string, changes: Record<string, unknown> = {}, extra: object = {}) {
  const draft = structuredClone(example);
  return { ...draft, ...extra, client: { ...draft.client, id, lastName: id, ...changes } };
}

function letterTexts(path: string): string[] {
  const xml = strFromU8(unzipSync(readFileSync(path))['word/document.xml'] as Uint8Array);
  return readParagraphTexts(xml);
}

describe('merge with reminder options', () => {
  test('fills penalties and keeps the right paragraph', () => {
    const paths = setUp([client('Pro', { isProfessional: true })]);
    const run = cli(
      'merge',
      ...['--template', paths.template, '--data', paths.data, '--out', paths.out],
      ...['--date', '2019-01-15', '--penalty-rate', '13,15'],
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Niveau de relance : 2e rappel (d’après le nom du modèle');
    expect(letterTexts(join(paths.out, 'Relance 2e rappel - Garage Durand Pro Léa.docx'))).toEqual([
      '2e rappel pour Pro',
      'Pénalités : 0,72 €',
      'Indemnité : 80,00 €',
      'Total dû : 137,08 €',
    ]);
  });

  test('a chosen level wins over the name', () => {
    const paths = setUp([client('Particulier', { isProfessional: false })]);
    const run = cli(
      'merge',
      ...['--template', paths.template, '--data', paths.data, '--out', paths.out],
      ...['--date', '2019-01-15', '--penalty-rate', '10', '--level', '3'],
    );
    const file = join(paths.out, 'Relance 2e rappel - Garage Durand Particulier Léa.docx');

    expect(run.code).toBe(0);
    expect(letterTexts(file)[0]).toBe('Mise en demeure pour Particulier');
    expect(letterTexts(file)).toContain('Aucune indemnité.');
  });

  test('API-only options are refused with --data', () => {
    const paths = setUp([client('Pro', { isProfessional: true })]);
    const run = cli(
      'merge',
      ...['--template', paths.template, '--data', paths.data, '--out', paths.out],
      ...['--penalty-rate', '10', '--due-before', '2019-01-01', '--no-history'],
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--due-before, --no-history : ces options ne servent qu’avec --api',
    );
  });

  test('penalty fields without a rate stop the run', () => {
    const paths = setUp([client('Pro', { isProfessional: true })]);
    const run = cli(
      'merge',
      '--template',
      paths.template,
      '--data',
      paths.data,
      '--out',
      paths.out,
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('aucun taux de pénalités de retard n’est indiqué');
  });

  test.each([
    ['--penalty-rate', '13.155', 'taux invalide'],
    ['--level', '4', 'niveau inconnu'],
    ['--min-amount', 'dix', 'montant invalide'],
  ])('%s %s is rejected', (option, value, message) => {
    const paths = setUp([client('Pro', { isProfessional: true })]);
    const run = cli(
      'merge',
      ...['--template', paths.template, '--data', paths.data, '--out', paths.out],
      ...['--penalty-rate', '10', option, value],
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('a client of unknown kind fails alone', () => {
    const paths = setUp([client('Inconnu'), client('Pro', { isProfessional: true })]);
    const run = cli(
      'merge',
      ...['--template', paths.template, '--data', paths.data, '--out', paths.out],
      ...['--penalty-rate', '10', '--report', paths.report],
    );
    const report = JSON.parse(readFileSync(paths.report, 'utf8')) as {
      letters: { clientId: string; status: string; errors: string[] }[];
    };

    expect(run.code).toBe(1);
    expect(report.letters.map((letter) => letter.status)).toEqual(['failed', 'written']);
    expect(report.letters[0]?.errors[0]).toContain('professionnel ou un particulier');
  });
});

describe('checks before sending', () => {
  const unmatched = {
    paymentStatus: { unmatchedCount: 1, unmatchedCents: 25_000, lastImportDate: '2019-01-10' },
  };

  test('leaves out the threshold and unmatched clients, with reasons', () => {
    const invoice = { number: 'F1', date: '2018-10-01', dueDate: '2018-11-01', paidCents: 0 };
    const owing = (totalCents: number) => ({
      invoices: [{ ...invoice, totalCents }],
      creditNotes: [],
    });
    const paths = setUp([
      client('Petit', { isProfessional: true }, owing(1000)),
      client('NonLettre', { isProfessional: true }, unmatched),
      client('Solde', { isProfessional: true }, owing(0)),
      client('Ok', { isProfessional: true }, owing(1500)),
    ]);
    const run = cli(
      'merge',
      ...['--template', paths.template, '--data', paths.data, '--out', paths.out],
      ...['--penalty-rate', '10', '--min-amount', '15', '--report', paths.report],
    );
    const report = JSON.parse(readFileSync(paths.report, 'utf8')) as {
      skipped: number;
      letters: { clientId: string; status: string; errors: string[] }[];
    };

    expect(run.code).toBe(0);
    expect(report.skipped).toBe(3);
    expect(report.letters.map((letter) => letter.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'written',
    ]);
    expect(report.letters[0]?.errors[0]).toContain('moins que le seuil de 15,00 €');
    expect(report.letters[1]?.errors[0]).toContain('Paiement non lettré');
    expect(report.letters[2]?.errors[0]).toContain('Rien à réclamer');
    expect(run.stderr).toContain('--confirm-unmatched');
  });

  test('the confirmation includes unmatched clients, with a warning', () => {
    const paths = setUp([client('NonLettre', { isProfessional: true }, unmatched)]);
    const run = cli(
      'merge',
      ...['--template', paths.template, '--data', paths.data, '--out', paths.out],
      ...['--penalty-rate', '10', '--confirm-unmatched'],
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 courrier écrit');
    expect(run.stderr).toContain('paiement non lettré : vérifiez avant d’envoyer');
  });
});
