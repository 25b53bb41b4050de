import fc from 'fast-check';

import {
  formatCents,
  formatDate,
  formatPercent,
  isCalendarDate,
  localCalendarDate,
} from '../../src/merge/format';

const NBSP = '\u00a0';

/** Formats cents a second, independent way: BigInt arithmetic and a grouping regex. */
function referenceFormat(cents: number): string {
  const value = BigInt(cents);
  const magnitude = value < 0n ? -value : value;
  const units = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+$)/g, NBSP);
  const decimals = (magnitude % 100n).toString().padStart(2, '0');
  return `${value < 0n ? '-' : ''}${units},${decimals}`;
}

describe('formatCents', () => {
  test.each([
    [155412, `1${NBSP}554,12`],
    [-5455, '-54,55'],
    [0, '0,00'],
    [5, '0,05'],
    [-5, '-0,05'],
    [100, '1,00'],
    [99999, `999,99`],
    [100000, `1${NBSP}000,00`],
    [123456789012, `1${NBSP}234${NBSP}567${NBSP}890,12`],
  ])('%d cents as %s', (cents, expected) => {
    expect(formatCents(cents)).toBe(expected);
  });

  test('matches the reference on any safe integer', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1_000_000, max: 1_000_000 }),
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        ),
        (cents) => {
          expect(formatCents(cents)).toBe(referenceFormat(cents));
        },
      ),
    );
  });

  test('rejects fractional cents', () => {
    expect(() => formatCents(10.5)).toThrow(RangeError);
    expect(() => formatCents(Number.NaN)).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  test.each([
    ['2018-10-29', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2018-13-01', false],
    ['2018-00-10', false],
    ['2018-04-31', false],
    ['2018-4-1', false],
    ['29/10/2018', false],
    ['2018-10-29T00:00:00Z', false],
  ])('%s valid: %s', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
  });

  test('formatDate writes dd/MM/yyyy', () => {
    expect(formatDate('2018-10-29')).toBe('29/10/2018');
    expect(formatDate('2026-01-05')).toBe('05/01/2026');
  });

  test('formatDate rejects impossible dates', () => {
    expect(() => formatDate('2018-02-30')).toThrow(RangeError);
  });

  test('localCalendarDate uses local fields', () => {
    expect(localCalendarDate(new Date(2018, 9, 29, 23, 59))).toBe('2018-10-29');
    expect(localCalendarDate(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });
});

describe('formatPercent', () => {
  test.each([
    [5, '5'],
    [2.5, '2,5'],
    [12.25, '12,25'],
    [0, '0'],
    [100, '100'],
    [0.1, '0,1'],
  ])('%d as %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });
});
