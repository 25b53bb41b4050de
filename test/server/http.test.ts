/**
 * Behaviour that every route shares: the API key, problem bodies for bad input and unknown routes,
 * the 500 problem, CORS headers and the request log.
 */
import { healthSchema } from '../../src/api/contract';
import {
  ALLOWED_ORIGIN,
  API_KEY,
  postJson,
  readProblem,
  startTestServer,
  type TestServer,
} from './helpers';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.close();
});

const PROTECTED = [
  ['GET', '/api/v1/debtors'],
  ['GET', '/api/v1/debtors/C-000123/record'],
  ['POST', '/api/v1/debtors/records'],
] as const;

function request(method: string, urlPath: string, headers: Record<string, string> = {}) {
  const isPost = method === 'POST';
  return fetch(`${server.baseUrl}${urlPath}`, {
    method,
    headers: isPost ? { 'content-type': 'application/json', ...headers } : headers,
    body: isPost ? JSON.stringify({ ids: ['C-000123'] }) : undefined,
  });
}

describe('API key', () => {
  test.each(PROTECTED)('%s %s without key is 401', async (method, urlPath) => {
    const response = await request(method, urlPath);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const problem = await readProblem(response);
    expect(problem.title).toBe('Clé API refusée : vérifiez la clé dans les paramètres');
    expect(problem.detail).toContain('Authorization');
  });

  test.each(PROTECTED)('%s %s with wrong key is 401', async (method, urlPath) => {
    const wrongKey = 'wrong-key-that-must-not-echo';
    const response = await request(method, urlPath, { authorization: `Bearer ${wrongKey}` });

    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(wrongKey);
    expect(text).not.toContain(API_KEY);
  });

  test.each(PROTECTED)('%s %s with right key is 200', async (method, urlPath) => {
    const response = await request(method, urlPath, { authorization: `Bearer ${API_KEY}` });

    expect(response.status).toBe(200);
  });

  test.each([
    ['key prefix', `Bearer ${API_KEY.slice(0, -1)}`],
    ['key with extra character', `Bearer ${API_KEY}x`],
    ['other scheme', `Basic ${API_KEY}`],
    ['no scheme', API_KEY],
    ['empty bearer', 'Bearer '],
    ['two keys', `Bearer ${API_KEY} ${API_KEY}`],
  ])('%s is 401', async (_label, authorization) => {
    const response = await request('GET', '/api/v1/debtors', { authorization });

    expect(response.status).toBe(401);
  });

  test('scheme in any case is accepted', async () => {
    const response = await request('GET', '/api/v1/debtors', {
      authorization: `bearer ${API_KEY}`,
    });

    expect(response.status).toBe(200);
  });

  test('health needs no key', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/health`);

    expect(response.status).toBe(200);
    const body = healthSchema.parse(await response.json());
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('empty key cannot start a server', async () => {
    await expect(startTestServer({ apiKey: '' })).rejects.toThrow('API key');
  });
});

describe('problem bodies', () => {
  test('invalid search names each parameter and value', async () => {
    const response = await server.api(
      '/api/v1/debtors?dueBefore=2018-13-01&kinds=factures&name=%20%20&duebefore=2018-11-01',
    );

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.title).toBe('Paramètres de recherche invalides : corrigez les champs indiqués');
    expect(problem.errors?.map((error) => error.parameter).sort()).toEqual([
      'dueBefore',
      'duebefore',
      'kinds',
      'name',
    ]);
    expect(problem.detail).toContain(
      'dueBefore : date invalide, format attendu AAAA-MM-JJ « 2018-13-01 »',
    );
    expect(problem.detail).toContain('kinds : liste invalide');
    expect(problem.detail).toContain('« factures »');
    expect(problem.detail).toContain('duebefore : paramètre inconnu « 2018-11-01 »');
    expect(problem.detail).toContain('name : texte vide');
  });

  test('date range ending before it starts', async () => {
    for (const path of [
      '/api/v1/debtors?invoicedFrom=2026-12-01&invoicedTo=2026-01-01',
      '/api/v1/debtors/C-000123/record?invoicedFrom=2026-12-01&invoicedTo=2026-01-01',
    ]) {
      const response = await server.api(path);
      expect(response.status).toBe(400);
      const problem = await readProblem(response);
      expect(problem.detail).toContain('invoicedTo : date invalide, elle précède invoicedFrom');
    }
  });

  test('repeated parameter is rejected', async () => {
    const response = await server.api('/api/v1/debtors?city=albi&city=foix');

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors?.map((error) => error.parameter)).toEqual(['city']);
  });

  test('long value is cut in the detail', async () => {
    const long = 'a'.repeat(201);
    const response = await server.api(`/api/v1/debtors?email=${long}`);

    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.detail).toContain('email : texte trop long');
    expect(problem.detail).not.toContain(long);
    expect(problem.detail).toContain('…');
  });

  test.each([
    ['GET', '/api/v1/nothing'],
    ['GET', '/api/v2/debtors'],
    ['DELETE', '/api/v1/debtors/C-000123/record'],
    ['GET', '/'],
  ])('%s %s is a 404 problem', async (method, urlPath) => {
    const response = await server.api(`${urlPath}?secret=query-text`, { method });

    expect(response.status).toBe(404);
    const problem = await readProblem(response);
    expect(problem.detail).toContain(urlPath);
    expect(problem.detail).not.toContain('query-text');
  });

  test('unexpected error is a 500 problem without details', async () => {
    server.db.close();

    const response = await server.api('/api/v1/debtors?name=dupont');

    expect(response.status).toBe(500);
    const problem = await readProblem(response);
    expect(problem.title).toMatch(/^Erreur interne du serveur : réessayez plus tard/);
    const text = JSON.stringify(problem);
    expect(text).not.toMatch(/sqlite|database|connection|stack|\.ts\b|at /i);
    const errors = server.logs().filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('database connection is not open');
  });

  test('health fails when the database is closed', async () => {
    server.db.close();

    const response = await fetch(`${server.baseUrl}/api/v1/health`);

    expect(response.status).toBe(500);
    await readProblem(response);
  });
});

describe('CORS', () => {
  test('allowed origin gets the header', async () => {
    const response = await server.api('/api/v1/debtors', { headers: { origin: ALLOWED_ORIGIN } });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  test('other origin gets no header', async () => {
    const response = await server.api('/api/v1/debtors', {
      headers: { origin: 'https://attacker.example' },
    });

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('401 carries the header for an allowed origin', async () => {
    const response = await request('GET', '/api/v1/debtors', { origin: ALLOWED_ORIGIN });

    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  test('preflight needs no key', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/debtors/records`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
  });

  test('preflight allows the idempotency key', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/reminders`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'idempotency-key',
    );
  });

  test('preflight from other origin is not allowed', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/debtors`, {
      method: 'OPTIONS',
      headers: { origin: 'https://attacker.example', 'access-control-request-method': 'GET' },
    });

    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request log', () => {
  test('one line per request, no key, no query', async () => {
    const wrongKey = 'wrong-key-7c0ffee';
    await server.api('/api/v1/debtors?name=dupont&email=secret-query@example');
    await server.api('/api/v1/debtors/C-000123/record?kinds=invoices');
    await postJson(server, '/api/v1/debtors/records', { ids: ['C-000001'] });
    await request('GET', '/api/v1/debtors', { authorization: `Bearer ${wrongKey}` });
    await request('GET', '/api/v1/debtors');
    await server.api('/api/v1/debtors?page=0');
    await server.api('/api/v1/unknown?x=1');

    const lines = server.logs().filter((line) => line.msg === 'request completed');
    expect(lines.map((line) => [line.method, line.path, line.statusCode])).toEqual([
      ['GET', '/api/v1/debtors', 200],
      ['GET', '/api/v1/debtors/C-000123/record', 200],
      ['POST', '/api/v1/debtors/records', 200],
      ['GET', '/api/v1/debtors', 401],
      ['GET', '/api/v1/debtors', 401],
      ['GET', '/api/v1/debtors', 400],
      ['GET', '/api/v1/unknown', 404],
    ]);
    for (const line of lines) {
      expect(typeof line.responseTimeMs).toBe('number');
    }

    const text = server.logText();
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(wrongKey);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toContain('secret-query');
    expect(text).not.toContain('?');
  });

  test('no other request lines', async () => {
    await server.api('/api/v1/debtors');

    const requestLines = server.logs().filter((line) => 'reqId' in line);
    expect(requestLines).toHaveLength(1);
  });
});
