/**
 * Turns each way a request can fail into an ApiError with a French message that gives the next
 * step, and marks whether the request may be sent again.
 */
import { isAxiosError } from 'axios';

import { ApiError, type ApiErrorDetails } from './api-error';
import { readProblem } from './payload';
import { parseRetryAfter } from './retry';

export interface Failure {
  error: ApiError;
  /** True for failures that may pass on a later attempt: network, timeout, 5xx and 429. */
  retryable: boolean;
}

/** Facts about the failed request that the messages use. */
export interface FailureContext {
  baseUrl: string;
  details: ApiErrorDetails;
  timeoutMs: number;
  nowMs: number;
  /** Message for a 404 that the API itself sent (with a problem body), such as an unknown id. */
  notFoundMessage?: string;
}

export interface ErrorResponse {
  status: number;
  /** Value of the `Retry-After` header, if any. */
  retryAfter: unknown;
  data: unknown;
}

const UNAUTHORIZED = 'Clé API refusée : vérifiez la clé dans les paramètres.';
const FORBIDDEN =
  'Accès refusé pour cette clé API : demandez à l’administrateur d’Opisto le droit de lire ' +
  'les débiteurs.';

/** Classifies a response whose status is not 2xx. */
export function failureFromStatus(response: ErrorResponse, context: FailureContext): Failure {
  const { status } = response;
  const details = { ...context.details, status };

  if (status === 401 || status === 403) {
    const message = status === 401 ? UNAUTHORIZED : FORBIDDEN;
    return { error: new ApiError('unauthorized', message, details), retryable: false };
  }
  if (status === 429 || status >= 500) {
    return serverBusy(response, { ...context, details });
  }
  if (status === 404) {
    return { error: notFound(response, { ...context, details }), retryable: false };
  }
  if (status >= 400) {
    return { error: badRequest(response, details), retryable: false };
  }
  return { error: unexpectedStatus(status, details), retryable: false };
}

function serverBusy(response: ErrorResponse, context: FailureContext): Failure {
  const retryAfterMs = parseRetryAfter(response.retryAfter, context.nowMs);
  const wait =
    retryAfterMs === undefined
      ? 'quelques instants'
      : `${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;

  if (response.status === 429) {
    const message = `Le serveur Opisto reçoit trop de requêtes : attendez ${wait} puis réessayez.`;
    const error = new ApiError('rate_limited', message, context.details, { retryAfterMs });
    return { error, retryable: true };
  }

  const message =
    `Erreur du serveur Opisto (HTTP ${response.status}) : réessayez dans ${wait}. ` +
    'Si l’erreur persiste, prévenez l’administrateur d’Opisto.';
  const error = new ApiError('server_error', message, context.details, { retryAfterMs });
  return { error, retryable: true };
}

function notFound(response: ErrorResponse, context: FailureContext): ApiError {
  const problem = readProblem(response.data);
  // Without a problem body the 404 comes from another server, so the address is wrong.
  if (problem === undefined) {
    const message =
      `Adresse ${context.baseUrl}${context.details.path ?? ''} introuvable (HTTP 404) : ` +
      'vérifiez l’adresse du serveur Opisto dans les paramètres.';
    return new ApiError('not_found', message, context.details);
  }

  const message = context.notFoundMessage ?? `${problem.title} (${problem.detail})`;
  return new ApiError('not_found', message, context.details, { problem });
}

function badRequest(response: ErrorResponse, details: ApiErrorDetails): ApiError {
  const problem = readProblem(response.data);
  if (problem === undefined) {
    const message =
      `Requête refusée par le serveur Opisto (HTTP ${response.status}) : vérifiez les ` +
      'critères de la demande, puis mettez l’application à jour si elle est ancienne.';
    return new ApiError('bad_request', message, details);
  }

  return new ApiError('bad_request', `${problem.title} (${problem.detail})`, details, {
    problem,
  });
}

function unexpectedStatus(status: number, details: ApiErrorDetails): ApiError {
  const advice =
    status >= 300 && status < 400
      ? 'une redirection, indiquez dans les paramètres l’adresse finale du serveur'
      : 'un statut inattendu, signalez le problème à l’administrateur d’Opisto';
  return new ApiError(
    'invalid_response',
    `Le serveur Opisto a répondu par ${advice} (HTTP ${status}).`,
    details,
  );
}

/** Node error codes of TLS failures, which another attempt cannot fix. */
const TLS_CODE = /CERT|TLS|SSL|^EPROTO$/;
/** Codes are shown in details only when they look like one, never as free text. */
const SAFE_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Classifies an error that the HTTP library threw: no response, or one cut off. The caller has
 * already detected cancellations and timeouts from its own signals.
 */
export function failureFromTransport(
  error: unknown,
  context: FailureContext,
  maxResponseBytes: number,
): Failure {
  const code = isAxiosError(error) ? (error.code ?? '') : '';
  const details = {
    ...context.details,
    networkCode: SAFE_CODE.test(code) ? code : undefined,
  };

  if (
    code === 'ERR_BAD_RESPONSE' &&
    isAxiosError(error) &&
    /maxContentLength/.test(error.message)
  ) {
    const megabytes = Math.round(maxResponseBytes / 1_000_000);
    const message =
      `Réponse du serveur Opisto trop volumineuse (plus de ${megabytes} Mo) : ` +
      'demandez moins de débiteurs à la fois.';
    return { error: new ApiError('invalid_response', message, details), retryable: false };
  }
  if (TLS_CODE.test(code)) {
    const message =
      `Connexion sécurisée au serveur Opisto impossible (${code}) à l’adresse ` +
      `${context.baseUrl} : vérifiez l’adresse, ou demandez à l’administrateur un certificat ` +
      'valide.';
    return { error: new ApiError('unreachable', message, details), retryable: false };
  }

  const message =
    `Serveur Opisto injoignable à l’adresse ${context.baseUrl} : ` +
    'vérifiez l’adresse et votre connexion.';
  return { error: new ApiError('unreachable', message, details), retryable: true };
}

export function timeoutFailure(context: FailureContext): Failure {
  const limit =
    context.timeoutMs < 1000
      ? `${context.timeoutMs} ms`
      : `${Math.round(context.timeoutMs / 1000)} s`;
  const message =
    `Le serveur Opisto a mis trop de temps à répondre (plus de ${limit}) : ` +
    'réessayez dans quelques instants.';
  return { error: new ApiError('timeout', message, context.details), retryable: true };
}

export function cancelledError(details: ApiErrorDetails): ApiError {
  return new ApiError('cancelled', 'Demande au serveur Opisto annulée.', details);
}
