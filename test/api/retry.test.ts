import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  defaultSleep,
  parseRetryAfter,
  waitUnlessAborted,
} from '../../src/api/retry';

describe('backoffDelay', () => {
  const policy = DEFAULT_RETRY_POLICY;

  test('doubles the ceiling at each retry', () => {
    const top = () => 0.999_999;

    expect(backoffDelay(1, policy, top)).toBe(299);
    expect(backoffDelay(2, policy, top)).toBe(599);
    expect(backoffDelay(3, policy, top)).toBe(1_199);
  });

  test('caps the ceiling at the maximum', () => {
    expect(backoffDelay(10, policy, () => 0.999_999)).toBe(4_999);
  });

  test('draws from zero to the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.25)).toBe(300);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2018-11-05T10:00:00Z');

  test.each([
    ['3', 3_000],
    [' 0 ', 0],
    ['Mon, 05 Nov 2018 10:00:30 GMT', 30_000],
    ['Mon, 05 Nov 2018 09:59:00 GMT', 0],
  ])('reads %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  test.each([undefined, '', 'soon', '-5', ['1']])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('waitUnlessAborted', () => {
  test('waits for the sleep', async () => {
    const sleeps: number[] = [];
    await waitUnlessAborted(120, async (ms) => {
      sleeps.push(ms);
    });

    expect(sleeps).toEqual([120]);
  });

  test('returns at once when aborted during a sleep', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);

    await waitUnlessAborted(10_000, () => new Promise(() => undefined), controller.signal);

    expect(controller.signal.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('defaultSleep', () => {
  test('rejects and clears its timer on abort', async () => {
    const controller = new AbortController();
    const sleeping = defaultSleep(10_000, controller.signal);
    controller.abort();

    await expect(sleeping).rejects.toThrow('sleep aborted');
  });

  test('resolves after the delay', async () => {
    const started = Date.now();
    await defaultSleep(30);

    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
