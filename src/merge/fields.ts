/**
 * The field catalog: every word a template may contain, and what kind of value replaces it.
 *
 * Names are stored in lower case because templates match them in any case
 * (Word capitalises the first word of a line).
 */

export type TextFieldName =
  | 'opistoclientprenom'
  | 'opistoclientnom'
  | 'opistoclientnomcomplet'
  | 'opistoclientraisonsociale'
  | 'opistoclientadresse1'
  | 'opistoclientadresse2'
  | 'opistoclientcp'
  | 'opistoclientville'
  | 'opistoclientsolde'
  | 'opistoclientencoursaccorde'
  | 'opistoclientmail'
  | 'opistoclientnumtva'
  | 'opistoclientremisepourcent'
  | 'opistoclienttelprincipal'
  | 'opistoclienttelsecondaire'
  | 'opistoclientsiret'
  | 'opistodatejour'
  | 'opistoniveaurelance'
  | 'opistodernierrelance'
  | 'opistopenalitesretard'
  | 'opistoindemniterecouvrement'
  | 'opistototaldu';

export type ListFieldName =
  | 'opistolistefactures'
  | 'opistolisteavoirs'
  | 'opistolistefacturesavoirs'
  | 'opistolistetransactions'
  | 'opistolistepenalites';

/**
 * Words that start a paragraph kept only for one kind of client, and are removed from it:
 * `opistosipro` for professional buyers, `opistosiparticulier` for consumers.
 */
export type ConditionFieldName = 'opistosipro' | 'opistosiparticulier';

export type FieldName = TextFieldName | ListFieldName | ConditionFieldName;

export const TEXT_FIELDS: readonly TextFieldName[] = [
  'opistoclientprenom',
  'opistoclientnom',
  'opistoclientnomcomplet',
  'opistoclientraisonsociale',
  'opistoclientadresse1',
  'opistoclientadresse2',
  'opistoclientcp',
  'opistoclientville',
  'opistoclientsolde',
  'opistoclientencoursaccorde',
  'opistoclientmail',
  'opistoclientnumtva',
  'opistoclientremisepourcent',
  'opistoclienttelprincipal',
  'opistoclienttelsecondaire',
  'opistoclientsiret',
  'opistodatejour',
  'opistoniveaurelance',
  'opistodernierrelance',
  'opistopenalitesretard',
  'opistoindemniterecouvrement',
  'opistototaldu',
];

export const LIST_FIELDS: readonly ListFieldName[] = [
  'opistolistefactures',
  'opistolisteavoirs',
  'opistolistefacturesavoirs',
  'opistolistetransactions',
  'opistolistepenalites',
];

export const CONDITION_FIELDS: readonly ConditionFieldName[] = [
  'opistosipro',
  'opistosiparticulier',
];

export const FIELD_NAMES: readonly FieldName[] = [
  ...TEXT_FIELDS,
  ...LIST_FIELDS,
  ...CONDITION_FIELDS,
];

/** Fields whose value needs the annual penalty rate, which is never guessed. */
export const PENALTY_RATE_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([
  'opistopenalitesretard',
  'opistototaldu',
  'opistolistepenalites',
]);

/** Fields whose value depends on whether the client is a professional buyer or a consumer. */
export const BUYER_KIND_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([
  'opistoindemniterecouvrement',
  'opistototaldu',
  'opistosipro',
  'opistosiparticulier',
]);

/** Other spellings accepted in templates, mapped to the field they stand for. */
export const FIELD_ALIASES: Readonly<Record<string, FieldName>> = {
  // The back office's own documentation spells the secondary phone field this way.
  opistoclientsecondaire: 'opistoclienttelsecondaire',
};

/**
 * The prefix every field word starts with. Words that start with it and match nothing are
 * reported.
 */
export const FIELD_PREFIX = 'opisto';

const LIST_FIELD_SET: ReadonlySet<string> = new Set(LIST_FIELDS);

export function isListField(name: FieldName): name is ListFieldName {
  return LIST_FIELD_SET.has(name);
}

const CONDITION_FIELD_SET: ReadonlySet<string> = new Set(CONDITION_FIELDS);

export function isConditionField(name: FieldName): name is ConditionFieldName {
  return CONDITION_FIELD_SET.has(name);
}
