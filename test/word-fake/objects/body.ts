import { FakeClientObject, type PropertyTable } from '../client-object';
import { searchStory } from '../range-edits';
import { checkSearch, type SearchOptions } from '../search';
import type { RequestContextState } from '../session';
import { storyParagraphs, type Story } from '../story';
import { paragraphText } from '../text-pieces';
import { FakeParagraphCollection } from './paragraph';
import { FakeRangeCollection } from './range';

const BODY_PROPERTIES: PropertyTable<Story> = {
  // NOTE: Word's separator between the paragraphs of Body.text, and around table cells, is
  // unverified; the fake joins every paragraph with "\r", its paragraph mark.
  text: { read: (story) => storyParagraphs(story).map(paragraphText).join('\r') },
};

/** `Word.Body`: the main story, a header or a footer, without text boxes and notes. */
export class FakeBody extends FakeClientObject<Story> {
  private paragraphCollection?: FakeParagraphCollection;

  constructor(owner: RequestContextState, create: () => Story) {
    super(owner, 'Body', create, BODY_PROPERTIES);
  }

  get text(): string {
    return this.readValue('text');
  }

  get paragraphs(): FakeParagraphCollection {
    this.paragraphCollection ??= new FakeParagraphCollection(this.owner, () => {
      const story = this.resolve();
      return { story, list: () => storyParagraphs(story) };
    });
    return this.paragraphCollection;
  }

  search(searchText: string, searchOptions?: SearchOptions): FakeRangeCollection {
    const results = new FakeRangeCollection(this.owner, () => {
      const { needle, options } = checkSearch(searchText, searchOptions);
      return searchStory(this.resolve(), needle, options);
    });
    return this.queueObject('search', results);
  }
}
