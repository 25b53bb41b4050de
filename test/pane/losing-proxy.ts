/**
 * A loopback proxy in front of a reference server that can lose the responses of
 * POST /api/v1/reminders. It forwards the request and lets the server record it, then closes the
 * connection with no response, as a network that fails on the way back. Every other request
 * passes through unchanged, CORS preflights included.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LosingProxy {
  baseUrl: string;
  /** While true, the responses of reminder batches are lost. */
  losing: boolean;
  /** The `Idempotency-Key` of each reminder batch received, in order. */
  readonly batchKeys: string[];
  close(): Promise<void>;
}

export async function startLosingProxy(upstreamUrl: string): Promise<LosingProxy> {
  const upstream = new URL(upstreamUrl);
  const proxy: LosingProxy = {
    baseUrl: '',
    losing: true,
    batchKeys: [],
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer((incoming, outgoing) => {
    const isBatch = incoming.method === 'POST' && incoming.url === '/api/v1/reminders';
    if (isBatch) {
      proxy.batchKeys.push(String(incoming.headers['idempotency-key']));
    }
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response: IncomingMessage) => {
        if (isBatch && proxy.losing) {
          // The server has recorded the batch; the client never hears of it.
          response.resume();
          response.on('end', () => incoming.socket.destroy());
          return;
        }
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on('error', () => incoming.socket.destroy());
    incoming.pipe(forwarded);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
