/** Options of the Opisto client, their defaults and their checks. */
import { ApiError } from './api-error';
import { parseBaseUrl } from './base-url';
import { MAX_BATCH_SIZE } from './contract';
import { DEFAULT_RETRY_POLICY, defaultSleep, type Sleep } from './retry';
import { type RetryEvent, type TransportOptions } from './transport';

export interface OpistoClientOptions {
  /** Server address, such as "https://opisto.example.fr"; http only for this machine. */
  baseUrl: string;
  apiKey: string;
  /** Deadline in ms of each attempt, from sending the request to the end of the body. */
  timeoutMs?: number;
  /**
   * Retries after a first failed attempt of a read, or of a reminder batch, which carries an
   * idempotency key; 0 disables them.
   */
  retries?: number;
  /** Ids per batch request, from 1 to MAX_BATCH_SIZE. */
  fetchBatchSize?: number;
  /** Upper bound in ms of the first backoff delay, doubled at each retry. */
  retryBaseDelayMs?: number;
  /** Upper bound in ms of any backoff delay. */
  retryMaxDelayMs?: number;
  /** Longest `Retry-After` wait in ms that the client honours; a longer one ends the retries. */
  maxRetryAfterMs?: number;
  /** Largest response body in bytes; Node only, because axios cannot enforce it in browsers. */
  maxResponseBytes?: number;
  /** Source of the backoff jitter, returning a number in [0, 1); Math.random by default. */
  random?: () => number;
  /** Waits between attempts; tests pass one that returns at once. */
  sleep?: Sleep;
  /** Current time in ms since the epoch, for `Retry-After` dates; Date.now by default. */
  now?: () => number;
  /** Called before each retry, for logs; the event contains no secret. */
  onRetry?: (event: RetryEvent) => void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_RETRIES = 10;

export interface ResolvedOptions {
  transport: TransportOptions;
  batchSize: number;
}

/** Fills in defaults and checks every option; the base URL and key get French ApiErrors. */
export function resolveOptions(options: OpistoClientOptions): ResolvedOptions {
  const policy = DEFAULT_RETRY_POLICY;
  const transport: TransportOptions = {
    baseUrl: parseBaseUrl(options.baseUrl),
    apiKey: checkApiKey(options.apiKey),
    timeoutMs: checkNumber('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 1),
    retry: {
      retries: checkNumber('retries', options.retries, policy.retries, 0, MAX_RETRIES),
      baseDelayMs: checkNumber('retryBaseDelayMs', options.retryBaseDelayMs, policy.baseDelayMs),
      maxDelayMs: checkNumber('retryMaxDelayMs', options.retryMaxDelayMs, policy.maxDelayMs),
      maxRetryAfterMs: checkNumber(
        'maxRetryAfterMs',
        options.maxRetryAfterMs,
        policy.maxRetryAfterMs,
      ),
    },
    maxResponseBytes: checkNumber(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      1,
    ),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    now: options.now ?? Date.now,
    onRetry: options.onRetry,
  };
  const batchSize = checkNumber(
    'fetchBatchSize',
    options.fetchBatchSize,
    MAX_BATCH_SIZE,
    1,
    MAX_BATCH_SIZE,
  );

  return { transport, batchSize };
}

/**
 * Longest key accepted. Keys are tens of characters long; a much longer one is a bad paste, and
 * servers reject request headers of several kilobytes before they could say the key is wrong.
 */
const MAX_API_KEY_LENGTH = 1024;

/** Returns the key without surrounding spaces, or throws an ApiError `unauthorized`. */
function checkApiKey(apiKey: string): string {
  const key = apiKey.trim();

  if (key === '') {
    throw new ApiError(
      'unauthorized',
      'Clé API manquante : saisissez la clé dans les paramètres.',
      { attempts: 0 },
    );
  }
  // A header value must not contain line breaks; other spaces or accents mean a bad copy.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiError(
      'unauthorized',
      'Clé API invalide : elle contient des espaces, des accents ou des caractères de contrôle. ' +
        'Recopiez-la dans les paramètres.',
      { attempts: 0 },
    );
  }
  if (key.length > MAX_API_KEY_LENGTH) {
    throw new ApiError(
      'unauthorized',
      `Clé API invalide : ${key.length} caractères, bien plus qu’une clé n’en compte. ` +
        'Recopiez-la dans les paramètres.',
      { attempts: 0 },
    );
  }
  return key;
}

/** Checks a numeric option; a wrong one is a programming error, so the message is English. */
function checkNumber(
  name: string,
  value: number | undefined,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}
