import { parseFrenchDate, showFrenchDate } from '../../src/pane/common/date-text';

describe('parseFrenchDate', () => {
  test.each([
    ['04/12/2026', '2026-12-04'],
    ['4/12/2026', '2026-12-04'],
    ['04.12.2026', '2026-12-04'],
    ['04-12-2026', '2026-12-04'],
    [' 29/02/2024 ', '2024-02-29'],
    ['2026-12-04', '2026-12-04'],
  ])('reads %s', (text, expected) => {
    expect(parseFrenchDate(text)).toBe(expected);
  });

  test.each(['31/02/2026', '29/02/2026', '12/13/2026', '04/12/26', '', 'demain', '2026-02-30'])(
    'rejects %s',
    (text) => {
      expect(parseFrenchDate(text)).toBeNull();
    },
  );
});

describe('showFrenchDate', () => {
  test('shows a calendar date the French way', () => {
    expect(showFrenchDate('2026-12-04')).toBe('04/12/2026');
  });

  test('shows other text as it is', () => {
    expect(showFrenchDate('04/12/20')).toBe('04/12/20');
    expect(showFrenchDate('')).toBe('');
  });
});
