import { parseClientRecord } from '../../src/api/parse-record';
import example from '../../../shared/spec/example-record.json';

function withChange(change: (record: typeof example) => void): unknown {
  const copy = structuredClone(example);
  change(copy);
  return copy;
}

function problemsOf(input: unknown): readonly string[] {
  const result = parseClientRecord(input);
  return result.ok ? [] : result.problems;
}

describe('parseClientRecord', () => {
  test('accepts the example record', () => {
    expect(parseClientRecord(example).ok).toBe(true);
  });

  test('names the path and value of an impossible date', () => {
    const input = withChange((record) => {
      record.invoices.push({ ...record.invoices[0]!, dueDate: '2018-13-01' });
    });
    expect(problemsOf(input)).toEqual([
      'invoices[2].dueDate : date invalide « 2018-13-01 » ' +
        '(une date réelle au format AAAA-MM-JJ est attendue)',
    ]);
  });

  test('rejects float amounts', () => {
    const input = withChange((record) => {
      record.invoices[0]!.totalCents = 100.5;
    });
    expect(problemsOf(input)).toEqual([
      'invoices[0].totalCents : montant invalide « 100.5 » ' +
        '(un nombre entier de centimes est attendu)',
    ]);
  });

  test('rejects wrong types', () => {
    const input = withChange((record) => {
      (record.client as Record<string, unknown>).city = 31;
      (record.invoices[1] as Record<string, unknown>).paidCents = '0';
    });
    expect(problemsOf(input)).toEqual([
      'client.city : texte attendu « 31 »',
      'invoices[1].paidCents : montant attendu « 0 »',
    ]);
  });

  test('reports a missing client id', () => {
    const input = withChange((record) => {
      delete (record.client as Partial<typeof record.client>).id;
    });
    expect(problemsOf(input)).toEqual(['client.id : valeur manquante']);
  });

  test('rejects positive credit notes', () => {
    const input = withChange((record) => {
      record.creditNotes[0]!.totalCents = 5455;
    });
    expect(problemsOf(input)[0]).toMatch(
      /^creditNotes\[0\]\.totalCents : montant invalide « 5455 »/,
    );
  });

  test('rejects a discount with three decimals', () => {
    const input = withChange((record) => {
      record.client.discountPercent = 2.555;
    });
    expect(problemsOf(input)).toEqual([
      'client.discountPercent : pourcentage invalide « 2.555 » (deux décimales au plus)',
    ]);
  });

  test('shows control characters as code points', () => {
    const input = withChange((record) => {
      record.invoices[0]!.date = '2018\u0007';
    });
    expect(problemsOf(input)[0]).toContain('« 2018U+0007 »');
  });

  test('reports non-object input', () => {
    expect(problemsOf(null)).toEqual(['enregistrement : objet attendu « null »']);
    expect(problemsOf('x')).toEqual(['enregistrement : objet attendu « x »']);
  });

  test('lists default to empty', () => {
    const result = parseClientRecord({ client: { id: 'C-1' } });
    expect(result.ok && result.record.invoices).toEqual([]);
  });

  test('ignores unknown keys', () => {
    const result = parseClientRecord({
      ...example,
      client: { ...example.client, isProfessional: true },
    });
    expect(result.ok).toBe(true);
  });
});
