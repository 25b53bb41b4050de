/**
 * What Word.js's `Range` methods do to the document: insert text and breaks, delete, derive
 * ranges from a range, and search within it.
 */
import type { Element } from '@xmldom/xmldom';

import {
  anchorText,
  createAnchor,
  insertAt,
  paragraphEnd,
  paragraphStart,
  pointAfter,
  pointBefore,
  type Point,
} from './anchors';
import { invalidArgument, itemNotFound, notImplemented } from './errors';
import { deleteParagraph } from './paragraph-edits';
import {
  boundsIn,
  checkSpan,
  collapsedRange,
  paragraphOf,
  paragraphRange,
  rangeParagraphs,
  type RangeTarget,
} from './range-target';
import {
  checkInsertedText,
  createBreakRun,
  createTextRun,
  referenceProperties,
  removeContent,
} from './run-content';
import { findMatches, type SearchOptions } from './search';
import { storyParagraphs, type Story } from './story';
import { anchorOffset, paragraphText } from './text-pieces';
import { precedes } from './wordml';

export type InsertLocation = 'Replace' | 'Start' | 'End' | 'Before' | 'After';

const INSERT_LOCATIONS = new Set(['Replace', 'Start', 'End', 'Before', 'After']);

/** Inserts text at a location of the range; returns the range of the inserted text. */
export function insertText(target: RangeTarget, text: unknown, location: unknown): RangeTarget {
  const checked = checkInsertedText(text);
  if (typeof location !== 'string' || !INSERT_LOCATIONS.has(location)) {
    throw invalidArgument(
      `insertText location must be one of ${[...INSERT_LOCATIONS].join(', ')}.`,
    );
  }

  if (location === 'Replace') {
    return replaceText(target, checked);
  }
  const point = insertionPoint(target, location as Exclude<InsertLocation, 'Replace'>);
  const properties = propertiesAt(target, location === 'Start' || location === 'Before');
  return insertRunWithAnchors(
    target.story,
    point,
    createTextRun(target.start, properties, checked),
  );
}

/** Replaces the range's content by one run with the properties of its first run. */
function replaceText(target: RangeTarget, text: string): RangeTarget {
  const paragraphs = rangeParagraphs(target);
  if (paragraphs.length > 1) {
    throw notImplemented('insertText "Replace" on a range spanning several paragraphs');
  }

  const paragraph = paragraphs[0]!;
  const properties = referenceProperties(paragraph, target.start, target.end, 'first');
  const run = createTextRun(target.start, properties, text);
  removeContent(paragraph, target.start, target.end);
  target.story.changed = true;
  return insertRunWithAnchors(target.story, pointAfter(target.start), run);
}

/** Inserts a line break before or after the range, formatted like the text beside it. */
export function insertBreak(target: RangeTarget, breakType: unknown, location: unknown): void {
  if (breakType !== 'Line') {
    throw notImplemented(`insertBreak of type ${String(breakType)}; only "Line" is modelled`);
  }
  if (location !== 'Before' && location !== 'After') {
    throw invalidArgument('insertBreak location must be Before or After.');
  }

  const properties = propertiesAt(target, location === 'Before');
  insertAt(insertionPoint(target, location), createBreakRun(target.start, properties));
  target.story.changed = true;
}

function insertionPoint(target: RangeTarget, location: Exclude<InsertLocation, 'Replace'>): Point {
  switch (location) {
    case 'Start':
      return pointAfter(target.start);
    case 'End':
      return pointBefore(target.end);
    case 'Before':
      return pointBefore(target.start);
    case 'After':
      return pointAfter(target.end);
  }
}

function propertiesAt(target: RangeTarget, atStart: boolean): Element | undefined {
  const paragraph = paragraphOf(atStart ? target.start : target.end, target.story);
  const { from, to } = boundsIn(target, paragraph);
  return referenceProperties(paragraph, from, to, atStart ? 'first' : 'last');
}

function insertRunWithAnchors(story: Story, point: Point, run: Element): RangeTarget {
  insertAt(point, run);
  const start = createAnchor(run);
  const end = createAnchor(run);
  insertAt(pointBefore(run), start);
  insertAt(pointAfter(run), end);
  story.changed = true;
  return { story, start, end, includesMark: false };
}

/**
 * Deletes the range's content. Paragraphs it covers whole with their mark are deleted as
 * `Paragraph.delete` does (the last one of a container is emptied instead).
 */
