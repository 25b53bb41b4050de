import { median, percentile } from '../bench/stats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);

  test('picks rank p% rounded up', () => {
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile([3, 1, 2], 95)).toBe(3);
  });

  test('gives the extremes at 0 and 100', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
  });

  test('gives NaN for no values', () => {
    expect(percentile([], 95)).toBeNaN();
  });
});

describe('median', () => {
  test('middle of an odd count', () => {
    expect(median([9, 1, 5, 7, 3])).toBe(5);
  });

  test('lower middle of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});
