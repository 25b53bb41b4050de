/**
 * Whether "Fusionner" can run, and if not, why, in French, so that the button says what is missing
 * instead of staying silently grey.
 */
import { isCalendarDate, PENALTY_RATE_FIELDS, type FieldName, type PenaltyRate } from '../../merge';
import type { ClientState } from '../app/pane-context';
import type { TemplateChoice } from '../services/template-choice';

export type MergeReadiness = { ready: true } | { ready: false; reason: string };

export type ReadinessInput = {
  selectedCount: number;
  template: TemplateChoice | null;
  /** The template's field words, or null while they are unknown (the document open in Word). */
  fieldsUsed: ReadonlySet<FieldName> | null;
  penaltyRate: PenaltyRate | null;
  client: ClientState;
  letterDate: string;
};

/** Returns the penalty fields the template uses that cannot be filled without a rate. */
export function fieldsNeedingRate(
  fieldsUsed: ReadonlySet<FieldName>,
  penaltyRate: PenaltyRate | null,
): FieldName[] {
  return penaltyRate ? [] : [...fieldsUsed].filter((field) => PENALTY_RATE_FIELDS.has(field));
}

/** Says that the template needs the penalty rate, which is never guessed, and where to set it. */
export function missingRateReason(fields: readonly FieldName[]): string {
  return (
    `Taux des pénalités de retard manquant : le modèle utilise ${fields.join(', ')}. ` +
    'Indiquez le taux annuel de vos conditions générales de vente dans l’onglet Paramètres.'
  );
}

export function checkMergeReadiness(input: ReadinessInput): MergeReadiness {
  const reason = findMissing(input);
  return reason === null ? { ready: true } : { ready: false, reason };
}

function findMissing(input: ReadinessInput) {
  const { selectedCount, template, client, letterDate } = input;
  if (selectedCount === 0) {
    return 'Aucun client sélectionné : cochez au moins un client dans la liste.';
  }
  if (template === null) {
    return 'Aucun modèle : choisissez un modèle dans l’onglet Modèle.';
  }
  if (client.kind === 'missing') {
    return (
      'Connexion à Opisto non configurée : ' +
      'saisissez l’adresse et la clé API dans l’onglet Paramètres.'
    );
  }
  if (client.kind === 'invalid') {
    return `Paramètres de connexion invalides : ${client.message}`;
  }
  if (!isCalendarDate(letterDate)) {
    return 'Date du courrier invalide : saisissez une date réelle (jour, mois, année).';
  }
  const needRate = input.fieldsUsed ? fieldsNeedingRate(input.fieldsUsed, input.penaltyRate) : [];
  if (needRate.length > 0) {
    return missingRateReason(needRate);
  }
  return null;
}