export function deleteRange(target: RangeTarget): void {
  const paragraphs = rangeParagraphs(target);
  const last = paragraphs.length - 1;
  // Planned before any edit, because deleting the first paragraph detaches the start anchor.
  const plan = paragraphs.map((paragraph, index) => {
    const from = index === 0 ? target.start : null;
    const to = index === last ? target.end : null;
    const withMark = index < last || target.includesMark;
    const whole = withMark && paragraphText(paragraph) === rangePartText(paragraph, from, to);
    return { paragraph, from, to, whole };
  });

  for (const { paragraph, from, to, whole } of plan) {
    if (whole) {
      deleteParagraph(paragraph);
    } else {
      removeContent(paragraph, from, to);
    }
  }
  target.story.changed = true;
}

function rangePartText(paragraph: Element, from: Element | null, to: Element | null): string {
  const text = paragraphText(paragraph);
  const start = from === null ? 0 : anchorOffset(paragraph, from);
  const end = to === null ? text.length : anchorOffset(paragraph, to);
  return text.slice(start, end);
}

export type RangeLocation = 'Whole' | 'Start' | 'End' | 'After' | 'Content';

/** `Range.getRange`: the range itself, its start or end point, or the point after it. */
export function rangeAt(target: RangeTarget, location: unknown): RangeTarget {
  switch (location ?? 'Whole') {
    case 'Whole':
      return { ...target };
    case 'Content':
      return { ...target, includesMark: false };
    case 'Start':
      return collapsedRange(target.story, pointAfter(target.start));
    case 'End':
      return collapsedRange(target.story, pointBefore(target.end));
    case 'After':
      return collapsedRange(target.story, pointAfter(target.end));
    default:
      throw invalidArgument('getRange location must be Whole, Start, End, After or Content.');
  }
}

/** `Paragraph.getRange`. "After" is the start of the next paragraph of the story. */
export function paragraphRangeAt(story: Story, paragraph: Element, location: unknown) {
  switch (location ?? 'Whole') {
    case 'Whole':
      return paragraphRange(story, paragraph, true);
    case 'Content':
      return paragraphRange(story, paragraph, false);
    case 'Start':
      return collapsedRange(story, paragraphStart(paragraph));
    case 'End':
      return collapsedRange(story, paragraphEnd(paragraph));
    case 'After': {
      const paragraphs = storyParagraphs(story);
      const next = paragraphs[paragraphs.indexOf(paragraph) + 1];
      if (!next) {
        throw notImplemented('getRange("After") on the last paragraph of a story');
      }
      return collapsedRange(story, paragraphStart(next));
    }
    default:
      throw invalidArgument('getRange location must be Whole, Start, End, After or Content.');
  }
}

/** `Range.expandTo`: from the earlier start to the later end of the two ranges. */
export function expandRange(target: RangeTarget, other: RangeTarget): RangeTarget {
  if (target.story !== other.story) {
    throw itemNotFound('The two ranges have no union: they are in different stories.');
  }
  paragraphOf(target.start, target.story);
  paragraphOf(other.start, other.story);

  const start = precedes(other.start, target.start) ? other.start : target.start;
  const laterEnd = precedes(target.end, other.end) ? other : target;
  const includesMark =
    target.end === other.end ? target.includesMark || other.includesMark : laterEnd.includesMark;
  const expanded = { story: target.story, start, end: laterEnd.end, includesMark };
  checkSpan(expanded);
  return expanded;
}

/** Finds `needle` in the range's text, paragraph by paragraph, and anchors each match. */
export function searchRange(
  target: RangeTarget,
  needle: string,
  options: Required<SearchOptions>,
): RangeTarget[] {
  return rangeParagraphs(target).flatMap((paragraph) => {
    const { from, to } = boundsIn(target, paragraph);
    const text = paragraphText(paragraph);
    const start = from === null ? 0 : anchorOffset(paragraph, from);
    const end = to === null ? text.length : anchorOffset(paragraph, to);
    return anchorMatches(target.story, paragraph, findMatches(text, needle, options, start, end));
  });
}

/** Finds `needle` in every paragraph of the story. */
export function searchStory(story: Story, needle: string, options: Required<SearchOptions>) {
  return storyParagraphs(story).flatMap((paragraph) =>
    anchorMatches(story, paragraph, findMatches(paragraphText(paragraph), needle, options)),
  );
}

function anchorMatches(
  story: Story,
  paragraph: Element,
  matches: readonly { start: number; end: number }[],
): RangeTarget[] {
  return matches.map((match) => {
    const [start, end] = anchorText(paragraph, match.start, match.end);
    return { story, start, end, includesMark: false };
  });
}
