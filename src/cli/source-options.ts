/**
 * Chooses where the command line's records come from, a file (--data) or the API (--api), and
 * checks the options that only the API understands, so that none is silently ignored.
 */
import { localCalendarDate, parseReminderLevel } from '../merge';
import { UsageError } from './read-inputs';
import { apiSource, fileSource, type ApiSourceOptions, type RecordSource } from './record-source';
import type { RunLog } from './log';

export type SourceOptions = Omit<Partial<ApiSourceOptions>, 'nextLevel' | 'notRemindedSince'> & {
  data?: string;
  /** --next-level, as typed: 1, 2, 3 or a level's name. */
  nextLevel?: string;
  /** --not-reminded-for, as typed: a number of days. */
  notRemindedFor?: string;
  /** False with --no-history. */
  history?: boolean;
};

/** Options that filter the API's search or record to it, with the name the user typed. */
const API_ONLY_OPTIONS: readonly [keyof SourceOptions, string][] = [
  ['dueBefore', '--due-before'],
  ['invoicedFrom', '--invoiced-from'],
  ['invoicedTo', '--invoiced-to'],
  ['kinds', '--kinds'],
  ['name', '--name'],
  ['city', '--city'],
  ['postalCode', '--postal-code'],
  ['nextLevel', '--next-level'],
  ['notRemindedFor', '--not-reminded-for'],
];

export function openSource(options: SourceOptions, log: RunLog): Promise<RecordSource> {
  if (options.data !== undefined && options.api !== undefined) {
    throw new UsageError(
      'indiquez soit --data (un fichier), soit --api (le serveur), pas les deux.',
    );
  }
  if (options.data !== undefined) {
    rejectApiOnlyOptions(options);
    return Promise.resolve(fileSource(options.data));
  }
  if (options.api !== undefined) {
    const { nextLevel, notRemindedFor, ...rest } = options;
    return apiSource(
      {
        ...rest,
        api: options.api,
        nextLevel: readNextLevel(nextLevel),
        notRemindedSince: readNotRemindedSince(notRemindedFor),
      },
      log,
    );
  }
  throw new UsageError(
    'indiquez d’où viennent les clients : --data clients.json, ou --api https://… avec la clé.',
  );
}

function rejectApiOnlyOptions(options: SourceOptions): void {
  const apiOptions = API_ONLY_OPTIONS.filter(([key]) => options[key] !== undefined).map(
    ([, option]) => option,
  );
  if (options.history === false) {
    apiOptions.push('--no-history');
  }
  if (apiOptions.length > 0) {
    throw new UsageError(
      `${apiOptions.join(', ')} : ces options ne servent qu’avec --api. Avec --data, chaque client ` +
        'du fichier reçoit un courrier : préparez le fichier en conséquence.',
    );
  }
}

function readNextLevel(text: string | undefined) {
  if (text === undefined) {
    return undefined;
  }
  const level = parseReminderLevel(text);
  if (!level) {
    throw new UsageError(
      `--next-level : niveau inconnu « ${text} ». Indiquez 1 (1er rappel), 2 (2e rappel) ou ` +
        '3 (mise en demeure).',
    );
  }
  return level;
}

/** Turns a number of days into the date before which the last reminder must be. */
function readNotRemindedSince(text: string | undefined): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d{1,4}$/.test(text.trim())) {
    throw new UsageError(
      `--not-reminded-for : nombre de jours invalide « ${text} ». Indiquez un nombre entier, ` +
        'par exemple 15.',
    );
  }
  const since = new Date();
  since.setDate(since.getDate() - Number(text.trim()));
  return localCalendarDate(since);
}
