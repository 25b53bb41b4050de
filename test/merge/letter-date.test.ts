import { implausibleLetterDate } from '../../src/merge/letter-date';

describe('implausibleLetterDate', () => {
  test('accepts a date within a year of today', () => {
    expect(implausibleLetterDate('2026-12-04', '2026-12-04')).toBeNull();
    expect(implausibleLetterDate('2027-12-04', '2026-12-04')).toBeNull();
    expect(implausibleLetterDate('2025-12-04', '2026-12-04')).toBeNull();
  });

  test('flags a slip of the year', () => {
    expect(implausibleLetterDate('2062-12-04', '2026-12-04')).toBe(
      'date du courrier improbable (04/12/2062) : elle est à plus d’un an d’aujourd’hui ' +
        '(04/12/2026). Vérifiez l’année.',
    );
    expect(implausibleLetterDate('1900-01-01', '2026-12-04')).not.toBeNull();
  });
});
