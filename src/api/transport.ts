/**
 * Sends one API request with axios: a deadline per attempt, retries with backoff for the calls
 * that change nothing on the server, and cancellation by an AbortSignal at any point.
 *
 * Every failure becomes an ApiError. Axios errors never leave this module, because their
 * `config` contains the request headers and so the API key.
 */
import axios, { AxiosHeaders, type AxiosInstance, type AxiosResponse } from 'axios';

import { maskSecret, type ApiError, type ApiErrorDetails } from './api-error';
import { type BaseUrl } from './base-url';
import { API_PREFIX } from './contract';
import {
  cancelledError,
  failureFromStatus,
  failureFromTransport,
  timeoutFailure,
  type Failure,
  type FailureContext,
} from './failures';
import { invalidResponse, parseJsonBody } from './payload';
import { backoffDelay, waitUnlessAborted, type RetryPolicy, type Sleep } from './retry';

export interface RetryEvent {
  /** Failure of the attempt that is about to be sent again. */
  error: ApiError;
  /** Retry number, 1 for the first. */
  retry: number;
  delayMs: number;
}

export interface TransportOptions {
  baseUrl: BaseUrl;
  apiKey: string;
  timeoutMs: number;
  retry: RetryPolicy;
  maxResponseBytes: number;
  random: () => number;
  sleep: Sleep;
  now: () => number;
  /** Called before each retry, for logs; the event contains no secret. */
  onRetry?: (event: RetryEvent) => void;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path under /api/v1, such as "/debtors". */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** Headers besides the key and Accept, such as `Idempotency-Key`. */
  headers?: Readonly<Record<string, string>>;
  /** True when sending the request again cannot change anything; only then is it retried. */
  idempotent: boolean;
  /** Message for a 404 that the API itself sent, such as an unknown debtor id. */
  notFoundMessage?: string;
}

export interface ApiResult {
  /** The 2xx response body, parsed as JSON but not validated. */
  data: unknown;
  /** Method, path and attempts, for the errors that the caller raises on this body. */
  details: ApiErrorDetails;
}

export type Transport = (request: ApiRequest, signal?: AbortSignal) => Promise<ApiResult>;

type Outcome = { ok: true; data: unknown } | ({ ok: false } & Failure);

export function createTransport(options: TransportOptions): Transport {
  const http = createAxios(options);

  /** Returns the delay before the next attempt, or undefined when `failure` is final. */
  function nextDelay(failure: Failure, request: ApiRequest, attempt: number): number | undefined {
    const policy = options.retry;
    if (!failure.retryable || !request.idempotent || attempt > policy.retries) {
      return undefined;
    }

    const requested = failure.error.retryAfterMs;
    if (requested === undefined) {
      return backoffDelay(attempt, policy, options.random);
    }
    // A wait longer than the cap ends the retries, and the error message gives the wait.
    return requested <= policy.maxRetryAfterMs ? requested : undefined;
  }

  return async (request, signal) => {
    const base = { method: request.method, path: `${API_PREFIX}${request.path}` };

    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) {
        throw cancelledError({ ...base, attempts: attempt - 1 });
      }

      const details = { ...base, attempts: attempt };
      const outcome = await sendOnce(http, options, request, details, signal);
      if (outcome.ok) {
        return { data: outcome.data, details };
      }

      const delayMs = nextDelay(outcome, request, attempt);
      if (delayMs === undefined) {
        throw outcome.error;
      }
      const error = maskSecret(outcome.error, options.apiKey);
      options.onRetry?.({ error, retry: attempt, delayMs });
      await waitUnlessAborted(delayMs, options.sleep, signal);
    }
  };
}

function createAxios(options: TransportOptions): AxiosInstance {
  return axios.create({
    baseURL: options.baseUrl.href,
    headers: {
      Authorization: `Bearer ${options.apiKey}`,
      Accept: 'application/json, application/problem+json',
    },
    // The body stays text so that truncated JSON is reported, not silently kept as a string.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    // Every status reaches failureFromStatus; axios rejects only when no response arrived.
    validateStatus: () => true,
    // A redirect could lead the key elsewhere, and usually means that the address is wrong.
    maxRedirects: 0,
    // NOTE: axios enforces this limit in Node only; browsers read any size until the deadline.
    maxContentLength: options.maxResponseBytes,
    // Proxies from the environment stay in use for remote servers but not for this machine.
    ...(options.baseUrl.isLoopback ? { proxy: false as const } : {}),
  });
}

/** Sends one attempt, which `timeoutMs` bounds from the request to the end of the body. */
async function sendOnce(
  http: AxiosInstance,
  options: TransportOptions,
  request: ApiRequest,
  details: ApiErrorDetails,
  signal?: AbortSignal,
): Promise<Outcome> {
  const context = (): FailureContext => ({
    baseUrl: options.baseUrl.href,
    details,
    timeoutMs: options.timeoutMs,
    nowMs: options.now(),
    notFoundMessage: request.notFoundMessage,
  });
  // In Node, axios 1.21's own `timeout` becomes an inactivity timeout once the headers arrive,
  // so a server that trickles its body never times out. This timer bounds the whole attempt.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const forwardAbort = (): void => controller.abort();
  signal?.addEventListener('abort', forwardAbort, { once: true });

  try {
    const response = await http.request<unknown>({
      method: request.method,
      url: withQuery(`${API_PREFIX}${request.path}`, request.query),
      data: request.body,
      headers: request.headers,
      signal: controller.signal,
    });
    return readResponse(response, context());
  } catch (error) {
    if (signal?.aborted) {
      return { ok: false, error: cancelledError(details), retryable: false };
    }
    const failure = timedOut
      ? timeoutFailure(context())
      : failureFromTransport(error, context(), options.maxResponseBytes);
    return { ok: false, ...failure };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

function withQuery(path: string, query: URLSearchParams | undefined): string {
  const text = query?.toString() ?? '';
  return text === '' ? path : `${path}?${text}`;
}

function readResponse(response: AxiosResponse<unknown>, context: FailureContext): Outcome {
  const headers = AxiosHeaders.from(response.headers as AxiosHeaders);
  const { status } = response;

  if (status < 200 || status > 299) {
    const retryAfter = headers.get('retry-after');
    return {
      ok: false,
      ...failureFromStatus({ status, retryAfter, data: response.data }, context),
    };
  }

  const contentType = String(headers.get('content-type') ?? '');
  const json = parseJsonBody(response.data, contentType);
  if (!json.ok) {
    const error = invalidResponse([json.reason], { ...context.details, status });
    return { ok: false, error, retryable: false };
  }
  return { ok: true, data: json.value };
}
