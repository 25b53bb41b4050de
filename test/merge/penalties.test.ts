import fc from 'fast-check';

import type { Invoice } from '../../src/api/record';
import { buildLetterValues, checkLetterNeeds, MergeError } from '../../src/merge';
import {
  computePenalties,
  daysBetween,
  parsePenaltyRate,
  recoveryIndemnityCents,
  type PenaltyRate,
} from '../../src/merge/penalties';
import { record } from '../engine/helpers';

const RATE_13_15: PenaltyRate = { hundredthsOfPercent: 1315 };

function invoice(dueDate: string, totalCents: number, paidCents = 0): Invoice {
  return {
    number: `F-${dueDate}-${totalCents}`,
    date: '2018-01-01',
    dueDate,
    totalCents,
    paidCents,
  };
}

/** Reads "1 234,56" (no-break space) back as cents. */
function cents(text: string): number {
  const [units = '', decimals = ''] = text.replace(/\u00a0/g, '').split(',');
  const sign = units.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(units)) * 100 + Number(decimals));
}

describe('daysBetween', () => {
  test('counts the 29th of February', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
  });

  test('counts across years and backwards', () => {
    expect(daysBetween('2018-12-31', '2019-01-15')).toBe(15);
    expect(daysBetween('2019-01-15', '2018-12-31')).toBe(-15);
  });
});

describe('computePenalties', () => {
  test('1,000 € at 13.15 % for 30 days', () => {
    // 100000 × 0.1315 × 30 ÷ 365 = 1080.82 cents.
    const result = computePenalties([invoice('2019-01-01', 100_000)], '2019-01-31', RATE_13_15);

    expect(result.penaltyCents).toBe(1081);
    expect(result.lateInvoices[0]?.daysLate).toBe(30);
  });

  test('a leap day counts as a day late', () => {
    const rate = { hundredthsOfPercent: 1000 };
    const leap = computePenalties([invoice('2024-02-28', 36_500)], '2024-03-01', rate);
    const common = computePenalties([invoice('2023-02-28', 36_500)], '2023-03-01', rate);

    expect(leap.penaltyCents).toBe(20);
    expect(common.penaltyCents).toBe(10);
  });

  test('an invoice due on the letter date is not late', () => {
    const result = computePenalties([invoice('2019-01-31', 100_000)], '2019-01-31', RATE_13_15);

    expect(result.lateInvoices).toEqual([]);
    expect(result.penaltyCents).toBe(0);
  });

  test('a partial payment leaves the remainder', () => {
    // 30000 × 0.12 × 73 ÷ 365 = 720 cents exactly.
    const rate = { hundredthsOfPercent: 1200 };
    const result = computePenalties([invoice('2019-01-01', 50_000, 20_000)], '2019-03-15', rate);

    expect(result.lateInvoices[0]?.remainingCents).toBe(30_000);
    expect(result.penaltyCents).toBe(720);
  });

  test('a paid invoice is never late', () => {
    const result = computePenalties(
      [invoice('2019-01-01', 50_000, 50_000)],
      '2019-06-01',
      RATE_13_15,
    );
    expect(result.lateInvoices).toEqual([]);
  });

  test('rounds the sum once, not each row', () => {
    // Each invoice owes 146 × 0.10 × 10 ÷ 365 = 0.4 cent: rows show 0, the total 0.8 → 1.
    const rate = { hundredthsOfPercent: 1000 };
    const due = [invoice('2019-01-01', 146), invoice('2019-01-01', 146)];
    const result = computePenalties(due, '2019-01-11', rate);

    expect(result.lateInvoices.map((late) => late.penaltyCents)).toEqual([0, 0]);
    expect(result.penaltyCents).toBe(1);
  });

  test('the total is within half a cent per row of the rows', () => {
    const invoices = fc.array(
      fc.record({
        dueDay: fc.integer({ min: 0, max: 2000 }),
        totalCents: fc.integer({ min: 1, max: 100_000_000 }),
        paidShare: fc.integer({ min: 0, max: 100 }),
      }),
      { maxLength: 30 },
    );
    const rate = fc.integer({ min: 0, max: 10_000 });

    fc.assert(
      fc.property(invoices, rate, (drawn, hundredths) => {
        const list = drawn.map((entry) => {
          const due = new Date(Date.UTC(2018, 0, 1 + entry.dueDay)).toISOString().slice(0, 10);
          const paid = Math.floor((entry.totalCents * entry.paidShare) / 100);
          return invoice(due, entry.totalCents, paid);
        });
        const result = computePenalties(list, '2021-06-30', { hundredthsOfPercent: hundredths });
        const rowSum = result.lateInvoices.reduce((sum, late) => sum + late.penaltyCents, 0);

        expect(Math.abs(result.penaltyCents - rowSum)).toBeLessThanOrEqual(
          result.lateInvoices.length / 2 + 0.5,
        );
        expect(result.lateInvoices.every((late) => late.daysLate > 0)).toBe(true);
      }),
    );
  });
});

