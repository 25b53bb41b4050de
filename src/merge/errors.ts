/**
 * Errors the merge raises for problems the user can fix. Each carries a stable `code` for
 * programs and logs, and a French `message` that states what is wrong and what to do.
 */

export type MergeErrorCode =
  | 'template_unreadable'
  | 'template_legacy_doc'
  | 'template_encrypted'
  | 'template_damaged'
  | 'template_unsupported'
  | 'record_invalid';

export class MergeError extends Error {
  override readonly name = 'MergeError';

  constructor(
    readonly code: MergeErrorCode,
    message: string,
    /** Facts for the log line: the part, the line, the parser's own words. */
    readonly details: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const RESAVE_AS_DOCX =
  'Ouvrez-le dans Word puis enregistrez-le au format « Document Word (*.docx) ».';

export function templateUnreadable(reason: string): MergeError {
  return new MergeError(
    'template_unreadable',
    `Le modèle n’est pas un document Word (.docx) lisible. ${RESAVE_AS_DOCX}`,
    { reason },
  );
}

export function templateLegacyDoc(): MergeError {
  return new MergeError(
    'template_legacy_doc',
    `Le modèle est au format Word 97-2003 (.doc), que la fusion ne lit pas. ${RESAVE_AS_DOCX}`,
  );
}

export function templateEncrypted(): MergeError {
  return new MergeError(
    'template_encrypted',
    'Le modèle est protégé par un mot de passe. Dans Word, retirez le mot de passe ' +
      '(Fichier > Informations > Protéger le document > Chiffrer avec mot de passe), ' +
      'enregistrez, puis relancez la fusion.',
  );
}

export function templateDamaged(part: string, reason: string, cause?: unknown): MergeError {
  return new MergeError(
    'template_damaged',
    `Le modèle est endommagé : la partie « ${part} » n’est pas du XML valide. ` +
      'Ouvrez-le dans Word, laissez Word le réparer, puis enregistrez-le sous un nouveau nom.',
    { part, reason },
    { cause },
  );
}

export function templateWithoutDocument(): MergeError {
  return new MergeError(
    'template_unsupported',
    'Le fichier ne contient pas de document Word (il s’agit peut-être d’un classeur Excel ou ' +
      'd’une présentation PowerPoint). Choisissez un modèle créé avec Word (.docx).',
  );
}

export function templateStrict(): MergeError {
  return new MergeError(
    'template_unsupported',
    'Le modèle est enregistré au format « Document Word Strict Open XML », que la fusion ne lit ' +
      `pas. ${RESAVE_AS_DOCX}`,
  );
}
