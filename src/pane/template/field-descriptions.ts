/**
 * French descriptions of the field words, as the product specification gives them, for the field
 * list of the "Modèle" tab, and the search that filters that list.
 */
import { CONDITION_FIELDS, LIST_FIELDS, TEXT_FIELDS, type FieldName } from '../../merge/fields';

export const FIELD_DESCRIPTIONS: Readonly<Record<FieldName, string>> = {
  opistoclientprenom: 'Prénom',
  opistoclientnom: 'Nom',
  opistoclientnomcomplet: 'Raison sociale, nom et prénom',
  opistoclientraisonsociale: 'Raison sociale',
  opistoclientadresse1: 'Adresse, ligne 1',
  opistoclientadresse2: 'Adresse, ligne 2',
  opistoclientcp: 'Code postal',
  opistoclientville: 'Ville',
  opistoclientsolde: 'Solde restant dû (montant)',
  opistoclientencoursaccorde: 'Encours accordé (montant)',
  opistoclientmail: 'Adresse e-mail',
  opistoclientnumtva: 'Numéro de TVA intracommunautaire',
  opistoclientremisepourcent: 'Remise du client en pourcentage, sans le signe %',
  opistoclienttelprincipal: 'Téléphone principal',
  opistoclienttelsecondaire: 'Téléphone secondaire',
  opistoclientsiret: 'Numéro SIRET',
  opistodatejour: 'Date du courrier : aujourd’hui ou la date choisie',
  opistoniveaurelance: 'Niveau de la relance : 1er rappel, 2e rappel ou mise en demeure',
  opistodernierrelance: 'Date de la relance précédente (vide s’il n’y en a pas)',
  opistopenalitesretard: 'Pénalités de retard des factures échues (montant, au taux choisi)',
  opistoindemniterecouvrement:
    'Indemnité forfaitaire de recouvrement : 40 € par facture en retard, professionnels seulement',
  opistototaldu: 'Total dû : factures moins avoirs, plus pénalités et indemnité (montant)',
  opistolistefactures: 'Tableau des factures impayées',
  opistolisteavoirs: 'Tableau des avoirs non utilisés',
  opistolistefacturesavoirs: 'Tableau des factures impayées et des avoirs non utilisés',
  opistolistetransactions: 'Tableau des transactions (proformas, commandes)',
  opistolistepenalites: 'Tableau des pénalités de retard, facture par facture',
  opistosipro: 'En début de paragraphe : paragraphe gardé pour les professionnels seulement',
  opistosiparticulier: 'En début de paragraphe : paragraphe gardé pour les particuliers seulement',
};

export type FieldEntry = { field: FieldName; description: string };

/** Every field in catalog order: the client's fields and the date, the tables, the conditions. */
export const FIELD_ENTRIES: readonly FieldEntry[] = [
  ...TEXT_FIELDS,
  ...LIST_FIELDS,
  ...CONDITION_FIELDS,
].map((field) => ({ field, description: FIELD_DESCRIPTIONS[field] }));

/** Lower case without accents, so that "telephone" finds "Téléphone". */
function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Keeps the fields whose name or description contains every word of `query`. */
export function filterFields(query: string): FieldEntry[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);

  return FIELD_ENTRIES.filter((entry) => {
    const text = normalise(`${entry.field} ${entry.description}`);
    return words.every((word) => text.includes(word));
  });
}
