/**
 * The reminder features of the pane as plain data: the pieces a letter listed, the batches of
 * the history, the rows brought up to date, the settings, the search's reminder filters, and the
 * reason "Fusionner" waits for a rate.
 */
import type { DebtorSummary, Reminder } from '../../src/api/contract';
import type { ClientRecord } from '../../src/api/record';
import type { FieldName } from '../../src/merge';
import {
  applyRecordedReminders,
  describeLastReminder,
} from '../../src/pane/debtors/debtor-reminders';
import { buildSearch, daysBefore, EMPTY_FILTERS } from '../../src/pane/debtors/debtor-search';
import { planReminderBatches } from '../../src/pane/merge/history-recording';
import { countOutcomes, retryTargets } from '../../src/pane/merge/merge-history';
import { checkMergeReadiness } from '../../src/pane/merge/merge-readiness';
import type { ClientOutcome, PaneMergeResult } from '../../src/pane/merge/pane-merge';
import { buildReminder, listedPieces } from '../../src/pane/merge/reminder-records';
import { checkRecordBeforeSending } from '../../src/pane/merge/send-check';
import { documentNameOf } from '../../src/pane/services/environment';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  reminderSettings,
  saveSettings,
} from '../../src/pane/services/settings';
import { checkSettings } from '../../src/pane/settings/settings-form';

const LETTER_DATE = '2026-12-04';

/** Builds a record with an invoice late on LETTER_DATE, one not due, a credit note, an order. */
function sampleRecord(): ClientRecord {
  return {
    client: { id: 'C-1', lastName: 'Durand', isProfessional: true },
    invoices: [
      { number: 'F-1', date: '2026-09-01', dueDate: '2026-10-01', totalCents: 1000, paidCents: 0 },
      { number: 'F-2', date: '2026-11-20', dueDate: '2026-12-20', totalCents: 500, paidCents: 0 },
    ],
    creditNotes: [
      { number: 'A-1', date: '2026-10-01', dueDate: '2026-10-01', totalCents: -200, usedCents: 0 },
    ],
    transactions: [
      {
        number: 'C-9',
        type: 'order',
        date: '2026-11-01',
        dueDate: '2026-11-01',
        totalCents: 300,
        paidCents: 0,
      },
    ],
  } as ClientRecord;
}

function numbersOf(fields: FieldName[]): string[] {
  return listedPieces(sampleRecord(), new Set(fields), LETTER_DATE).map(
    (piece) => `${piece.kind}:${piece.number}`,
  );
}

describe('listedPieces', () => {
  test('invoices list: every invoice', () => {
    expect(numbersOf(['opistolistefactures'])).toEqual(['invoices:F-1', 'invoices:F-2']);
  });

  test('combined list: invoices then credit notes', () => {
    expect(numbersOf(['opistolistefacturesavoirs', 'opistoclientsolde'])).toEqual([
      'invoices:F-1',
      'invoices:F-2',
      'creditNotes:A-1',
    ]);
  });

  test('penalty table alone: late invoices only', () => {
    expect(numbersOf(['opistolistepenalites'])).toEqual(['invoices:F-1']);
  });

  test('orders list', () => {
    expect(numbersOf(['opistolistetransactions'])).toEqual(['transactions:C-9']);
  });

  test('no list field: every piece of the letter', () => {
    expect(numbersOf(['opistoclientsolde'])).toEqual([
      'invoices:F-1',
      'invoices:F-2',
      'creditNotes:A-1',
      'transactions:C-9',
    ]);
  });
});

describe('buildReminder', () => {
  test('level, date, template and pieces', () => {
    const reminder = buildReminder(sampleRecord(), {
      level: 'rappel2',
      letterDate: LETTER_DATE,
      templateName: 'Relance 2e rappel.docx',
      fieldsUsed: new Set(['opistolisteavoirs']),
    });

    expect(reminder).toEqual({
      clientId: 'C-1',
      level: 'rappel2',
      date: LETTER_DATE,
      templateName: 'Relance 2e rappel.docx',
      pieces: [{ kind: 'creditNotes', number: 'A-1' }],
    });
  });
});

function reminder(clientId: string, date: string, level: Reminder['level'] = 'rappel2') {
  return { clientId, level, date, templateName: 'Relance.docx', pieces: [] };
}

