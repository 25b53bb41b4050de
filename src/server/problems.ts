/**
 * The API's error bodies: `application/problem+json` (RFC 9457) with a French `title` that states
 * what the user should do, and a `detail` that names what was wrong. No body built here contains
 * the API key, a stack trace or an SQL message.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import type { Problem } from '../api/contract';
import { formatPath } from '../api/parse-record';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Problem types are URNs: stable names for clients to test, not pages to fetch. */
const TYPE_PREFIX = 'urn:opisto-relances:problem:';

const MAX_SHOWN_VALUE = 60;

type ProblemError = NonNullable<Problem['errors']>[number];

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** Zod's own messages (wrong type, too small…) in French, like the contract's messages. */
export const FRENCH = { error: z.locales.fr().localeError };

export function rejectInput(
  reply: FastifyReply,
  title: string,
  error: z.ZodError,
  input: unknown,
): FastifyReply {
  return sendProblem(reply, invalidParameters(title, error.issues, input));
}

/** Builds a 400 problem naming each invalid parameter of `input` (query or body) and its value. */
export function invalidParameters(
  title: string,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): Problem {
  const located = issues.flatMap(locateIssue);
  const detail = located
    .map(({ path, error, hint }) => {
      const advice = hint ? ` (${hint})` : '';
      return `${error.parameter} : ${error.message}${shownValueAt(input, path)}${advice}`;
    })
    .join(' ; ');
  const errors = located.map(({ error, hint }) =>
    hint ? { ...error, message: `${error.message} (${hint})` } : error,
  );
  return { type: `${TYPE_PREFIX}invalid-parameters`, title, status: 400, detail, errors };
}

export const SEARCH_PARAMETERS_TITLE =
  'Paramètres de recherche invalides : corrigez les champs indiqués';
export const REQUEST_BODY_TITLE = 'Demande invalide : corrigez les champs indiqués';

export function unauthorized(detail: string): Problem {
  return {
    type: `${TYPE_PREFIX}unauthorized`,
    title: 'Clé API refusée : vérifiez la clé dans les paramètres',
    status: 401,
    detail,
  };
}

export function debtorNotFound(id: string): Problem {
  return {
    type: `${TYPE_PREFIX}debtor-not-found`,
    title: 'Débiteur introuvable : relancez la recherche, il a pu être supprimé',
    status: 404,
    detail: `Aucun débiteur n’a l’identifiant « ${showValue(id)} ».`,
  };
}

/**
 * Builds the 400 problem of a reminder batch left unrecorded because some of its client ids match
 * no debtor. It has one entry per reminder with such an id.
 */
export function unknownDebtors(unknown: readonly { index: number; clientId: string }[]): Problem {
  const errors = unknown.map(({ index }) => ({
    parameter: `reminders[${index}].clientId`,
    message: 'débiteur introuvable',
  }));
  const detail = unknown
    .map(
      ({ index, clientId }) =>
        `reminders[${index}].clientId : débiteur introuvable « ${showValue(clientId)} »`,
    )
    .join(' ; ');
  return {
    type: `${TYPE_PREFIX}unknown-debtors`,
    title:
      'Relances non enregistrées : un débiteur est introuvable. Relancez la recherche, ' +
      'puis enregistrez les relances des débiteurs trouvés',
    status: 400,
    detail: `${detail}. Aucune relance de la demande n’a été enregistrée.`,
    errors,
  };
}

/** Builds the 422 problem of an idempotency key sent again with another body. */
export function idempotencyKeyReused(): Problem {
  return {
    type: `${TYPE_PREFIX}idempotency-key-reused`,
    title: 'Demande refusée : la clé d’idempotence a déjà servi à une autre demande',
    status: 422,
    detail:
      'L’en-tête Idempotency-Key a déjà accompagné un autre corps de requête : tirez une ' +
      'nouvelle clé pour chaque lot de relances.',
  };
}

export function routeNotFound(method: string, path: string): Problem {
  return {
    type: `${TYPE_PREFIX}not-found`,
    title: 'Adresse inconnue : vérifiez l’adresse de l’API dans les paramètres',
    status: 404,
    detail: `Aucune opération ${method} ${showValue(path)} dans cette API.`,
  };
}

/** Builds the problem for a request that Fastify rejected before any route ran (bad JSON…). */
export function badRequest(status: number, detail: string): Problem {
  return {
    type: `${TYPE_PREFIX}bad-request`,
    title: 'Requête refusée : mettez à jour le complément ou signalez l’erreur',
    status,
    detail,
  };
}

export function internalError(): Problem {
  return {
    type: `${TYPE_PREFIX}internal-error`,
    title: 'Erreur interne du serveur : réessayez plus tard, puis prévenez l’administrateur',
    status: 500,
    detail: 'Le serveur a rencontré une erreur inattendue ; elle est décrite dans son journal.',
  };
}

interface LocatedIssue {
  path: PropertyKey[];
  error: ProblemError;
  /** Advice shown after the value: the part after `|` in the record schemas' messages. */
  hint?: string;
}

/** Returns one entry per parameter, so an unknown-keys issue gives one entry per key. */
function locateIssue(issue: z.core.$ZodIssue): LocatedIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return { path, error: { parameter: formatPath(path), message: 'paramètre inconnu' } };
    });
  }
  const parameter = formatPath(issue.path) || '(racine)';
  const [message = '', hint] = issue.message.split('|');
  return [{ path: issue.path, error: { parameter, message }, hint }];
}

/** Returns ` « value »` for a scalar at `path` in `input`, or '' for nothing or a container. */
function shownValueAt(input: unknown, path: readonly PropertyKey[]): string {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') {
      return '';
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }

  const isScalar = typeof value === 'string' || typeof value === 'number';
  return isScalar || typeof value === 'boolean' ? ` « ${showValue(String(value))} »` : '';
}

/** Cuts a long value and writes control characters as code points, to keep one line. */
function showValue(value: string): string {
  const shown = value.replace(
    /\p{Cc}/gu,
    (char) => `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`,
  );
  return shown.length > MAX_SHOWN_VALUE ? `${shown.slice(0, MAX_SHOWN_VALUE)}…` : shown;
}
