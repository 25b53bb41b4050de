/**
 * Markers the compiler writes into a part's XML where per-letter content goes. After
 * serialisation the XML is cut at the markers into static strings and holes.
 *
 * A marker is a code point of the Private Use Area, a kind letter, a number and the next code
 * point. The pair is chosen so that neither code point occurs in the part, so a template that
 * uses private characters (symbol fonts do) cannot be misread.
 */

import { MergeError } from '../errors';

export type MarkerKind =
  /** A text field inside a `w:t`. */
  | 'T'
  /** A list field inside a `w:t`, where the empty-list sentence goes. */
  | 'L'
  /** Start of a paragraph that may be dropped or replaced. */
  | 'B'
  /** End of that paragraph. */
  | 'E'
  /** Start of the body's final section properties. */
  | 'S'
  /** A condition word, with the spaces after it: it writes nothing. */
  | 'C';

export type MarkerSyntax = {
  make(kind: MarkerKind, id: number): string;
  pattern: RegExp;
};

const FIRST_PRIVATE_USE = 0xe000;
const LAST_PRIVATE_USE = 0xf8ff;

/** Picks marker code points absent from `xml`. */
export function chooseMarkerSyntax(xml: string): MarkerSyntax {
  for (let code = FIRST_PRIVATE_USE; code < LAST_PRIVATE_USE; code++) {
    const open = String.fromCharCode(code);
    const close = String.fromCharCode(code + 1);
    if (!xml.includes(open) && !xml.includes(close)) {
      return {
        make: (kind, id) => `${open}${kind}${id}${close}`,
        pattern: new RegExp(`${open}([TLBESC])(\\d+)${close}`, 'g'),
      };
    }
  }
  // Only a part that uses nearly every private code point gets here.
  throw new MergeError(
    'template_unsupported',
    'Le modèle contient trop de caractères spéciaux (zone à usage privé d’Unicode) pour être ' +
      'fusionné. Retirez les symboles inutiles du modèle, ou recopiez son texte dans un nouveau ' +
      'document Word.',
  );
}
