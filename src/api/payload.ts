/**
 * Reads response bodies: JSON parsing, problem+json error bodies and validation against the
 * contract, with French messages that name the field at fault.
 */
import { z } from 'zod';

import { ApiError, type ApiErrorDetails, type ProblemSummary } from './api-error';
import { problemSchema } from './contract';
import { describeIssue } from './parse-record';

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a body received as text; `reason` explains in French why it is not usable JSON. */
export function parseJsonBody(body: unknown, contentType: string): JsonBody {
  if (typeof body !== 'string' || body.trim() === '') {
    return { ok: false, reason: 'la réponse est vide' };
  }

  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const mediaType = contentType.split(';')[0]?.trim() ?? '';
    if (!/json/i.test(mediaType)) {
      const typeLabel = mediaType === '' ? 'type non indiqué' : `type ${mediaType.slice(0, 60)}`;
      return { ok: false, reason: `la réponse n’est pas du JSON (${typeLabel})` };
    }
    return {
      ok: false,
      reason: `JSON tronqué ou mal formé (${body.length} caractères reçus)`,
    };
  }
}

/** Reads an RFC 9457 problem from an error response body, or returns undefined. */
export function readProblem(body: unknown): ProblemSummary | undefined {
  const json = parseJsonBody(body, 'application/problem+json');
  if (!json.ok) {
    return undefined;
  }

  const result = problemSchema.safeParse(json.value);
  if (!result.success) {
    return undefined;
  }
  const { title, detail, errors } = result.data;
  return { title, detail, errors };
}

/** Validates `data` with `schema`, or throws an ApiError `invalid_response` naming the field. */
export function decodePayload<T>(schema: z.ZodType<T>, data: unknown, details: ApiErrorDetails): T {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw invalidResponse(['la réponse n’est pas un objet JSON { … }'], details);
  }

  // Checks without a French message of their own fall back to zod's French locale.
  const result = schema.safeParse(data, { error: z.locales.fr().localeError });
  if (result.success) {
    return result.data;
  }
  const issues = result.error.issues.map((issue) => describePayloadIssue(issue, data));
  throw invalidResponse(issues, details);
}

/**
 * Describes an issue from the root of the response. Inside `records[i]`, the record itself is
 * passed to describeIssue so that the message names the invoice or credit note by its number.
 */
function describePayloadIssue(issue: z.core.$ZodIssue, data: object): string {
  const [list, index, ...rest] = issue.path;
  const records = (data as { records?: unknown }).records;

  if (list !== 'records' || typeof index !== 'number' || rest.length === 0) {
    return describeIssue(issue, data);
  }
  const record = Array.isArray(records) ? records[index] : undefined;
  return `records[${index}].${describeIssue({ ...issue, path: rest }, record)}`;
}

/** Builds the `invalid_response` error; the message shows the first issue and counts the rest. */
export function invalidResponse(issues: readonly string[], details: ApiErrorDetails): ApiError {
  return new ApiError(
    'invalid_response',
    `Réponse invalide du serveur Opisto : ${issues[0] ?? 'contenu inattendu'}` +
      `${countOthers(issues.length - 1)}. ` +
      'Vérifiez que l’adresse mène à l’API Opisto, sinon signalez le problème à son ' +
      'administrateur.',
    details,
    { issues },
  );
}

function countOthers(others: number): string {
  if (others <= 0) {
    return '';
  }
  return others === 1 ? ' (et 1 autre problème)' : ` (et ${others} autres problèmes)`;
}
