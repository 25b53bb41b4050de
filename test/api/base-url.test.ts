import { isLoopbackHost, parseBaseUrl } from '../../src/api/base-url';
import { ApiError, createOpistoClient } from '../../src/api/client';
import { API_KEY } from './fake-server';

function rejection(baseUrl: string): ApiError {
  try {
    parseBaseUrl(baseUrl);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error(`expected ${baseUrl} to be rejected`);
}

describe('parseBaseUrl', () => {
  test.each([
    ['https://opisto.example.fr', 'https://opisto.example.fr', false],
    ['https://opisto.example.fr:8443/erp/', 'https://opisto.example.fr:8443/erp', false],
    ['  https://OPISTO.example.fr/  ', 'https://opisto.example.fr', false],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080', true],
    ['http://127.45.2.9', 'http://127.45.2.9', true],
    ['http://127.1:3000', 'http://127.0.0.1:3000', true],
    ['http://localhost:3000/', 'http://localhost:3000', true],
    ['http://LOCALHOST', 'http://localhost', true],
    ['http://[::1]:3000', 'http://[::1]:3000', true],
    ['https://localhost', 'https://localhost', true],
  ])('accepts %s', (input, href, isLoopback) => {
    expect(parseBaseUrl(input)).toEqual({ href, isLoopback });
  });

  test.each([
    'http://opisto.example.fr',
    'http://10.0.0.12:8080',
    'http://192.168.1.5',
    'http://128.0.0.1',
    'http://127.0.0.1.example.fr',
    'http://localhost.example.fr',
    'http://[::2]',
    'http://[::ffff:7f00:1]',
    'http://0.0.0.0',
  ])('rejects plain http to %s', (input) => {
    const error = rejection(input);

    expect(error.code).toBe('insecure_url');
    expect(error.message).toContain('http:// n’est permis que vers cette machine');
    expect(error.message).toContain('Utilisez https://');
  });

  test.each([
    ['ftp://opisto.example.fr', 'le protocole ftp: n’est pas pris en charge'],
    ['file:///etc/hosts', 'le protocole file: n’est pas pris en charge'],
    ['opisto.example.fr', 'n’est pas une adresse web complète'],
    ['', 'n’est pas une adresse web complète'],
    ['https://admin:secret@opisto.example.fr', 'contient un identifiant ou un mot de passe'],
    ['https://opisto.example.fr/?key=1', 'retirez la partie après « ? » ou « # »'],
    ['https://opisto.example.fr/#top', 'retirez la partie après « ? » ou « # »'],
  ])('rejects %s', (input, reason) => {
    const error = rejection(input);

    expect(error.code).toBe('insecure_url');
    expect(error.message).toMatch(/^Adresse du serveur Opisto refusée : /);
    expect(error.message).toContain(reason);
  });

  test('does not show a password it rejects', () => {
    expect(rejection('https://admin:secret@opisto.example.fr').message).not.toContain('secret');
  });
});

describe('isLoopbackHost', () => {
  test('accepts loopback names only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.255.255.254')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('1127.0.0.1')).toBe(false);
    expect(isLoopbackHost('example.com')).toBe(false);
  });
});

describe('createOpistoClient', () => {
  test('rejects http to a remote host before any request', () => {
    expect(() => createOpistoClient({ baseUrl: 'http://203.0.113.7', apiKey: API_KEY })).toThrow(
      expect.objectContaining({ code: 'insecure_url' }),
    );
  });

  test('rejects an empty key', () => {
    expect(() => createOpistoClient({ baseUrl: 'https://a.example', apiKey: '  ' })).toThrow(
      'Clé API manquante : saisissez la clé dans les paramètres.',
    );
  });

  test('rejects a key far too long', () => {
    expect(() =>
      createOpistoClient({ baseUrl: 'https://a.example', apiKey: 'k'.repeat(100_000) }),
    ).toThrow(/Clé API invalide : 100000 caractères/);
  });

  test('rejects a key with a line break without showing it', () => {
    let thrown: unknown;
    try {
      createOpistoClient({ baseUrl: 'https://a.example', apiKey: `${API_KEY}\r\nX-Evil: 1` });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).code).toBe('unauthorized');
    expect((thrown as ApiError).message).not.toContain(API_KEY);
  });

  test('rejects a timeout of 0', () => {
    expect(() =>
      createOpistoClient({ baseUrl: 'https://a.example', apiKey: API_KEY, timeoutMs: 0 }),
    ).toThrow(RangeError);
  });
});

describe('API prefix in the address', () => {
  test.each(['http://127.0.0.1:4010/api/v1', 'http://127.0.0.1:4010/api/v1/'])(
    '%s is taken without it',
    (address) => {
      expect(parseBaseUrl(address).href).toBe('http://127.0.0.1:4010');
    },
  );
});
