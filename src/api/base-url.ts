/**
 * Checks the Opisto server address before any request. The API key travels in a header, so it
 * may cross a network only over https. Plain http is accepted for this machine alone (loopback),
 * where a local test server or an SSH tunnel listens.
 */
import { API_PREFIX } from './contract';
import { ApiError } from './api-error';

export interface BaseUrl {
  /** Origin and path prefix without a trailing slash, such as "https://opisto.example.fr/erp". */
  href: string;
  /** True for localhost, 127.0.0.0/8 and [::1]. */
  isLoopback: boolean;
}

const MAX_SHOWN_LENGTH = 100;
const EXAMPLE = 'par exemple https://opisto.example.fr';

/** Parses and checks `text`, or throws an ApiError `insecure_url` with a French message. */
export function parseBaseUrl(text: string): BaseUrl {
  const url = parseUrl(text.trim());

  if (url.username !== '' || url.password !== '') {
    throw rejected(
      `l’adresse ${url.host} contient un identifiant ou un mot de passe. ` +
        'Retirez-les : la clé API suffit.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw rejected(`retirez la partie après « ? » ou « # » de l’adresse ${url.host}.`);
  }

  const isLoopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !isLoopback) {
    throw rejected(
      `http:// n’est permis que vers cette machine (localhost, 127.0.0.1, [::1]), ` +
        `car la clé API circulerait en clair. Utilisez https://${url.host}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw rejected(
      `le protocole ${url.protocol} n’est pas pris en charge : ` +
        'utilisez https:// (ou http:// vers cette machine).',
    );
  }

  // The server prints its address with the API prefix; the client adds the prefix itself.
  const path = url.pathname.replace(/\/+$/, '').replace(new RegExp(`${API_PREFIX}$`), '');
  return { href: `${url.protocol}//${url.host}${path}`, isLoopback };
}

/** Tells whether `hostname`, as `URL` normalizes it, names this machine. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') {
    return true;
  }
  // URL has already rewritten forms such as "127.1" or "0x7f.0.0.1" as dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    const excerpt = text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}…` : text;
    throw rejected(`« ${excerpt} » n’est pas une adresse web complète (${EXAMPLE}).`);
  }
}

function rejected(reason: string): ApiError {
  return new ApiError(
    'insecure_url',
    `Adresse du serveur Opisto refusée : ${reason} Corrigez-la dans les paramètres.`,
    { attempts: 0 },
  );
}
