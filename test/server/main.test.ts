/**
 * `npm run api` and `npm run api:seed` as programs: started from their TypeScript sources with
 * tsx, configured through the environment, stopped with a signal.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { countClients, openDatabase } from '../../src/server/database';
import { DEMO_DEBTOR_COUNT } from '../../src/server/demo-data';
import { ConfigError, readServerConfig } from '../../src/server/server-config';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'server', 'main.ts');
const SEED = path.join(ROOT, 'src', 'server', 'seed.ts');

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'opisto-main-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  port: number;
}

/** Starts main.ts on a free port and waits for its banner. */
async function startMain(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', OPISTO_DB: path.join(folder, 'demo.sqlite'), ...env },
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner after 20 s:\n${text}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /à l’écoute sur http:\/\/127\.0\.0\.1:(\d+)\/api\/v1/.exec(text);
      if (match && text.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', () => reject(new Error(`exited before listening:\n${text}`)));
  });
  return { child, output: () => text, port };
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('npm run api', () => {
  test('first start seeds, serves and stops on SIGTERM', async () => {
    const server = await startMain({});
    try {
      expect(server.output()).toContain(`Base de démonstration créée : ${DEMO_DEBTOR_COUNT}`);
      expect(server.output()).toContain('paramètres du complément : demo-key');
      expect(server.output()).toContain('Origines autorisées (CORS) : https://localhost:3000');

      const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/debtors?pageSize=1`, {
        headers: { authorization: 'Bearer demo-key' },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { total: number };
      expect(body.total).toBeGreaterThan(30);
    } finally {
      const exit = waitForExit(server.child);
      server.child.kill('SIGTERM');
      expect(await exit).toBe(0);
    }
    expect(server.output()).toContain('Serveur arrêté.');
  });

  test('key from the environment is not printed', async () => {
    const key = 'env-key-0d5b7e12';
    const server = await startMain({ OPISTO_API_KEY: key, OPISTO_CORS_ORIGINS: '' });
    try {
      const denied = await fetch(`http://127.0.0.1:${server.port}/api/v1/debtors`, {
        headers: { authorization: 'Bearer demo-key' },
      });
      expect(denied.status).toBe(401);
      const allowed = await fetch(`http://127.0.0.1:${server.port}/api/v1/debtors`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(allowed.status).toBe(200);
    } finally {
      const exit = waitForExit(server.child);
      server.child.kill('SIGINT');
      expect(await exit).toBe(0);
    }

    expect(server.output()).toContain('celle de la variable OPISTO_API_KEY (non affichée)');
    expect(server.output()).toContain('Origines autorisées (CORS) : aucune');
    expect(server.output()).not.toContain(key);
  });

  test('invalid port stops with a French message', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'http', OPISTO_DB: path.join(folder, 'x.sqlite') },
      encoding: 'utf8',
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT invalide « http »');
  });
});

describe('npm run api:seed', () => {
  function seed(...args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', SEED, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  }

  test('writes, refuses to mix, replaces', () => {
    const file = path.join(folder, 'big.sqlite');

    const first = seed('--debtors', '500', '--db', file, '--date', '2026-12-04');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^500 débiteurs écrits dans .* en \d+ ms/);

    const again = seed('--debtors', '300', '--db', file);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('contient déjà 500 débiteurs : ajoutez --replace');

    const replaced = seed('--debtors', '300', '--db', file, '--replace');
    expect(replaced.status).toBe(0);
    const db = openDatabase(file);
    expect(countClients(db)).toBe(300);
    db.close();
  });

  test.each([
    [['--debtors', '0'], '--debtors invalide « 0 »'],
    [['--debtors', 'ten'], '--debtors invalide « ten »'],
    [['--debtors', '10', '--date', '2026-02-30'], '--date invalide « 2026-02-30 »'],
    [['--debtors', '10', '--colour'], 'option inconnue ou sans valeur.'],
    [[], 'option --debtors manquante'],
  ])('%j is refused with the usage', (args, message) => {
    const run = seed(...args, '--db', path.join(folder, 'x.sqlite'));

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage : npm run api:seed');
  });

  test('--help prints the usage', () => {
    const run = seed('--help');

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage : npm run api:seed');
  });
});

describe('server settings', () => {
  test('defaults', () => {
    const config = readServerConfig({});

    expect(config.port).toBe(4010);
    expect(config.apiKey).toBe('demo-key');
    expect(config.usesDemoKey).toBe(true);
    expect(config.corsOrigins).toEqual(['https://localhost:3000']);
    expect(config.databaseFile).toBe(path.join(ROOT, 'data', 'opisto-demo.sqlite'));
  });

  test('environment values', () => {
    const config = readServerConfig({
      PORT: '8080',
      OPISTO_DB: 'other.sqlite',
      OPISTO_API_KEY: 'k',
      OPISTO_CORS_ORIGINS: 'https://a.example, https://b.example:8443 ,',
    });

    expect(config.port).toBe(8080);
    expect(config.databaseFile).toBe(path.resolve('other.sqlite'));
    expect(config.usesDemoKey).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
  });

  test.each([
    [{ PORT: '-1' }, 'PORT invalide'],
    [{ PORT: '70000' }, 'PORT invalide'],
    [{ OPISTO_API_KEY: '  ' }, 'OPISTO_API_KEY est vide'],
    [{ OPISTO_CORS_ORIGINS: 'https://a.example/' }, 'origine invalide « https://a.example/ »'],
    [{ OPISTO_CORS_ORIGINS: 'localhost:3000' }, 'origine invalide'],
  ])('%j is refused', (env, message) => {
    expect(() => readServerConfig(env)).toThrow(ConfigError);
    expect(() => readServerConfig(env)).toThrow(message);
  });
});
