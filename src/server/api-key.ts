/**
 * The API key check: `Authorization: Bearer <key>` on every route but health.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { sendProblem, unauthorized } from './problems';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/iu;

/**
 * Returns an onRequest hook that lets a request through when it carries `apiKey` and otherwise
 * sends a 401 problem. Both keys are hashed first, so timingSafeEqual compares buffers of equal
 * length and the time taken reveals neither the key's characters nor its length.
 */
export function requireApiKey(
  apiKey: string,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  if (apiKey === '') {
    throw new Error('the API key must not be empty');
  }
  const expected = digest(apiKey);

  return async (request, reply) => {
    const header = request.headers.authorization;
    if (header === undefined) {
      return sendProblem(
        reply.header('www-authenticate', 'Bearer'),
        unauthorized('L’en-tête Authorization manque : envoyez « Authorization: Bearer <clé> ».'),
      );
    }

    const sent = BEARER.exec(header)?.[1];
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
      return sendProblem(
        reply.header('www-authenticate', 'Bearer error="invalid_token"'),
        unauthorized('La clé envoyée ne correspond pas à celle du serveur.'),
      );
    }
    // Returning nothing lets the request go on to its route.
    return undefined;
  };
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
