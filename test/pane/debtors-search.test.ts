import { buildSearch, clientProblem, EMPTY_FILTERS } from '../../src/pane/debtors/debtor-search';
import { selectAllState } from '../../src/pane/debtors/debtor-selection';

describe('buildSearch', () => {
  test('leaves out empty fields and the kinds list when all kinds are ticked', () => {
    expect(buildSearch(EMPTY_FILTERS)).toEqual({ ok: true, request: { query: {}, filter: {} } });
  });

  test('trims the texts and sends the dates and kinds in the query and the piece filter', () => {
    const check = buildSearch({
      ...EMPTY_FILTERS,
      name: '  Durand ',
      postalCode: '31',
      transactions: false,
      dueBefore: '2026-11-01',
      invoicedFrom: '2026-01-01',
      invoicedTo: '2026-10-31',
    });

    const filter = {
      kinds: 'invoices,creditNotes',
      dueBefore: '2026-11-01',
      invoicedFrom: '2026-01-01',
      invoicedTo: '2026-10-31',
    };
    expect(check).toEqual({
      ok: true,
      request: { query: { ...filter, name: 'Durand', postalCode: '31' }, filter },
    });
  });

  test('accepts a one-day invoice period', () => {
    const check = buildSearch({
      ...EMPTY_FILTERS,
      invoicedFrom: '2026-10-01',
      invoicedTo: '2026-10-01',
    });
    expect(check.ok).toBe(true);
  });

  test('rejects "du" after "au", naming both dates', () => {
    const check = buildSearch({
      ...EMPTY_FILTERS,
      invoicedFrom: '2026-10-02',
      invoicedTo: '2026-10-01',
    });
    expect(check).toEqual({
      ok: false,
      field: 'invoicedTo',
      message: expect.stringContaining('« du » (02/10/2026) est après la date « au » (01/10/2026)'),
    });
  });

  test('rejects a search with no kind of piece', () => {
    const check = buildSearch({
      ...EMPTY_FILTERS,
      invoices: false,
      creditNotes: false,
      transactions: false,
    });
    expect(check).toMatchObject({ ok: false, field: 'kinds' });
  });

  test('rejects a date that does not exist', () => {
    const check = buildSearch({ ...EMPTY_FILTERS, dueBefore: '2026-02-30' });
    expect(check).toMatchObject({ ok: false, field: 'dueBefore' });
  });
});

describe('clientProblem', () => {
  test('points to "Paramètres" when the settings are missing or refused', () => {
    expect(clientProblem({ kind: 'missing' })).toMatch(/« Paramètres »/);
    expect(clientProblem({ kind: 'invalid', message: 'Adresse refusée.' })).toMatch(
      /^Adresse refusée\. .*« Paramètres »/,
    );
  });
});

describe('selectAllState', () => {
  test('is unchecked, mixed or checked', () => {
    expect(selectAllState(0, 10)).toBe(false);
    expect(selectAllState(3, 10)).toBe('mixed');
    expect(selectAllState(10, 10)).toBe(true);
    expect(selectAllState(0, 0)).toBe(false);
  });
});
