/**
 * The reference server's settings, read from environment variables, with French errors that name
 * the variable to fix.
 */
import path from 'node:path';

import { DEFAULT_DATABASE_FILE } from './project-files';

export const DEFAULT_PORT = 4010;
export const DEFAULT_API_KEY = 'demo-key';
export const DEFAULT_CORS_ORIGINS = ['https://localhost:3000'];

export interface ServerConfig {
  port: number;
  databaseFile: string;
  apiKey: string;
  /** True when OPISTO_API_KEY is unset, so the key is the public demo key. */
  usesDemoKey: boolean;
  corsOrigins: string[];
}

/** A setting that cannot be used; its message is French and names the variable. */
export class ConfigError extends Error {}

export function readServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const apiKey = env.OPISTO_API_KEY;
  if (apiKey !== undefined && apiKey.trim() === '') {
    throw new ConfigError('OPISTO_API_KEY est vide : donnez une clé ou retirez la variable.');
  }

  return {
    port: readPort(env.PORT),
    databaseFile: env.OPISTO_DB ? path.resolve(env.OPISTO_DB) : DEFAULT_DATABASE_FILE,
    apiKey: apiKey ?? DEFAULT_API_KEY,
    usesDemoKey: apiKey === undefined,
    corsOrigins: readOrigins(env.OPISTO_CORS_ORIGINS),
  };
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') {
    return DEFAULT_PORT;
  }
  const port = Number(value);
  if (!/^\d+$/u.test(value) || port > 65535) {
    throw new ConfigError(`PORT invalide « ${value} » : donnez un nombre entre 0 et 65535.`);
  }
  return port;
}

/** Origins are compared exactly with the browser's Origin header, so each one is checked. */
function readOrigins(value: string | undefined): string[] {
  if (value === undefined) {
    return DEFAULT_CORS_ORIGINS;
  }

  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `OPISTO_CORS_ORIGINS : origine invalide « ${origin} », ` +
          'attendu par exemple https://localhost:3000 (sans chemin ni barre finale).',
      );
    }
  }
  return origins;
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}
