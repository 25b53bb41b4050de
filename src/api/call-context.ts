/** Options, state and response check shared by every call of the Opisto client. */
import { type z } from 'zod';

import { type ApiErrorDetails } from './api-error';
import { decodePayload } from './payload';
import { type ApiRequest, type Transport } from './transport';

export interface CallOptions {
  /** Aborting it stops the request, or the wait before a retry, at once. */
  signal?: AbortSignal;
}

/** State shared by the methods: the transport and the number of ids per batch request. */
export interface ClientContext {
  send: Transport;
  batchSize: number;
}

/**
 * Sends `request` and validates the 2xx body with `schema`. Returns the body with the call's
 * details, which the caller's own checks put in their errors.
 */
export async function fetchJson<T>(
  context: ClientContext,
  schema: z.ZodType<T>,
  request: ApiRequest,
  signal?: AbortSignal,
): Promise<{ value: T; details: ApiErrorDetails }> {
  const { data, details } = await context.send(request, signal);
  return { value: decodePayload(schema, data, details), details };
}
