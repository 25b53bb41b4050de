/**
 * The pane's merge without React, against a real reference server on loopback and the real API
 * client: letters made by the .docx engine in a plain browser, or in the fake Word object model.
 */
import { unzipSync } from 'fflate';

import { createOpistoClient, type OpistoClient } from '../../src/api/client';
import type { DebtorSummary } from '../../src/api/contract';
import { checkBeforeSending, formatCents } from '../../src/merge';
import { cleanName } from '../../src/merge/file-names';
import { packageLetters } from '../../src/pane/merge/downloads';
import { runPaneMerge, type PaneMergeRequest } from '../../src/pane/merge/pane-merge';
import type { PaneEnvironment } from '../../src/pane/services/environment';
import { pieceKey } from '../../src/pane/state/exclusions';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { API_KEY, startTestServer, type TestServer } from '../server/helpers';
import { FakeWord } from '../word-fake';
import { firstDebtors, letterText, openDocument, TEMPLATE } from './merge-support';

let server: TestServer;
let client: OpistoClient;

beforeEach(async () => {
  server = await startTestServer({ count: 30 });
  // No retries: a stopped server must fail at once, not after the backoff.
  client = createOpistoClient({ baseUrl: server.baseUrl, apiKey: API_KEY, retries: 0 });
});

afterEach(async () => {
  await server.close();
});

function browserMerge(debtors: DebtorSummary[], overrides: Partial<PaneMergeRequest> = {}) {
  const log: string[] = [];
  const result = runPaneMerge({
    client,
    environment: { kind: 'browser' },
    template: { kind: 'file', name: 'Relance.docx', bytes: TEMPLATE },
    debtors,
    filter: {},
    exclusions: new Map(),
    letterDate: '2026-12-04',
    mode: 'perClient',
    level: 'rappel1',
    penaltyRate: null,
    sendChecks: { minimumCents: 0, confirmUnmatched: true },
    log: (line) => log.push(line),
    ...overrides,
  });
  return { result, log };
}

function recordOf(id: string) {
  const record = server.records.find((candidate) => candidate.client.id === id);
  if (!record) {
    throw new Error(`no demo record ${id}`);
  }
  return record;
}

function openInvoices(id: string) {
  return recordOf(id).invoices.filter((invoice) => invoice.paidCents !== invoice.totalCents);
}

