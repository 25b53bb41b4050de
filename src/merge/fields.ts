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
  | 'opistodatejour';

export type ListFieldName =
  | 'opistolistefactures'
  | 'opistolisteavoirs'
  | 'opistolistefacturesavoirs'
  | 'opistolistetransactions';

export type FieldName = TextFieldName | ListFieldName;

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
];

export const LIST_FIELDS: readonly ListFieldName[] = [
  'opistolistefactures',
  'opistolisteavoirs',
  'opistolistefacturesavoirs',
  'opistolistetransactions',
];

export const FIELD_NAMES: readonly FieldName[] = [...TEXT_FIELDS, ...LIST_FIELDS];

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
