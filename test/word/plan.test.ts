import { WordFallbackError } from '../../src/merge/word';
import { planStory, type StoryScan } from '../../src/merge/word/plan';
import type { TemplateParagraph } from '../../src/merge/word/template-paragraphs';
import { buildLetterValues, resolveFieldName, type LetterValues } from '../../src/merge';
import { record } from '../engine/helpers';

function values(change?: Parameters<typeof record>[0]): LetterValues {
  return buildLetterValues(record(change), '2018-10-29');
}

/**
 * A scan whose search found each field word exactly as often as the text holds it, and whose
 * template agrees with the text. A paragraph given as [text, level] lies in a table at that
 * nesting level; `facts` change what the template says of the paragraphs with field words.
 */
function scan(
  entries: (string | [string, number])[],
  lastIndex = entries.length - 1,
  facts: Partial<TemplateParagraph>[] = [],
): StoryScan {
  const texts = entries.map((entry) => (typeof entry === 'string' ? entry : entry[0]));
  const levels = entries.map((entry) => (typeof entry === 'string' ? 0 : entry[1]));
  const results = new Map<string, string[]>();
  for (const text of texts) {
    for (const word of text.match(/\bopisto[a-z0-9]+/gi) ?? []) {
      if (resolveFieldName(word)) {
        results.set(word.toLowerCase(), [...(results.get(word.toLowerCase()) ?? []), word]);
      }
    }
  }
  const paragraphs = texts.map((text, index) => ({
    text,
    isLastParagraph: index === lastIndex,
    tableNestingLevel: levels[index] ?? 0,
  }));
  const template = texts
    .map((text) => (text.match(/\bopisto[a-z0-9]+/gi) ?? []).filter(resolveFieldName))
    .filter((words) => words.length > 0)
    .map((words, index) => ({
      words: words.map((word) => word.toLowerCase()),
      textOnly: true,
      carriesSection: false,
      inBlockContentControl: false,
      ...facts[index],
    }));
  return { paragraphs, results, template };
}

describe('planStory text fields', () => {
  test('replaces each occurrence with its value', () => {
    const plan = planStory(scan(['Madame opistoclientnom, opistoclientNom', 'fin']), values());

    expect(plan.replacements).toEqual([
      { range: { word: 'opistoclientnom', index: 0 }, value: 'Martin' },
      { range: { word: 'opistoclientnom', index: 1 }, value: 'Martin' },
    ]);
    expect(plan.blankParagraphs).toEqual([]);
    expect(plan.lists).toEqual([]);
  });

  test('counts occurrences per word across paragraphs', () => {
    const plan = planStory(
      scan(['opistoclientville', 'opistoclientcp opistoclientville', 'fin']),
      values(),
    );

    expect(plan.replacements.map((edit) => edit.range)).toEqual([
      { word: 'opistoclientville', index: 0 },
      { word: 'opistoclientcp', index: 0 },
      { word: 'opistoclientville', index: 1 },
    ]);
  });

  test('leaves unknown words alone', () => {
    const plan = planStory(scan(['opistoclientvile opistoclientcp', 'fin']), values());

    expect(plan.replacements).toEqual([
      { range: { word: 'opistoclientcp', index: 0 }, value: '31400' },
    ]);
  });

  test('maps the alias to its field', () => {
    const plan = planStory(
      scan(['Tél. opistoclientsecondaire', 'fin']),
      values((draft) => {
        (draft.client as { phone2: string | null }).phone2 = '06 00 00 00 02';
      }),
    );

    expect(plan.replacements).toEqual([
      { range: { word: 'opistoclientsecondaire', index: 0 }, value: '06 00 00 00 02' },
    ]);
  });
});