describe('runPaneMerge in a plain browser', () => {
  test('makes one .docx per client with its values', async () => {
    const debtors = await firstDebtors(server, 2);
    const progress: string[] = [];
    const { result } = browserMerge(debtors, {
      onProgress: ({ done, total }) => progress.push(`${done}/${total}`),
    });
    const { outcomes, files, error } = await result;

    expect(error).toBeNull();
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['download', 'download']);
    expect(files).toHaveLength(2);
    expect(progress).toEqual(['1/2', '2/2']);
    debtors.forEach((debtor, index) => {
      const text = letterText(files[index]?.bytes as Uint8Array);
      expect(text).toContain(`Client : ${debtor.displayName}`);
      expect(text).toContain(`Solde : ${formatCents(debtor.balanceCents)}`);
      expect(text).toContain('Le 04/12/2026');
      expect(files[index]?.fileName).toBe(
        `${cleanName(`Relance - ${debtor.displayName}`, 150)}.docx`,
      );
    });
  });

  test('puts several letters in one .zip named after the template', async () => {
    const debtors = await firstDebtors(server, 3);
    const { files, archiveName } = await browserMerge(debtors).result;

    const download = packageLetters(files, archiveName);
    const entries = unzipSync(download?.bytes as Uint8Array);

    expect(download?.fileName).toBe('Relance - courriers.zip');
    expect(Object.keys(entries).sort()).toEqual(files.map((file) => file.fileName).sort());
    const first = entries[files[0]?.fileName as string] as Uint8Array;
    expect(letterText(first)).toContain(`Client : ${debtors[0]?.displayName}`);
  });

  test('leaves out the invoice the user excluded', async () => {
    const debtors = await firstDebtors(server, 30);
    const debtor = debtors.find((candidate) => openInvoices(candidate.id).length >= 2);
    const [excluded, kept] = openInvoices(debtor?.id as string);
    const exclusions = new Map([
      [debtor?.id as string, new Set([pieceKey('invoice', excluded?.number as string)])],
    ]);

    const { files } = await browserMerge([debtor as DebtorSummary], { exclusions }).result;
    const text = letterText(files[0]?.bytes as Uint8Array);

    expect(text).toContain(kept?.number);
    expect(text).not.toContain(excluded?.number);
  });

  test('puts every letter in one document for "Un seul document"', async () => {
    const debtors = await firstDebtors(server, 2);
    const { outcomes, files } = await browserMerge(debtors, { mode: 'single' }).result;

    expect(files).toHaveLength(1);
    expect(files[0]?.fileName).toBe('Relance - tous les courriers.docx');
    expect(outcomes.every((outcome) => outcome.status === 'download')).toBe(true);
    const text = letterText(files[0]?.bytes as Uint8Array);
    debtors.forEach((debtor) => expect(text).toContain(`Client : ${debtor.displayName}`));
  });

  test('stops at the next client on cancel and keeps the letter made', async () => {
    const debtors = await firstDebtors(server, 3);
    const abort = new AbortController();
    const { result } = browserMerge(debtors, {
      signal: abort.signal,
      onProgress: ({ done }) => done === 1 && abort.abort(),
    });
    const { outcomes, files, error } = await result;

    expect(error).toBeNull();
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'download',
      'cancelled',
      'cancelled',
    ]);
    expect(letterText(files[0]?.bytes as Uint8Array)).toContain(debtors[0]?.displayName);
    expect(files).toHaveLength(1);
  });

  test('keeps the letters made when the server stops mid-way', async () => {
    const debtors = await firstDebtors(server, 3);
    let closing: Promise<void> = Promise.resolve();
    const { result } = browserMerge(debtors, {
      batchSize: 1,
      onProgress: ({ done }) => {
        if (done === 1) {
          closing = server.app.close();
        }
      },
    });
    const { outcomes, files, error } = await result;
    await closing;

    expect(error).toMatch(/^Serveur Opisto injoignable à l’adresse http:\/\/127\.0\.0\.1/);
    expect(files).toHaveLength(1);
    expect(outcomes[0]?.status).toBe('download');
    expect(outcomes.slice(1)).toEqual(
      debtors.slice(1).map((debtor) => ({
        id: debtor.id,
        name: debtor.displayName,
        status: 'failed',
        message: error,
      })),
    );
  });

  test('says the key is wrong, in French, and makes nothing', async () => {
    const debtors = await firstDebtors(server, 2);
    client = createOpistoClient({ baseUrl: server.baseUrl, apiKey: 'wrong-key', retries: 0 });
    const { result, log } = browserMerge(debtors);
    const { outcomes, files, error } = await result;

    expect(error).toMatch(/clé API/i);
    expect(files).toEqual([]);
    expect(outcomes.every((outcome) => outcome.status === 'failed')).toBe(true);
    expect(log.join('\n')).not.toContain('wrong-key');
  });

  test('reports a client missing from the back office and makes the others', async () => {
    const [debtor] = await firstDebtors(server, 1);
    const ghost = { ...(debtor as DebtorSummary), id: 'ABSENT-1', displayName: 'Fantôme' };
    const { outcomes, files } = await browserMerge([ghost, debtor as DebtorSummary]).result;

    expect(outcomes[0]).toMatchObject({ status: 'failed', name: 'Fantôme' });
    expect(outcomes[0]?.status === 'failed' && outcomes[0].message).toMatch(
      /Client « ABSENT-1 » introuvable dans Opisto/,
    );
    expect(outcomes[1]?.status).toBe('download');
    expect(files).toHaveLength(1);
  });

  test('explains a template that is not a .docx, for every client', async () => {
    const debtors = await firstDebtors(server, 2);
    const template = { kind: 'file' as const, name: 'notes.docx', bytes: new Uint8Array([1, 2]) };
    const { outcomes, error } = await browserMerge(debtors, { template }).result;

    expect(error).toMatch(/n’est pas un document Word \(\.docx\) lisible/);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'failed']);
  });
});

