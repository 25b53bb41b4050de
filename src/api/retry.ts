/**
 * Delays between attempts: exponential backoff with full jitter, so that clients that failed
 * together do not come back together, or the wait that the server requested in `Retry-After`.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 sends each request once. */
  retries: number;
  /** Upper bound in ms of the first backoff delay, doubled at each retry. */
  baseDelayMs: number;
  /** Upper bound in ms of any backoff delay. */
  maxDelayMs: number;
  /** Longest `Retry-After` wait in ms that the client honours; a longer one ends the retries. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

/** Waits `ms`, and rejects as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Returns the delay in ms before retry number `retry` (1 for the first), drawn uniformly
 * between 0 and min(maxDelayMs, baseDelayMs × 2^(retry − 1)). `random` returns a number in [0, 1).
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Reads a `Retry-After` header, in seconds or as an HTTP date, as a wait in ms from `nowMs`.
 * Returns undefined when the header is absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(header: unknown, nowMs: number): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') {
    return undefined;
  }

  const text = header.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }

  // Every HTTP date form names the month in letters. Date.parse alone would also read
  // numbers such as "-5" as years.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Sleeps with `setTimeout`; the timer is cleared when `signal` aborts. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('sleep aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Waits `ms` with `sleep`, but returns as soon as `signal` aborts even if `sleep` ignores the
 * signal. The caller checks `signal.aborted` afterwards.
 */
export async function waitUnlessAborted(
  ms: number,
  sleep: Sleep,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) {
    return;
  }

  let onAbort = (): void => undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  // A rejected sleep ends the wait early: the sleep rejects on abort, which the caller checks.
  const slept = sleep(ms, signal).catch(() => undefined);

  try {
    await Promise.race([slept, aborted]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
