/**
 * The merge's settings chosen on the command line: the reminder level, the penalty rate and the
 * checks before sending. Each bad value stops the run before any letter, with a French message.
 */
import {
  levelFromTemplateName,
  parseEuroAmount,
  parsePenaltyRate,
  parseReminderLevel,
  penaltyRateMissing,
  PENALTY_RATE_FIELDS,
  REMINDER_LEVEL_LABELS,
  type CompiledTemplate,
  type FieldName,
  type LetterOptions,
  type ReminderLevel,
  type SendCheckOptions,
} from '../merge';
import { UsageError } from './read-inputs';

export type MergeSettingsOptions = {
  level?: string;
  penaltyRate?: string;
  minAmount?: string;
  confirmUnmatched?: boolean;
};

export type MergeSettings = {
  level: ReminderLevel;
  /** Says where the level comes from, for the user. */
  levelNote: string;
  letterOptions: LetterOptions;
  sendChecks: SendCheckOptions;
};

export function resolveMergeSettings(
  options: MergeSettingsOptions,
  template: CompiledTemplate,
  templateFile: string,
): MergeSettings {
  const fieldsUsed = new Set(
    template.words.flatMap((word): FieldName[] => (word.field ? [word.field] : [])),
  );
  const penaltyRate = readPenaltyRate(options.penaltyRate, fieldsUsed);
  const { level, levelNote } = chooseLevel(options.level, templateFile);

  return {
    level,
    levelNote,
    letterOptions: { penaltyRate, level, fieldsUsed },
    sendChecks: {
      minimumCents: readMinimum(options.minAmount),
      confirmUnmatched: options.confirmUnmatched === true,
    },
  };
}

/** Fields whose amounts are wrong without the client's credit notes. */
const CREDIT_NOTE_FIELDS: readonly FieldName[] = [
  'opistolisteavoirs',
  'opistolistefacturesavoirs',
  'opistototaldu',
];

/**
 * Warns when --kinds leaves the credit notes out of the records while the template counts them:
 * the letters would then claim more than the client owes.
 */
export function warnMissingCreditNotes(kinds: string | undefined, settings: MergeSettings): void {
  const fields = settings.letterOptions.fieldsUsed ?? new Set<FieldName>();
  const counted = CREDIT_NOTE_FIELDS.filter((field) => fields.has(field));
  if (kinds === undefined || kinds.split(',').includes('creditNotes') || counted.length === 0) {
    return;
  }
  console.warn(
    `Attention : --kinds ${kinds} laisse de côté les avoirs, alors que le modèle utilise ` +
      `${counted.join(', ')} : les courriers réclameraient plus que ce que le client doit. ` +
      'Ajoutez creditNotes à --kinds.',
  );
}

function readPenaltyRate(text: string | undefined, fieldsUsed: ReadonlySet<FieldName>) {
  if (text === undefined) {
    const needing = [...fieldsUsed].filter((field) => PENALTY_RATE_FIELDS.has(field));
    if (needing.length > 0) {
      throw new UsageError(penaltyRateMissing(needing).message);
    }
    return null;
  }

  const rate = parsePenaltyRate(text);
  if (!rate) {
    throw new UsageError(
      `--penalty-rate : taux invalide « ${text} ». Indiquez le taux annuel en pourcentage, ` +
        'entre 0 et 100, deux décimales au plus, par exemple 13.15.',
    );
  }
  return rate;
}

function chooseLevel(text: string | undefined, templateFile: string) {
  if (text !== undefined) {
    const level = parseReminderLevel(text);
    if (!level) {
      throw new UsageError(
        `--level : niveau inconnu « ${text} ». Indiquez 1 (1er rappel), 2 (2e rappel) ou ` +
          '3 (mise en demeure).',
      );
    }
    return { level, levelNote: `Niveau de relance : ${REMINDER_LEVEL_LABELS[level]}.` };
  }

  const guessed = levelFromTemplateName(templateFile);
  const level = guessed ?? 'rappel1';
  const source = guessed ? 'd’après le nom du modèle' : 'le nom du modèle n’en indique aucun';
  return {
    level,
    levelNote:
      `Niveau de relance : ${REMINDER_LEVEL_LABELS[level]} (${source} ; --level pour en ` +
      'choisir un autre).',
  };
}

function readMinimum(text: string | undefined): number {
  if (text === undefined) {
    return 0;
  }
  const cents = parseEuroAmount(text);
  if (cents === null) {
    throw new UsageError(
      `--min-amount : montant invalide « ${text} ». Indiquez un montant en euros, par exemple ` +
        '15 ou 15,50.',
    );
  }
  return cents;
}
