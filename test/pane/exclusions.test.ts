import { parseClientRecord } from '../../src/api/parse-record';
import type { ClientRecord } from '../../src/api/record';
import {
  applyExclusions,
  pieceKey,
  pieceKeys,
  toggleExclusion,
  type Exclusions,
} from '../../src/pane/state/exclusions';
import example from '../../../shared/spec/example-record.json';

function recordWithInvoices(numbers: string[]): ClientRecord {
  const draft = structuredClone(example);
  const model = draft.invoices[0] as (typeof draft.invoices)[number];
  draft.invoices = numbers.map((number, index) => ({ ...model, number, totalCents: 100 + index }));
  const parsed = parseClientRecord(draft);
  if (!parsed.ok) {
    throw new Error(parsed.problems.join('\n'));
  }
  return parsed.record;
}

describe('pieceKeys', () => {
  test('names pieces by kind and number', () => {
    expect(pieceKeys('invoice', [{ number: 'A' }, { number: 'B' }])).toEqual([
      'invoice:A',
      'invoice:B',
    ]);
  });

  test('ranks a number seen again', () => {
    expect(pieceKeys('creditNote', [{ number: 'A' }, { number: 'A' }, { number: 'A' }])).toEqual([
      'creditNote:A',
      'creditNote:A#2',
      'creditNote:A#3',
    ]);
  });
});

describe('applyExclusions', () => {
  test('leaves out the excluded invoice only', () => {
    const record = recordWithInvoices(['F1', 'F2', 'F3']);

    const kept = applyExclusions(record, new Set([pieceKey('invoice', 'F2')]));

    expect(kept.invoices.map((invoice) => invoice.number)).toEqual(['F1', 'F3']);
    expect(kept.creditNotes).toEqual(record.creditNotes);
  });

  test('leaves out one of two invoices with the same number', () => {
    const record = recordWithInvoices(['DUP', 'DUP']);

    const kept = applyExclusions(record, new Set([pieceKey('invoice', 'DUP', 2)]));

    expect(kept.invoices.map((invoice) => invoice.totalCents)).toEqual([100]);
  });

  test('returns the record itself when nothing is left out', () => {
    const record = recordWithInvoices(['F1']);

    expect(applyExclusions(record, undefined)).toBe(record);
  });
});

describe('toggleExclusion', () => {
  test('adds and removes a piece, and forgets an empty debtor', () => {
    const none: Exclusions = new Map();

    const one = toggleExclusion(none, 'C1', 'invoice:F1', true);
    expect([...(one.get('C1') ?? [])]).toEqual(['invoice:F1']);

    const back = toggleExclusion(one, 'C1', 'invoice:F1', false);
    expect(back.has('C1')).toBe(false);
    expect(none.size).toBe(0);
  });
});
