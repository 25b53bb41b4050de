/**
 * Marks the conditional paragraphs: a paragraph that begins with `opistosipro` is kept only for
 * professional buyers, one that begins with `opistosiparticulier` only for consumers. The word
 * and the spaces after it are already gone (mark-fields.ts). This step wraps the paragraph in a
 * group, which the renderer skips for the other kind of client.
 */
import type { Document, Element } from '@xmldom/xmldom';

import { MergeError } from '../errors';
import { isConditionField, type ConditionFieldName } from '../fields';
import { hasSectionBreak } from './isolate-lists';
import { endsContainer, paragraphsOf, wrapInGroup, type Group } from './mark-groups';
import type { MarkContext } from './mark-fields';
import { collectAtoms } from './paragraph-text';
import { childElements, isW, serializeXml } from './xml';

export function markConditionalParagraphs(
  document: Parameters<typeof paragraphsOf>[0],
  context: MarkContext,
  groups: Group[],
): void {
  const conditionMarker = new RegExp(context.markers.make('C', 0).replace('C0', 'C(\\d+)'), 'g');

  for (const paragraph of paragraphsOf(document)) {
    const text = collectAtoms(paragraph)
      .map((atom) => (atom.kind === 'text' ? atom.text : '\n'))
      .join('');
    const found = [...text.matchAll(conditionMarker)];
    const first = found[0];
    if (!first) {
      continue;
    }

    const field = context.holes[Number(first[1])]?.field;
    if (!field || !isConditionField(field)) {
      throw new Error('condition marker without its condition word');
    }
    const before = text.slice(0, first.index);
    if (found.length > 1 || before.trim() !== '') {
      const rest = text.slice(first.index + first[0].length);
      throw misplacedCondition(field, showFieldWords(before + rest, context));
    }
    wrapInGroup(paragraph, context.markers, groups, {
      kind: 'condition',
      field,
      replacement: replacementOf(paragraph),
    });
    removeMarker(paragraph, first[0]);
  }
}

/**
 * Takes the condition's marker out of the paragraph: the group now stands for it. A paragraph
 * that held only the condition and a list word is then a plain list paragraph, which the next
 * step replaces by the table, inside the group.
 */
function removeMarker(paragraph: Element, marker: string): void {
  for (const atom of collectAtoms(paragraph)) {
    if (atom.kind === 'text' && atom.text.includes(marker)) {
      const text = atom.text.replace(marker, '');
      while (atom.element.firstChild) {
        atom.element.removeChild(atom.element.firstChild);
      }
      atom.element.appendChild((paragraph.ownerDocument as Document).createTextNode(text));
      return;
    }
  }
}

/**
 * Returns what stands for a dropped paragraph: nothing, or an empty paragraph with the same
 * properties where the document needs one (the last paragraph of a table cell, or a paragraph
 * that carries a section break).
 */
function replacementOf(paragraph: Element): string {
  if (!endsContainer(paragraph) && !hasSectionBreak(paragraph)) {
    return '';
  }
  const properties = childElements(paragraph).find((child) => isW(child, 'pPr'));
  return `<w:p>${properties ? serializeXml(properties) : ''}</w:p>`;
}

/** Puts the field words back in place of their markers, for the message. */
function showFieldWords(text: string, context: MarkContext): string {
  return text.replace(context.markers.pattern, (_marker, _kind, id: string) => {
    return context.holes[Number(id)]?.field ?? '…';
  });
}

/** Shows the user where the misplaced word is, by the start of its paragraph's text. */
function misplacedCondition(field: ConditionFieldName, paragraphText: string): MergeError {
  const visible = paragraphText.trim();
  const excerpt = visible.length > 60 ? `${visible.slice(0, 60)}…` : visible;
  return new MergeError(
    'template_unsupported',
    `Le mot ${field} doit être le premier mot de son paragraphe, une seule fois ` +
      `(paragraphe « ${excerpt} »). Placez-le au début du paragraphe à garder ou à retirer, ` +
      'puis relancez la fusion.',
    { field, paragraph: excerpt },
  );
}
