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
      'invoices[2].dueDate : date invalide « 2018-13-01 » (une date réelle au format ' +
        'AAAA-MM-JJ est attendue, par exemple 2018-10-29) — facture n° 518100007',
    ]);
  });

  test('rejects float amounts', () => {
    const input = withChange((record) => {
      record.invoices[0]!.totalCents = 100.5;
    });
    expect(problemsOf(input)).toEqual([
      'invoices[0].totalCents : montant invalide « 100.5 » (un nombre entier de centimes ' +
        'est attendu, par exemple 155412 pour 1 554,12 €) — facture n° 518100007',
    ]);
  });

  test('rejects wrong types', () => {
    const input = withChange((record) => {
      (record.client as Record<string, unknown>).city = 31;
      (record.invoices[1] as Record<string, unknown>).paidCents = '0';
    });
    expect(problemsOf(input)).toEqual([
      'client.city : valeur invalide « 31 » (un texte entre guillemets est attendu)',
      'invoices[1].paidCents : montant invalide « 0 » (un nombre entier de centimes est ' +
        'attendu, par exemple 155412 pour 1 554,12 €) — facture n° 518100005',
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

  test('positive credit note flags only its total', () => {
    const input = withChange((record) => {
      record.creditNotes[0]!.totalCents = 5455;
    });
    expect(problemsOf(input)).toHaveLength(1);
  });

  test('rejects payments over the total', () => {
    const input = withChange((record) => {
      record.invoices[0]!.paidCents = 10001;
      record.transactions[0]!.paidCents = -1;
    });
    expect(problemsOf(input)).toEqual([
      'invoices[0].paidCents : montant invalide « 10001 » (le montant déjà payé est compris ' +
        'entre 0 et le total de la pièce) — facture n° 518100007',
      'transactions[0].paidCents : montant invalide « -1 » (le montant déjà payé est compris ' +
        'entre 0 et le total de la pièce) — transaction n° CDE-2018-0042',
    ]);
  });

  test('wrong shapes are explained in French', () => {
    const problems = problemsOf({ client: 'Durand', invoices: ['F-1'], creditNotes: {} });
    expect(problems).toEqual([
      'client : valeur invalide « Durand » (un objet JSON { … } est attendu)',
      'invoices[0] : valeur invalide « F-1 » (un objet JSON { … } est attendu)',
      'creditNotes : valeur invalide « objet » (une liste JSON [ … ] est attendue)',
    ]);
  });

  test('missing client is named', () => {
    expect(problemsOf({ foo: 1 })).toEqual(['client : valeur manquante']);
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
    const hint = '(un objet JSON { "client": … } est attendu)';
    expect(problemsOf(null)).toEqual([`enregistrement : valeur invalide « null » ${hint}`]);
    expect(problemsOf('x')).toEqual([`enregistrement : valeur invalide « x » ${hint}`]);
  });

  test('lists default to empty', () => {
    const result = parseClientRecord({ client: { id: 'C-1' } });
    expect(result.ok).toBe(true);
    expect(result.ok ? result.record.invoices : null).toEqual([]);
  });

  test('ignores unknown keys', () => {
    const result = parseClientRecord({
      ...example,
      client: { ...example.client, isProfessional: true },
    });
    expect(result.ok).toBe(true);
  });
});
