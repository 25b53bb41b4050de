/**
 * The one error type that the Opisto client throws. Its message is French and gives the user
 * the next step. Its fields are safe to log: none contains the API key, the request headers or
 * the HTTP library's own error, which would contain both.
 */

export type ApiErrorCode =
  | 'unauthorized'
  | 'unreachable'
  | 'timeout'
  | 'invalid_response'
  | 'bad_request'
  | 'not_found'
  | 'server_error'
  | 'rate_limited'
  | 'cancelled'
  | 'insecure_url';

/** Facts about the failed call for logs and support, never the key or the query string. */
export interface ApiErrorDetails {
  /** HTTP method, such as "GET". */
  method?: string;
  /** Path of the request under the base URL, without its query string. */
  path?: string;
  /** HTTP status of the last response, when one arrived. */
  status?: number;
  /** Requests sent, retries included; 0 when the call failed before sending anything. */
  attempts?: number;
  /** Network error code of the last attempt, such as "ECONNRESET". */
  networkCode?: string;
}

/** The parts of an `application/problem+json` body that a form can show. */
export interface ProblemSummary {
  title: string;
  detail: string;
  errors?: readonly { parameter: string; message: string }[];
}

export interface ApiErrorExtras {
  problem?: ProblemSummary;
  /** Every problem found in an invalid response, when the message shows only the first. */
  issues?: readonly string[];
  /** Wait in ms that the server requested in `Retry-After`. */
  retryAfterMs?: number;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly details: ApiErrorDetails;
  readonly problem?: ProblemSummary;
  readonly issues: readonly string[];
  readonly retryAfterMs?: number;

  constructor(
    code: ApiErrorCode,
    message: string,
    details: ApiErrorDetails = {},
    extras: ApiErrorExtras = {},
  ) {
    super(message);
    this.code = code;
    this.details = details;
    this.problem = extras.problem;
    this.issues = extras.issues ?? [];
    this.retryAfterMs = extras.retryAfterMs;
  }

  /** Gives loggers that call JSON.stringify the message too, which is not enumerable. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      details: this.details,
      problem: this.problem,
      issues: this.issues.length > 0 ? this.issues : undefined,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

const MASK = '[clé masquée]';

/** Masks every occurrence of `secret` in `text`, as a whole token. */
export function maskText(text: string, secret: string): string {
  if (secret === '') {
    return text;
  }
  // Whole tokens only: a short key such as "x" must not turn "connexion" into nonsense.
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g'), MASK);
}

/**
 * Returns a copy of `error` with every occurrence of `secret` masked in its texts, in case a
 * server echoes the key in a problem detail or a field value that a message quotes.
 */
export function maskSecret(error: ApiError, secret: string): ApiError {
  if (secret === '') {
    return error;
  }
  const mask = (text: string): string => maskText(text, secret);
  const problem = error.problem && {
    title: mask(error.problem.title),
    detail: mask(error.problem.detail),
    errors: error.problem.errors?.map((entry) => ({
      parameter: mask(entry.parameter),
      message: mask(entry.message),
    })),
  };

  return new ApiError(error.code, mask(error.message), error.details, {
    problem,
    issues: error.issues.map(mask),
    retryAfterMs: error.retryAfterMs,
  });
}