describe('planStory blank lines', () => {
  test('drops a line of blank fields', () => {
    const plan = planStory(scan(['opistoclientadresse2', 'fin']), values());

    expect(plan.blankParagraphs).toEqual([
      { range: { word: 'opistoclientadresse2', index: 0 }, keepAsSpacer: false },
    ]);
    expect(plan.replacements).toEqual([]);
  });

  test('keeps a blank line that ends the story', () => {
    const plan = planStory(scan(['début', 'opistoclientadresse2']), values());

    expect(plan.blankParagraphs).toEqual([]);
    expect(plan.replacements).toHaveLength(1);
  });

  test('keeps a line with other text', () => {
    const plan = planStory(scan(['Adresse : opistoclientadresse2', 'fin']), values());

    expect(plan.blankParagraphs).toEqual([]);
  });

  test('keeps a line with a manual line break', () => {
    const plan = planStory(
      scan(['opistoclientadresse2\vopistoclienttelsecondaire', 'fin']),
      values(),
    );

    expect(plan.blankParagraphs).toEqual([]);
  });

  test('keeps a line whose field has a value', () => {
    const plan = planStory(scan(['opistoclientadresse2 opistoclientcp', 'fin']), values());

    expect(plan.blankParagraphs).toEqual([]);
    expect(plan.replacements).toHaveLength(2);
  });
});

describe('planStory lists', () => {
  test('turns a list alone in its paragraph into a table and spacer', () => {
    const letter = values();
    const plan = planStory(scan(['opistolistefactures', 'fin']), letter);

    expect(plan.lists).toEqual([
      {
        firstList: { word: 'opistolistefactures', index: 0 },
        before: 'delete',
        blocks: [{ kind: 'table', table: letter.lists.opistolistefactures }, { kind: 'spacer' }],
      },
    ]);
  });

  test('writes the empty-list sentence for a list without rows', () => {
    const plan = planStory(
      scan(['opistolisteavoirs', 'fin']),
      values((draft) => {
        draft.creditNotes = [];
      }),
    );

    expect(plan.lists[0]?.blocks).toEqual([{ kind: 'paragraph', text: 'Aucun avoir en cours.' }]);
  });

  test('splits a sentence around the list', () => {
    const letter = values();
    const plan = planStory(
      scan(['Pour opistoclientnom : opistolistefactures Merci, opistoclientprenom.', 'fin']),
      letter,
    );

    expect(plan.lists[0]?.before).toBe('keep');
    expect(plan.lists[0]?.blocks).toEqual([
      { kind: 'table', table: letter.lists.opistolistefactures },
      { kind: 'spacer' },
      { kind: 'paragraph', text: 'Merci, Léa.' },
    ]);
    // Only the field before the list is replaced in place; the one after is in the new paragraph.
    expect(plan.replacements).toEqual([
      { range: { word: 'opistoclientnom', index: 0 }, value: 'Martin' },
    ]);
  });

  test('drops a text before the list made of blank fields', () => {
    const plan = planStory(scan(['opistoclientadresse2 opistolistefactures', 'fin']), values());

    expect(plan.lists[0]?.before).toBe('delete');
    expect(plan.replacements).toEqual([]);
  });

  test('gives two lists in one paragraph a block each', () => {
    const letter = values();
    const plan = planStory(scan(['opistolistefactures puis opistolisteavoirs', 'fin']), letter);

    expect(plan.lists).toHaveLength(1);
    expect(plan.lists[0]?.blocks).toEqual([
      { kind: 'table', table: letter.lists.opistolistefactures },
      { kind: 'spacer' },
      { kind: 'paragraph', text: 'puis' },
      { kind: 'table', table: letter.lists.opistolisteavoirs },
      { kind: 'spacer' },
    ]);
  });
});

