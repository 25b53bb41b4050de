/**
 * A story: the text flow of the main document, of a header or of a footer, as Word's `Body`
 * presents it.
 */
import type { Document, Element } from '@xmldom/xmldom';

import { itemNotFound } from './errors';
import { descendantsW, isInside, isNamedW } from './wordml';

export type StoryKind = 'body' | 'header' | 'footer';

export type Story = {
  readonly kind: StoryKind;
  readonly document: Document;
  /** `w:body`, `w:hdr` or `w:ftr`. */
  readonly root: Element;
  /** Part name, or null for a header or footer the package lacks until something is written. */
  partName: string | null;
  /** True once an edit changed the story, so that its part is written back. */
  changed: boolean;
  /** Width in twips available to a table inserted beside `paragraph`. */
  readonly textWidth: (paragraph: Element) => number;
};

/** A paragraph, table, row or cell of a story. */
export type ElementTarget = { readonly story: Story; readonly element: Element };

/** Returns the target's element after checking that it is still in its story. */
export function attachedElement(target: ElementTarget, objectName: string): Element {
  if (!isInStory(target.element, target.story)) {
    throw itemNotFound(`The ${objectName} is no longer in the document: it was deleted.`);
  }
  return target.element;
}

/**
 * Lists the paragraphs of the story in document order: those in tables too, but not those of text
 * boxes, which Word's `Body` leaves out.
 */
export function storyParagraphs(story: Story): Element[] {
  return descendantsW(story.root, 'p', (element) => isNamedW(element, 'txbxContent'));
}

export function isInStory(element: Element, story: Story): boolean {
  return isInside(element, story.root);
}
