/**
 * Request logging: one JSON line per request with its method, path (never the query string),
 * status and time. No header is logged, so the API key stays out of the log.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** Log destination and level, or `false` for no log at all. */
export type LogOptions =
  | false
  | {
      level?: string;
      /** Receives each JSON line; standard output when absent. */
      stream?: { write(line: string): void };
    };

/** Returns the path of a request URL without its query string. */
export function pathOf(url: string): string {
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

/** Replaces Fastify's two lines per request (received, completed) with one completed line. */
export class RequestLogController extends LogController {
  override incomingRequest(): void {
    // Nothing: the completed line is the one line per request.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      path: pathOf(request.url),
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) {
      reply.log.error({ ...line, err: error }, 'request failed while sending the response');
    } else {
      reply.log.info(line, 'request completed');
    }
  }

  override routeNotFound(): void {
    // Nothing: the not-found handler's reply gets the completed line, without the query string.
  }
}

/**
 * Returns Fastify's `logger` option. Wherever Fastify logs a request object, its serializer keeps
 * the method and the path only. Fastify 5's own serializer adds the URL with its query string and
 * the client's address, and pino's standard one adds every header, Authorization included.
 */
export function loggerOptions(options: LogOptions | undefined): object | false {
  if (options === false) {
    return false;
  }
  return {
    level: options?.level ?? 'info',
    ...(options?.stream ? { stream: options.stream } : {}),
    serializers: {
      req: (request: { method?: string; url?: string }) => ({
        method: request.method,
        path: pathOf(request.url ?? ''),
      }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