describe('runPaneMerge checks and reminders', () => {
  /** Debtors of the first page that the checks before sending leave out, and the others. */
  async function splitByCheck(confirmUnmatched: boolean) {
    const debtors = await firstDebtors(server, 30);
    const leftOut = debtors.filter((debtor) =>
      checkBeforeSending(recordOf(debtor.id), { minimumCents: 0, confirmUnmatched }),
    );
    return { debtors, leftOut, kept: debtors.filter((debtor) => !leftOut.includes(debtor)) };
  }

  test('skips the clients the checks leave out, with the reason', async () => {
    const { debtors, leftOut, kept } = await splitByCheck(false);
    expect(leftOut.some((debtor) => debtor.hasUnmatchedPayments)).toBe(true);
    const { result, log } = browserMerge(debtors, {
      sendChecks: { minimumCents: 0, confirmUnmatched: false },
    });
    const { outcomes, files } = await result;

    const skipped = outcomes.filter((outcome) => outcome.status === 'skipped');
    expect(skipped.map((outcome) => outcome.id)).toEqual(leftOut.map((debtor) => debtor.id));
    expect(files).toHaveLength(kept.length);
    const unmatched = skipped.find(
      (outcome) => outcome.id === leftOut.find((d) => d.hasUnmatchedPayments)?.id,
    );
    expect(unmatched?.status).toBe('skipped');
    expect(unmatched?.status === 'skipped' ? unmatched.message : '').toMatch(
      /^Paiement non lettré/,
    );
    expect(log.join('\n')).toMatch(/left out: unmatched_payments/);
  });

  test('records one reminder per letter made, in order', async () => {
    const { debtors, kept } = await splitByCheck(true);
    const { reminders } = await browserMerge(debtors, { level: 'rappel2' }).result;

    expect(reminders.map((reminder) => reminder.clientId)).toEqual(kept.map((debtor) => debtor.id));
    for (const reminder of reminders) {
      expect(reminder).toMatchObject({
        level: 'rappel2',
        date: '2026-12-04',
        templateName: 'Relance.docx',
      });
      // The letter lists the invoices of the record, in the order the API sends them.
      const record = await client.getRecord(reminder.clientId);
      expect(reminder.pieces).toEqual(
        record.invoices.map((invoice) => ({ kind: 'invoices', number: invoice.number })),
      );
    }
  });

  test('one document for all: a reminder for each client in it', async () => {
    const debtors = await firstDebtors(server, 3);
    const { reminders, files } = await browserMerge(debtors, { mode: 'single' }).result;

    expect(files).toHaveLength(1);
    expect(reminders.map((reminder) => reminder.clientId)).toEqual(debtors.map((d) => d.id));
  });

  test('cancelled and failed letters have no reminder', async () => {
    const debtors = await firstDebtors(server, 3);
    const ghost = { ...(debtors[0] as DebtorSummary), id: 'ABSENT-1', displayName: 'Fantôme' };
    const abort = new AbortController();
    const { result } = browserMerge([ghost, ...debtors], {
      signal: abort.signal,
      onProgress: ({ done }) => done === 2 && abort.abort(),
    });
    const { outcomes, reminders } = await result;

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'failed',
      'download',
      'cancelled',
      'cancelled',
    ]);
    expect(reminders.map((reminder) => reminder.clientId)).toEqual([debtors[0]?.id]);
  });

  test('penalty fields without a rate stop the run before any letter', async () => {
    const template = makeDocx({ body: paragraph('Total : opistototaldu') });
    const debtors = await firstDebtors(server, 2);
    const { outcomes, files, error, reminders } = await browserMerge(debtors, {
      template: { kind: 'file', name: 'Total.docx', bytes: template },
    }).result;

    expect(error).toMatch(
      /^Taux des pénalités de retard manquant : le modèle utilise opistototaldu/,
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['failed', 'failed']);
    expect(files).toEqual([]);
    expect(reminders).toEqual([]);
  });
});

describe('runPaneMerge inside Word', () => {
  function wordEnvironment(fake: FakeWord, refuses = false): PaneEnvironment {
    return {
      kind: 'word',
      host: fake,
      document: openDocument(TEMPLATE, refuses),
      partitionKey: undefined,
    };
  }

  test('opens each letter in a new Word document', async () => {
    const debtors = await firstDebtors(server, 2);
    const fake = new FakeWord(TEMPLATE);
    const { outcomes, files, notices } = await browserMerge(debtors, {
      environment: wordEnvironment(fake),
      template: { kind: 'openDocument' },
    }).result;

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['opened', 'opened']);
    expect(files).toEqual([]);
    expect(notices).toEqual([]);
    expect(fake.createdDocuments.map((document) => document.opened)).toEqual([true, true]);
    expect(letterText(fake.createdDocuments[1]?.toDocx() as Uint8Array)).toContain(
      `Client : ${debtors[1]?.displayName}`,
    );
  });

  test('offers letters as downloads, with the notice, where Word cannot open them', async () => {
    const debtors = await firstDebtors(server, 2);
    const fake = new FakeWord(TEMPLATE, { openFails: true });
    const { outcomes, files, notices } = await browserMerge(debtors, {
      environment: wordEnvironment(fake),
      template: { kind: 'openDocument' },
    }).result;

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['download', 'download']);
    expect(notices.join(' ')).toMatch(/proposés au téléchargement/);
    expect(files).toHaveLength(2);
    expect(letterText(files[0]?.bytes as Uint8Array)).toContain(debtors[0]?.displayName);
  });

  test('asks for the template file where Word refuses to hand over the open document', async () => {
    const debtors = await firstDebtors(server, 1);
    const fake = new FakeWord(TEMPLATE, { profile: 'web' });
    const { outcomes, error } = await browserMerge(debtors, {
      environment: wordEnvironment(fake, true),
      template: { kind: 'openDocument' },
    }).result;

    expect(error).toMatch(/choisissez plutôt le fichier du modèle/);
    expect(outcomes[0]?.status).toBe('failed');
    expect(fake.createdDocuments).toEqual([]);
  });
});