describe('planStory tables that would touch', () => {
  test('keeps a blank line between two tables as a spacer', () => {
    const plan = planStory(
      scan([['cellule', 1], 'opistoclientadresse2', ['cellule', 1], 'fin']),
      values(),
    );

    expect(plan.blankParagraphs).toEqual([
      { range: { word: 'opistoclientadresse2', index: 0 }, keepAsSpacer: true },
    ]);
  });

  test('deletes a blank line after a table and before text', () => {
    const plan = planStory(scan([['cellule', 1], 'opistoclientadresse2', 'fin']), values());

    expect(plan.blankParagraphs[0]?.keepAsSpacer).toBe(false);
  });

  test('keeps a list paragraph right after a table as a spacer', () => {
    const plan = planStory(scan([['cellule', 1], 'opistolistefactures', 'fin']), values());

    expect(plan.lists[0]?.before).toBe('spacer');
  });

  test('sees the table through a deleted blank line', () => {
    const plan = planStory(
      scan([['cellule', 1], 'opistoclientadresse2', 'opistolistefactures', 'fin']),
      values(),
    );

    expect(plan.blankParagraphs[0]?.keepAsSpacer).toBe(false);
    expect(plan.lists[0]?.before).toBe('spacer');
  });

  test('deletes a list paragraph after a table when the list is empty', () => {
    const plan = planStory(
      scan([['cellule', 1], 'opistolisteavoirs', 'fin']),
      values((draft) => {
        draft.creditNotes = [];
      }),
    );

    expect(plan.lists[0]?.before).toBe('delete');
  });
});

describe('planStory template facts', () => {
  test('keeps a blank line holding a picture', () => {
    const plan = planStory(
      scan(['opistoclientadresse2', 'fin'], 1, [{ textOnly: false }]),
      values(),
    );

    expect(plan.blankParagraphs).toEqual([]);
    expect(plan.replacements).toEqual([
      { range: { word: 'opistoclientadresse2', index: 0 }, value: '' },
    ]);
  });

  test('sends a list ending a section to the .docx engine', () => {
    const story = scan(['opistolistefactures', 'fin'], 1, [{ carriesSection: true }]);

    expect(() => planStory(story, values())).toThrow(/ends a section/);
  });

  test('sends a list in a content control to the .docx engine', () => {
    const story = scan(['opistolistefactures', 'fin'], 1, [{ inBlockContentControl: true }]);

    expect(() => planStory(story, values())).toThrow(/content control/);
  });

  test('sends a line break in a header to the .docx engine', () => {
    const letter = values((draft) => {
      draft.client.address1 = 'Bâtiment B\n12 rue des Lilas';
    });
    const story = scan(['opistoclientadresse1', 'fin']);

    expect(() => planStory(story, letter, { allowLineBreaks: false })).toThrow(/line break/);
    expect(planStory(story, letter, { allowLineBreaks: true }).replacements).toHaveLength(1);
  });

  test('raises when the template has another word', () => {
    const story = scan(['opistoclientnom', 'fin'], 1, [{ words: ['opistoclientprenom'] }]);

    expect(() => planStory(story, values())).toThrow(WordFallbackError);
  });

  test('raises when Word shows fewer field paragraphs', () => {
    const story = scan(['opistoclientnom', 'fin']);
    const withExtra = { ...story, template: [...story.template, ...story.template] };

    expect(() => planStory(withExtra, values())).toThrow(/2 template paragraphs/);
  });
});

describe('planStory search mismatch', () => {
  test('raises when a range holds other text', () => {
    const mismatched: StoryScan = {
      ...scan(['opistoclientcp']),
      results: new Map([['opistoclientcp', ['opistoclientcp1']]]),
    };

    expect(() => planStory(mismatched, values())).toThrow(/returned the range "opistoclientcp1"/);
  });

  test('raises when Word found fewer ranges than the text holds', () => {
    const mismatched: StoryScan = {
      ...scan(['opistoclientnom opistoclientnom']),
      results: new Map([['opistoclientnom', ['opistoclientnom']]]),
    };

    expect(() => planStory(mismatched, values())).toThrow(WordFallbackError);
  });

  test('raises when Word found a word the text does not hold', () => {
    const mismatched: StoryScan = {
      ...scan(['rien']),
      results: new Map([['opistoclientcp', ['Opistoclientcp']]]),
    };

    expect(() => planStory(mismatched, values())).toThrow(/opistoclientcp/);
  });
});
