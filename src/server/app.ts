/**
 * The reference server of the Opisto API: a Fastify application over a SQLite database, built
 * by `buildServer` so that tests can start it on a free port with a database of their own.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';

import type { Database } from 'better-sqlite3';

import { IDEMPOTENCY_KEY_HEADER } from '../api/contract';
import { badRequest, internalError, routeNotFound, sendProblem } from './problems';
import { packageVersion } from './project-files';
import { loggerOptions, pathOf, RequestLogController, type LogOptions } from './request-log';
import { registerRoutes } from './routes';

export interface ServerOptions {
  db: Database;
  /** The key that clients send as `Authorization: Bearer <key>`. It must not be empty. */
  apiKey: string;
  /** Web origins allowed to call the API from a browser, such as the add-in's task pane. */
  corsOrigins: string[];
  /** Info-level JSON lines on standard output when absent. */
  logger?: LogOptions;
  /** Version that the health route reports, the package's version when absent. */
  version?: string;
}

/** Maximum length of a debtor id in the record route's path, the batch request's limit too. */
const MAX_ID_LENGTH = 200;

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    logController: new RequestLogController(),
    routerOptions: { maxParamLength: MAX_ID_LENGTH },
  });

  // The API reads JSON bodies only; any other media type gets a 415 problem.
  app.removeContentTypeParser('text/plain');

  // Registered first, so that its headers reach every reply, 401 and 404 included.
  void app.register(cors, {
    origin: options.corsOrigins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', IDEMPOTENCY_KEY_HEADER],
  });

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify rejected the request before the route ran (unreadable JSON, wrong media type).
      // The request's completed line records the status; that is all a client error needs.
      return sendProblem(reply, badRequest(status, describeClientError(error)));
    }

    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, internalError());
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, routeNotFound(request.method, pathOf(request.url))),
  );

  void app.register(registerRoutes, {
    db: options.db,
    apiKey: options.apiKey,
    version: options.version ?? packageVersion(),
  });
  return app;
}

const CLIENT_ERROR_DETAILS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'Le corps doit être du JSON : envoyez Content-Type: application/json.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Le corps de la requête n’est pas du JSON valide.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Le corps de la requête est vide alors que du JSON est attendu.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Le corps de la requête est trop volumineux.',
};

/** Returns a French detail for an error that Fastify raised, never the error's own message. */
function describeClientError(error: FastifyError): string {
  return (
    CLIENT_ERROR_DETAILS[error.code] ??
    `La requête est mal formée (statut HTTP ${error.statusCode ?? 400}).`
  );
}
