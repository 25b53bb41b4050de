import fc from 'fast-check';

import { parseClientRecord } from '../../src/api/parse-record';
import type { ClientRecord } from '../../src/api/record';
import { LIST_FIELDS, TEXT_FIELDS } from '../../src/merge/fields';
import { buildListTable, formatTotal } from '../../src/merge/lists';
import { buildLetterValues, fullName } from '../../src/merge/values';
import example from '../../../shared/spec/example-record.json';

const NBSP = '\u00a0';

function exampleRecord(): ClientRecord {
  const parsed = parseClientRecord(example);
  if (!parsed.ok) {
    throw new Error(parsed.problems.join('\n'));
  }
  return parsed.record;
}

describe('text fields of the worked example', () => {
  const values = buildLetterValues(exampleRecord(), '2018-10-29').text;

  test.each([
    ['opistoclientprenom', 'Léa'],
    ['opistoclientnom', 'Martin'],
    ['opistoclientnomcomplet', 'Garage Durand Martin Léa'],
    ['opistoclientraisonsociale', 'Garage Durand'],
    ['opistoclientadresse1', '12 rue des Lilas'],
    ['opistoclientadresse2', ''],
    ['opistoclientcp', '31400'],
    ['opistoclientville', 'TOULOUSE'],
    ['opistoclientsolde', `1${NBSP}554,12`],
    ['opistoclientencoursaccorde', `5${NBSP}000,00`],
    ['opistoclientmail', 'compta@garage-durand.example'],
    ['opistoclientnumtva', 'FR00123456789'],
    ['opistoclientremisepourcent', '5'],
    ['opistoclienttelprincipal', '05 00 00 00 01'],
    ['opistoclienttelsecondaire', ''],
    ['opistoclientsiret', '12345678900012'],
    ['opistodatejour', '29/10/2018'],
  ] as const)('%s is «%s»', (field, expected) => {
    expect(values[field]).toBe(expected);
  });

  test('every text field has a value', () => {
    expect(Object.keys(values).sort()).toEqual([...TEXT_FIELDS].sort());
  });
});

describe('fullName', () => {
  const client = exampleRecord().client;

  test.each([
    [{ companyName: null }, 'Martin Léa'],
    [{ firstName: '' }, 'Garage Durand Martin'],
    [{ lastName: '  ', firstName: null }, 'Garage Durand'],
    [{ companyName: null, lastName: null, firstName: null }, ''],
  ])('%o gives «%s»', (change, expected) => {
    expect(fullName({ ...client, ...change })).toBe(expected);
  });
});

describe('list tables', () => {
  const record = exampleRecord();

  test('invoices of the worked example', () => {
    const table = buildListTable('opistolistefactures', record);
    expect(table.columns.map((column) => column.header)).toEqual([
      'Date',
      'Date échéance',
      'Num facture',
      'Total',
      'Déjà payé',
      'Restant',
    ]);
    expect(table.rows).toEqual([
      ['29/10/2018', '31/12/2018', '518100007', '100,00', '0,00', '100,00'],
      ['29/10/2018', '30/11/2018', '518100005', '10,91', '0,00', '10,91'],
    ]);
    expect(table.totalLabel).toBe('Total restant :');
    expect(formatTotal(table)).toBe('110,91');
  });

  test('combined list nets credit notes', () => {
    const table = buildListTable('opistolistefacturesavoirs', record);
    expect(table.rows.map((row) => row[2])).toEqual(['518100007', '518100005', '518100006']);
    expect(table.rows[2]?.[5]).toBe('-54,55');
    expect(formatTotal(table)).toBe('56,36');
  });

  test('credit notes list', () => {
    const table = buildListTable('opistolisteavoirs', record);
    expect(table.columns.map((column) => column.header)).toEqual([
      'Date',
      'Date échéance',
      'Num avoir',
      'Total',
      'Déjà utilisé',
      'Restant à utiliser',
    ]);
    expect(formatTotal(table)).toBe('-54,55');
  });

  test('transactions list', () => {
    const table = buildListTable('opistolistetransactions', record);
    expect(table.columns.map((column) => column.header)).toEqual([
      'Date création',
      'Date échéance',
      'Num transaction',
      'Type',
      'Total',
      'Déjà payé',
      'Restant',
    ]);
    expect(table.rows).toEqual([
      ['15/10/2018', '15/11/2018', 'CDE-2018-0042', 'Commande', '240,00', '80,00', '160,00'],
    ]);
    expect(formatTotal(table)).toBe('160,00');
  });

  test('amount columns are right-aligned', () => {
    for (const field of LIST_FIELDS) {
      const alignments = buildListTable(field, record).columns.map((column) => column.alignment);
      expect(alignments.slice(-3)).toEqual(['right', 'right', 'right']);
      expect(alignments[0]).toBe('left');
    }
  });

  test('empty lists give a sentence', () => {
    const empty = { invoices: [], creditNotes: [], transactions: [] };
    const sentences = LIST_FIELDS.map((field) => buildListTable(field, empty).emptySentence);
    expect(sentences).toEqual([
      'Aucune facture en attente.',
      'Aucun avoir en cours.',
      'Aucune facture ni aucun avoir en attente.',
      'Aucune transaction en cours.',
      'Aucune facture en retard.',
    ]);
  });

  test('total beyond safe integers is refused', () => {
    const invoice = { number: 'F', date: '2020-01-31', dueDate: '2020-02-29', paidCents: 0 };
    const huge = { ...invoice, totalCents: Number.MAX_SAFE_INTEGER };
    const sources = { invoices: [huge, huge], creditNotes: [], transactions: [] };
    expect(() => buildListTable('opistolistefactures', sources)).toThrow(
      /Les montants de la liste opistolistefactures sont trop grands/,
    );
  });

  test('total equals the sum of the rows', () => {
    const cents = fc.integer({ min: -10_000_000, max: 10_000_000 });
    const invoice = fc.record({
      number: fc.string(),
      date: fc.constant('2020-01-31'),
      dueDate: fc.constant('2020-02-29'),
      totalCents: cents,
      paidCents: cents,
    });
    fc.assert(
      fc.property(fc.array(invoice, { maxLength: 60 }), (invoices) => {
        const table = buildListTable('opistolistefactures', {
          invoices,
          creditNotes: [],
          transactions: [],
        });
        const parsedRows = table.rows.map((row) => parseAmount(row[5] ?? ''));
        expect(parsedRows.reduce((sum, value) => sum + value, 0)).toBe(table.totalCents);
        expect(parseAmount(formatTotal(table))).toBe(table.totalCents);
      }),
    );
  });
});

/** Reads "1 554,12" back as 155412. */
function parseAmount(text: string): number {
  return Number(text.replace(new RegExp(NBSP, 'g'), '').replace(',', ''));
}
