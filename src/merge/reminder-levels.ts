/**
 * Reminder levels: the steps of a payment reminder, from a friendly first letter to the formal
 * notice before legal action. Each merge sends one level; the history keeps the level per client.
 */

export const REMINDER_LEVELS = ['rappel1', 'rappel2', 'miseEnDemeure'] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];

/** Names shown to the user and written by `opistoniveaurelance`. */
export const REMINDER_LEVEL_LABELS: Readonly<Record<ReminderLevel, string>> = {
  rappel1: '1er rappel',
  rappel2: '2e rappel',
  miseEnDemeure: 'Mise en demeure',
};

/**
 * Returns the level to send after `last`: the first reminder when there was none, then one step
 * up. A formal notice is followed by another formal notice, because the next step is a lawyer.
 */
export function nextReminderLevel(last: ReminderLevel | null | undefined): ReminderLevel {
  if (!last) {
    return 'rappel1';
  }
  const index = REMINDER_LEVELS.indexOf(last);
  return REMINDER_LEVELS[Math.min(index + 1, REMINDER_LEVELS.length - 1)] as ReminderLevel;
}

/** Spellings a template name may use for each level, lower case, accents removed. */
const NAME_PATTERNS: readonly [RegExp, ReminderLevel][] = [
  [/\bmise en demeure\b/, 'miseEnDemeure'],
  [/\b(2e|2eme|2nd|2nde|deuxieme|second|seconde) (rappel|relance)\b/, 'rappel2'],
  [/\b(rappel|relance|niveau) 2\b/, 'rappel2'],
  [/\b(1er|1ere|premier|premiere) (rappel|relance)\b/, 'rappel1'],
  [/\b(rappel|relance|niveau) 1\b/, 'rappel1'],
  [/\bniveau 3\b/, 'miseEnDemeure'],
];

/** Mentions of the next step, which do not name the template's own level. */
const NEXT_STEP = /\b(avant|sinon|puis) (la |une )?mise en demeure\b/g;

/**
 * Guesses the level from a template's file name ("Relance 2e rappel.docx" → rappel2), or null
 * when the name names none. The level named first wins ("2e rappel (avant mise en demeure)" is
 * a 2e rappel), and a mention of the next step is not a level. The user can always choose.
 */
export function levelFromTemplateName(fileName: string): ReminderLevel | null {
  const name = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(NEXT_STEP, ' ');

  let found: { level: ReminderLevel; at: number } | null = null;
  for (const [pattern, level] of NAME_PATTERNS) {
    const at = name.search(pattern);
    if (at >= 0 && (found === null || at < found.at)) {
      found = { level, at };
    }
  }
  return found?.level ?? null;
}

/** Reads a level as the command line accepts it: its code, its number or its French name. */
export function parseReminderLevel(text: string): ReminderLevel | null {
  const key = text.trim().toLowerCase();
  const byNumber: Readonly<Record<string, ReminderLevel>> = {
    '1': 'rappel1',
    '1er': 'rappel1',
    '2': 'rappel2',
    '2e': 'rappel2',
    '2eme': 'rappel2',
    '3': 'miseEnDemeure',
  };
  const byCode = REMINDER_LEVELS.find((level) => level.toLowerCase() === key);
  return byNumber[key] ?? byCode ?? levelFromTemplateName(key);
}