describe('planReminderBatches', () => {
  test('450 reminders: 200, 200, 50, each with its own key', () => {
    const reminders = Array.from({ length: 450 }, (_, index) =>
      reminder(`C-${index}`, '2026-12-04'),
    );

    const batches = planReminderBatches(reminders);

    expect(batches.map((batch) => batch.reminders.length)).toEqual([200, 200, 50]);
    expect(batches.flatMap((batch) => batch.reminders)).toEqual(reminders);
    const keys = batches.map((batch) => batch.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    keys.forEach((key) => expect(key).toMatch(/^[0-9a-f]{32}$/));
  });

  test('no reminder, no batch', () => {
    expect(planReminderBatches([])).toEqual([]);
  });
});

function summary(id: string, last: DebtorSummary['lastReminder']): DebtorSummary {
  return {
    id,
    displayName: id,
    city: null,
    postalCode: null,
    balanceCents: 0,
    lastReminder: last,
    nextLevel: 'rappel1',
    hasUnmatchedPayments: false,
  };
}

describe('applyRecordedReminders', () => {
  test('moves the last reminder and the next level forward', () => {
    const debtors = [summary('A', null), summary('B', { level: 'rappel1', date: '2026-11-20' })];

    const updated = applyRecordedReminders(debtors, [reminder('B', '2026-12-04')]);

    expect(updated[0]).toBe(debtors[0]);
    expect(updated[1]).toMatchObject({
      lastReminder: { level: 'rappel2', date: '2026-12-04' },
      nextLevel: 'miseEnDemeure',
    });
  });

  test('an older reminder leaves the last one, as the server does', () => {
    const debtors = [summary('A', { level: 'rappel2', date: '2026-12-10' })];

    expect(applyRecordedReminders(debtors, [reminder('A', '2026-12-04', 'rappel1')])[0]).toBe(
      debtors[0],
    );
  });

  test('same day replaces it', () => {
    const debtors = [summary('A', { level: 'rappel1', date: '2026-12-04' })];

    const [updated] = applyRecordedReminders(debtors, [
      reminder('A', '2026-12-04', 'miseEnDemeure'),
    ]);

    expect(updated?.lastReminder?.level).toBe('miseEnDemeure');
    expect(updated?.nextLevel).toBe('miseEnDemeure');
  });
});

describe('describeLastReminder', () => {
  test('level and French date, or null', () => {
    expect(describeLastReminder({ level: 'rappel2', date: '2026-11-03' })).toBe(
      '2e rappel · 03/11/2026',
    );
    expect(describeLastReminder(null)).toBeNull();
  });
});

describe('documentNameOf', () => {
  test.each([
    ['C:\\Users\\compta\\Relance 2e rappel.docx', 'Relance 2e rappel.docx'],
    ['/Users/compta/Documents/Mise en demeure.docx', 'Mise en demeure.docx'],
    ['https://x.sharepoint.com/Docs/Relance%202e%20rappel.docx?web=1', 'Relance 2e rappel.docx'],
    ['https://x.example/100%.docx', '100%.docx'],
  ])('%s', (url, name) => {
    expect(documentNameOf(url)).toBe(name);
  });

  test('no URL, no name', () => {
    expect(documentNameOf('')).toBeUndefined();
    expect(documentNameOf(null)).toBeUndefined();
  });
});

function memory(): Storage {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  } as Storage;
}

describe('reminder settings in storage', () => {
  test('older stored settings get the defaults', () => {
    const storage = memory();
    storage.setItem(
      'opisto-relances.settings',
      JSON.stringify({ apiUrl: 'https://a', apiKey: 'k' }),
    );

    expect(loadSettings(storage, undefined)).toEqual({
      apiUrl: 'https://a',
      apiKey: 'k',
      penaltyRate: '',
      minimumAmount: '0',
    });
  });

  test('values that no longer parse get the defaults', () => {
    const storage = memory();
    saveSettings(storage, 'p', {
      ...DEFAULT_SETTINGS,
      penaltyRate: 'beaucoup',
      minimumAmount: 'x',
    });

    expect(loadSettings(storage, 'p')).toMatchObject({ penaltyRate: '', minimumAmount: '0' });
  });

  test('read as the merge uses them', () => {
    expect(
      reminderSettings({ ...DEFAULT_SETTINGS, penaltyRate: '13,15', minimumAmount: '1 500,5' }),
    ).toEqual({ penaltyRate: { hundredthsOfPercent: 1315 }, minimumCents: 150050 });
    expect(reminderSettings(DEFAULT_SETTINGS)).toEqual({ penaltyRate: null, minimumCents: 0 });
  });
});

describe('checkSettings', () => {
  test('every problem at once', () => {
    const check = checkSettings({
      apiUrl: 'http://opisto.example.fr',
      apiKey: 'k',
      penaltyRate: '13.155',
      minimumAmount: 'dix',
    });

    expect(check.ok).toBe(false);
    expect(Object.keys(check.ok ? {} : check.problems).sort()).toEqual([
      'apiUrl',
      'minimumAmount',
      'penaltyRate',
    ]);
  });

  test('trims, keeps an empty rate, and saves an empty threshold as 0', () => {
    expect(
      checkSettings({ apiUrl: '', apiKey: ' k ', penaltyRate: ' ', minimumAmount: ' ' }),
    ).toEqual({
      ok: true,
      settings: { apiUrl: '', apiKey: 'k', penaltyRate: '', minimumAmount: '0' },
    });
  });
});

