import { FakeClientObject, FakeCollection, type PropertyTable } from '../client-object';
import { invalidArgument } from '../errors';
import {
  deleteRange,
  expandRange,
  insertBreak,
  insertText,
  rangeAt,
  searchRange,
} from '../range-edits';
import { boundsIn, rangeParagraphs, rangeText, type RangeTarget } from '../range-target';
import { api } from '../requirement-sets';
import { runsBetween } from '../run-content';
import { checkSearch, type SearchOptions } from '../search';
import type { RequestContextState } from '../session';
import { FakeFont } from './font';
import { FakeParagraphCollection } from './paragraph';

const RANGE_PROPERTIES: PropertyTable<RangeTarget> = {
  text: { read: rangeText },
};

/** `Word.Range`: a stretch of one story between two anchors. */
export class FakeRange extends FakeClientObject<RangeTarget> {
  private paragraphCollection?: FakeParagraphCollection;
  private fontObject?: FakeFont;

  constructor(owner: RequestContextState, create: () => RangeTarget) {
    super(owner, 'Range', create, RANGE_PROPERTIES);
  }

  get text(): string {
    return this.readValue('text');
  }

  get paragraphs(): FakeParagraphCollection {
    this.paragraphCollection ??= new FakeParagraphCollection(this.owner, () => {
      const target = this.resolve();
      return { story: target.story, list: () => rangeParagraphs(target) };
    });
    return this.paragraphCollection;
  }

  get font(): FakeFont {
    this.fontObject ??= new FakeFont(this.owner, () => {
      const target = this.resolve();
      return { story: target.story, scope: () => rangeFontScope(target) };
    });
    return this.fontObject;
  }

  insertText(text: string, insertLocation: string): FakeRange {
    const inserted = new FakeRange(this.owner, () =>
      insertText(this.resolve(), text, insertLocation),
    );
    return this.queueObject('insertText', inserted);
  }

  insertBreak(breakType: string, insertLocation: string): void {
    this.queue('insertBreak', () => insertBreak(this.resolve(), breakType, insertLocation));
  }

  getRange(rangeLocation?: string): FakeRange {
    const range = new FakeRange(this.owner, () => rangeAt(this.resolve(), rangeLocation));
    return this.queueObject('getRange', range, api('1.3'));
  }

  expandTo(range: FakeRange): FakeRange {
    if (!(range instanceof FakeRange)) {
      throw invalidArgument('expandTo takes a Range.');
    }
    const expanded = new FakeRange(this.owner, () => expandRange(this.resolve(), range.resolve()));
    return this.queueObject('expandTo', expanded, api('1.3'));
  }

  delete(): void {
    this.queue('delete', () => deleteRange(this.resolve()));
  }

  select(selectionMode?: string): void {
    this.queue('select', () => {
      const collapsed = selectionMode === 'Start' || selectionMode === 'End';
      this.owner.session.selection = { text: collapsed ? '' : rangeText(this.resolve()) };
    });
  }

  search(searchText: string, searchOptions?: SearchOptions): FakeRangeCollection {
    const results = new FakeRangeCollection(this.owner, () => {
      const { needle, options } = checkSearch(searchText, searchOptions);
      return searchRange(this.resolve(), needle, options);
    });
    return this.queueObject('search', results);
  }
}

function rangeFontScope(target: RangeTarget) {
  const paragraphs = rangeParagraphs(target);
  return {
    runs: paragraphs.flatMap((paragraph) => {
      const { from, to } = boundsIn(target, paragraph);
      return runsBetween(paragraph, from, to);
    }),
    paragraphMarks: target.includesMark ? paragraphs : paragraphs.slice(0, -1),
  };
}

/** `Word.RangeCollection`: the results of a search. */
export class FakeRangeCollection extends FakeCollection<RangeTarget[], RangeTarget, FakeRange> {
  protected readonly itemProperties = RANGE_PROPERTIES;

  constructor(owner: RequestContextState, create: () => RangeTarget[]) {
    super(owner, 'RangeCollection', create);
  }

  protected listTargets(target: RangeTarget[]): RangeTarget[] {
    return target;
  }

  protected createItem(create: () => RangeTarget): FakeRange {
    return new FakeRange(this.owner, create);
  }

  getFirst(): FakeRange {
    return this.queueItem('getFirst', (targets) => targets[0], api('1.3'));
  }
}
