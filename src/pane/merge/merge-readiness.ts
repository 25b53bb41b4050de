/**
 * Whether "Fusionner" can run, and if not, why, in French, so that the button says what is missing
 * instead of staying silently grey.
 */
import { isCalendarDate } from '../../merge';
import type { ClientState } from '../app/pane-context';
import type { TemplateChoice } from '../services/template-choice';

export type MergeReadiness = { ready: true } | { ready: false; reason: string };

export type ReadinessInput = {
  selectedCount: number;
  template: TemplateChoice | null;
  client: ClientState;
  letterDate: string;
};

export function checkMergeReadiness(input: ReadinessInput): MergeReadiness {
  const reason = findMissing(input);
  return reason === null ? { ready: true } : { ready: false, reason };
}

function findMissing({ selectedCount, template, client, letterDate }: ReadinessInput) {
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
    return 'Date du courrier invalide : saisissez une date complète (jour, mois, année).';
  }
  return null;
}