describe('buildSearch reminder filters', () => {
  const now = new Date(2026, 2, 1, 9, 30);

  test('days become notRemindedSince, in local calendar days', () => {
    const check = buildSearch(
      { ...EMPTY_FILTERS, notRemindedDays: ' 1 ', nextLevel: 'rappel2' },
      now,
    );

    expect(check).toEqual({
      ok: true,
      request: { query: { notRemindedSince: '2026-02-28', nextLevel: 'rappel2' }, filter: {} },
    });
  });

  test('0 days: not reminded today', () => {
    const check = buildSearch({ ...EMPTY_FILTERS, notRemindedDays: '0' }, now);

    expect(check.ok).toBe(true);
    expect(check.ok ? check.request.query.notRemindedSince : undefined).toBe('2026-03-01');
  });

  test.each(['2,5', '-3', 'dix', '3661'])('rejects %s days', (days) => {
    expect(buildSearch({ ...EMPTY_FILTERS, notRemindedDays: days }, now)).toMatchObject({
      ok: false,
      field: 'notRemindedDays',
    });
  });

  test('daysBefore crosses years', () => {
    expect(daysBefore(new Date(2026, 0, 3), 5)).toBe('2025-12-29');
  });

  test('daysBefore counts days, not 24-hour spans, across summer time', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      // Summer time started on 29/03/2026 in France: that day had 23 hours. Counting back
      // 24 × 24 hours from 00:30 would end on 28/03 at 23:30.
      expect(daysBefore(new Date(2026, 3, 22, 0, 30), 24)).toBe('2026-03-29');
    } finally {
      process.env.TZ = zone;
    }
  });
});

describe('checkMergeReadiness with a penalty template', () => {
  const base = {
    selectedCount: 1,
    template: { kind: 'file' as const, name: 'R.docx', bytes: new Uint8Array() },
    client: { kind: 'missing' as const },
    letterDate: LETTER_DATE,
  };

  test('asks for the rate in Paramètres', () => {
    const readiness = checkMergeReadiness({
      ...base,
      client: { kind: 'ready', client: {} as never },
      fieldsUsed: new Set<FieldName>(['opistototaldu', 'opistoclientnom']),
      penaltyRate: null,
    });

    expect(readiness).toEqual({
      ready: false,
      reason:
        'Taux des pénalités de retard manquant : le modèle utilise opistototaldu. Indiquez le ' +
        'taux annuel de vos conditions générales de vente dans l’onglet Paramètres.',
    });
  });

  test('ready with a rate, or while the fields are unknown', () => {
    const ready = { ...base, client: { kind: 'ready' as const, client: {} as never } };
    const fieldsUsed = new Set<FieldName>(['opistopenalitesretard']);

    expect(
      checkMergeReadiness({ ...ready, fieldsUsed, penaltyRate: { hundredthsOfPercent: 0 } }),
    ).toEqual({ ready: true });
    expect(checkMergeReadiness({ ...ready, fieldsUsed: null, penaltyRate: null })).toEqual({
      ready: true,
    });
  });
});

describe('checkRecordBeforeSending', () => {
  test('names where the threshold is set', () => {
    const reason = checkRecordBeforeSending(sampleRecord(), {
      minimumCents: 100_000,
      confirmUnmatched: false,
    });

    expect(reason?.code).toBe('below_minimum');
    expect(reason?.message).toMatch(/Baissez le seuil .* dans l’onglet Paramètres\.$/);
  });

  test('tells how to include unmatched payments', () => {
    const record = {
      ...sampleRecord(),
      paymentStatus: { unmatchedCount: 1, unmatchedCents: 5000, lastImportDate: null },
    };

    const reason = checkRecordBeforeSending(record, { minimumCents: 0, confirmUnmatched: false });

    expect(reason?.code).toBe('unmatched_payments');
    expect(reason?.message).toMatch(/choisissez « Inclure ces clients »\.$/);
    expect(
      checkRecordBeforeSending(record, { minimumCents: 0, confirmUnmatched: true }),
    ).toBeNull();
  });
});

describe('skipped outcomes', () => {
  const outcomes: ClientOutcome[] = [
    { id: 'A', name: 'A', status: 'skipped', message: 'Rien à réclamer' },
    { id: 'B', name: 'B', status: 'failed', message: 'Échec' },
    { id: 'C', name: 'C', status: 'download', fileName: 'C.docx' },
  ];

  test('counted apart', () => {
    expect(countOutcomes(outcomes)).toEqual({
      opened: 0,
      download: 1,
      failed: 1,
      cancelled: 0,
      skipped: 1,
    });
  });

  test('not retried', () => {
    const result = { outcomes } as PaneMergeResult;
    const debtors = ['A', 'B', 'C'].map((id) => summary(id, null));

    expect(retryTargets(debtors, result).map((debtor) => debtor.id)).toEqual(['B']);
  });
});