describe('parsePenaltyRate', () => {
  test.each([
    ['13.15', 1315],
    ['13,15', 1315],
    ['13,15 %', 1315],
    [' 10 ', 1000],
    ['0', 0],
    ['100', 10_000],
    [13.15, 1315],
  ])('reads %p', (input, hundredths) => {
    expect(parsePenaltyRate(input)).toEqual({ hundredthsOfPercent: hundredths });
  });

  test.each(['', 'abc', '-1', '100.01', '1.234', '13.15.2', '1e2'])('rejects %p', (input) => {
    expect(parsePenaltyRate(input)).toBeNull();
  });
});

describe('recovery indemnity', () => {
  test('40 € per late invoice for a professional', () => {
    expect(recoveryIndemnityCents(3, true)).toBe(12_000);
  });

  test('nothing for a consumer', () => {
    expect(recoveryIndemnityCents(3, false)).toBe(0);
  });
});

describe('amounts due in a letter', () => {
  // On 2019-01-15 the example's two invoices (due 2018-11-30 and 2018-12-31) are late.
  const options = { penaltyRate: RATE_13_15 };

  test('a professional owes 40 € per late invoice', () => {
    const values = buildLetterValues(record(setBuyer(true)), '2019-01-15', options);
    expect(values.text.opistoindemniterecouvrement).toBe('80,00');
  });

  test('a consumer owes no indemnity', () => {
    const values = buildLetterValues(record(setBuyer(false)), '2019-01-15', options);
    expect(values.text.opistoindemniterecouvrement).toBe('0,00');
  });

  test('penalties by hand for the worked example', () => {
    // 1091 × 0.1315 × 46 ÷ 365 + 10000 × 0.1315 × 15 ÷ 365 = 18.08 + 54.04 = 72.12 cents.
    // Total due: 110.91 € of invoices − 54.55 € of credit note + 0.72 € penalties + 2 × 40 €
    // indemnity = 137.08 €.
    const values = buildLetterValues(record(setBuyer(true)), '2019-01-15', options);

    expect(values.text.opistopenalitesretard).toBe('0,72');
    expect(values.text.opistototaldu).toBe('137,08');
  });

  test('credit notes change no penalty', () => {
    const withNotes = buildLetterValues(record(setBuyer(true)), '2019-01-15', options);
    const without = buildLetterValues(
      record((draft) => {
        setBuyer(true)(draft);
        draft.creditNotes = [];
      }),
      '2019-01-15',
      options,
    );

    expect(without.text.opistopenalitesretard).toBe(withNotes.text.opistopenalitesretard);
    // The total due nets the 54.55 € credit note.
    expect(without.text.opistototaldu).toBe('191,63');
    expect(withNotes.text.opistototaldu).toBe('137,08');
  });

  test('the total due is the sum of its parts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dueDay: fc.integer({ min: 0, max: 900 }),
            totalCents: fc.integer({ min: 1, max: 10_000_000 }),
            paidCents: fc.integer({ min: 0, max: 1_000_000 }),
          }),
          { maxLength: 20 },
        ),
        fc.boolean(),
        fc.integer({ min: 0, max: 10_000 }),
        (drawn, professional, hundredths) => {
          const client = record((draft) => {
            setBuyer(professional)(draft);
            draft.invoices = drawn.map((entry, index) => ({
              number: `F${index}`,
              date: '2018-01-01',
              dueDate: new Date(Date.UTC(2018, 0, 1 + entry.dueDay)).toISOString().slice(0, 10),
              totalCents: entry.totalCents,
              paidCents: Math.min(entry.paidCents, entry.totalCents),
            }));
          });
          const rate = { hundredthsOfPercent: hundredths };
          const values = buildLetterValues(client, '2020-06-30', { penaltyRate: rate });
          const parts =
            values.lists.opistolistefacturesavoirs.totalCents +
            cents(values.text.opistopenalitesretard) +
            cents(values.text.opistoindemniterecouvrement);

          expect(cents(values.text.opistototaldu)).toBe(parts);
          expect(values.lists.opistolistepenalites.totalCents).toBe(
            cents(values.text.opistopenalitesretard),
          );
        },
      ),
    );
  });

  test('no rate leaves the penalty fields empty', () => {
    const values = buildLetterValues(record(setBuyer(true)), '2019-01-15');

    expect(values.text.opistoindemniterecouvrement).toBe('80,00');
    expect(values.text.opistopenalitesretard).toBe('');
    expect(values.text.opistototaldu).toBe('');
    expect(values.lists.opistolistepenalites.rows).toEqual([]);
  });

  test('a template with penalties needs a rate', () => {
    const fieldsUsed = new Set(['opistopenalitesretard'] as const);
    const client = record(setBuyer(true)).client;

    expect(() => checkLetterNeeds(client, fieldsUsed, {})).toThrow(MergeError);
    expect(() => checkLetterNeeds(client, fieldsUsed, {})).toThrow(/--penalty-rate/);
  });

  test('the indemnity needs the kind of client', () => {
    const fieldsUsed = new Set(['opistoindemniterecouvrement'] as const);
    const unknown = record(setBuyer(null));

    expect(() => buildLetterValues(unknown, '2019-01-15', { fieldsUsed })).toThrow(
      /professionnel ou un particulier/,
    );
    expect(buildLetterValues(unknown, '2019-01-15').text.opistoindemniterecouvrement).toBe('');
  });
});

function setBuyer(isProfessional: boolean | null) {
  return (draft: { client: Record<string, unknown> }): void => {
    draft.client.isProfessional = isProfessional;
  };
}
