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
    .map((text) => ({
      text,
      words: (text.match(/\bopisto[a-z0-9]+/gi) ?? []).filter(resolveFieldName),
    }))
    .filter(({ words }) => words.length > 0)
    .map(({ text, words }, index) => ({
      words: words.map((word) => word.toLowerCase()),
      textOnly: true,
      carriesSection: false,
      inBlockContentControl: false,
      endsContainer: false,
      spacesAfterCondition: /^\s*opistosi(?:pro|particulier)([ \u00a0\t]*)/i.exec(text)?.[1] ?? '',
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
    expect(plan.droppedParagraphs).toEqual([]);
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

    expect(plan.droppedParagraphs).toEqual([
      { range: { word: 'opistoclientadresse2', index: 0 }, removal: 'delete' },
    ]);
    expect(plan.replacements).toEqual([]);
  });

  test('keeps a blank line that ends the story', () => {
    const plan = planStory(scan(['début', 'opistoclientadresse2']), values());

    expect(plan.droppedParagraphs).toEqual([]);
    expect(plan.replacements).toHaveLength(1);
  });

  test('keeps a line with other text', () => {
    const plan = planStory(scan(['Adresse : opistoclientadresse2', 'fin']), values());

    expect(plan.droppedParagraphs).toEqual([]);
  });

  test('keeps a line with a manual line break', () => {
    const plan = planStory(
      scan(['opistoclientadresse2\vopistoclienttelsecondaire', 'fin']),
      values(),
    );

    expect(plan.droppedParagraphs).toEqual([]);
  });

  test('keeps a line whose field has a value', () => {
    const plan = planStory(scan(['opistoclientadresse2 opistoclientcp', 'fin']), values());

    expect(plan.droppedParagraphs).toEqual([]);
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

    expect(plan.droppedParagraphs).toEqual([
      { range: { word: 'opistoclientadresse2', index: 0 }, removal: 'spacer' },
    ]);
  });

  test('deletes a blank line after a table and before text', () => {
    const plan = planStory(scan([['cellule', 1], 'opistoclientadresse2', 'fin']), values());

    expect(plan.droppedParagraphs[0]?.removal).toBe('delete');
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

    expect(plan.droppedParagraphs[0]?.removal).toBe('delete');
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

    expect(plan.droppedParagraphs).toEqual([]);
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

/**
 * Builds the values of a professional buyer (true), a consumer (false) or a client of unknown
 * kind, on a date when both invoices of the example are late.
 */
function buyer(isProfessional: boolean | null): LetterValues {
  const client = record((draft) => {
    (draft.client as { isProfessional?: boolean | null }).isProfessional = isProfessional;
  });
  return buildLetterValues(client, '2019-01-15', { penaltyRate: { hundredthsOfPercent: 1315 } });
}

describe('planStory conditional paragraphs', () => {
  const story = scan([
    'opistosipro Indemnité : opistoindemniterecouvrement €',
    'OpistoSiParticulier  Aucune indemnité.',
    'fin',
  ]);
  const pro = { word: 'opistosipro', index: 0 };
  const consumer = { word: 'opistosiparticulier', index: 0 };

  test('a professional keeps opistosipro without its word', () => {
    const plan = planStory(story, buyer(true));

    expect(plan.conditionWords).toEqual([{ range: pro, spacesSearchText: ' ' }]);
    expect(plan.replacements).toEqual([
      { range: { word: 'opistoindemniterecouvrement', index: 0 }, value: '80,00' },
    ]);
    expect(plan.droppedParagraphs).toEqual([{ range: consumer, removal: 'delete' }]);
  });

  test('a consumer keeps opistosiparticulier without its word', () => {
    const plan = planStory(story, buyer(false));

    expect(plan.conditionWords).toEqual([{ range: consumer, spacesSearchText: '  ' }]);
    expect(plan.replacements).toEqual([]);
    expect(plan.droppedParagraphs).toEqual([{ range: pro, removal: 'delete' }]);
  });

  test('a client of unknown kind keeps neither', () => {
    const plan = planStory(story, buyer(null));

    expect(plan.conditionWords).toEqual([]);
    expect(plan.droppedParagraphs).toEqual([
      { range: pro, removal: 'delete' },
      { range: consumer, removal: 'delete' },
    ]);
  });

  test('writes tabs and no-break spaces as search codes', () => {
    const plan = planStory(scan(['opistosipro\t\u00a0 Texte', 'fin']), buyer(true));

    expect(plan.conditionWords).toEqual([{ range: pro, spacesSearchText: '^t^s ' }]);
  });

  test('deletes the word alone when no space follows', () => {
    const plan = planStory(scan(['opistosipro', 'fin']), buyer(true));

    expect(plan.conditionWords).toEqual([{ range: pro, spacesSearchText: '' }]);
    expect(plan.droppedParagraphs).toEqual([]);
  });

  test('drops a kept paragraph whose fields are blank', () => {
    const plan = planStory(scan(['opistosipro opistoclientadresse2', 'fin']), buyer(true));

    expect(plan.droppedParagraphs).toEqual([{ range: pro, removal: 'delete' }]);
    expect(plan.conditionWords).toEqual([]);
    expect(plan.replacements).toEqual([]);
  });

  test('sends too many spaces after the word to the .docx engine', () => {
    const story = scan([`opistosipro${' '.repeat(256)}Texte`, 'fin']);

    expect(() => planStory(story, buyer(true))).toThrow(/256 spaces/);
  });
});

describe('planStory conditional paragraphs the document needs', () => {
  test.each([
    ['the last paragraph of a story', scan(['début', 'opistosipro Texte'])],
    [
      'a paragraph ending its cell',
      scan(['opistosipro Texte', 'fin'], 1, [{ endsContainer: true }]),
    ],
    [
      'a paragraph ending a section',
      scan(['opistosipro Texte', 'fin'], 1, [{ carriesSection: true }]),
    ],
  ])('empties %s', (_case, story) => {
    const plan = planStory(story, buyer(false));

    expect(plan.droppedParagraphs).toEqual([
      { range: { word: 'opistosipro', index: 0 }, removal: 'empty' },
    ]);
  });

  test('keeps a dropped paragraph between two tables as a spacer', () => {
    const plan = planStory(
      scan([['cellule', 1], 'opistosipro Texte', ['cellule', 1], 'fin']),
      buyer(false),
    );

    expect(plan.droppedParagraphs[0]?.removal).toBe('spacer');
  });

  test('sees the table through a deleted conditional paragraph', () => {
    const plan = planStory(
      scan([['cellule', 1], 'opistosipro Texte', 'opistoclientadresse2', ['cellule', 1], 'fin']),
      buyer(false),
    );

    expect(plan.droppedParagraphs.map((dropped) => dropped.removal)).toEqual(['delete', 'spacer']);
  });

  test.each([
    ['ends its container', { endsContainer: true }],
    ['ends a section', { carriesSection: true }],
  ])('keeps a blank line that %s', (_case, facts) => {
    const plan = planStory(scan(['opistoclientadresse2', 'fin'], 1, [facts]), values());

    expect(plan.droppedParagraphs).toEqual([]);
    expect(plan.replacements).toEqual([
      { range: { word: 'opistoclientadresse2', index: 0 }, value: '' },
    ]);
  });
});

describe('planStory conditional lists', () => {
  const list = { word: 'opistolistepenalites', index: 0 };
  const pro = { word: 'opistosipro', index: 0 };

  test('a professional gets the table in place of the paragraph', () => {
    const letter = buyer(true);
    const plan = planStory(scan(['opistosipro opistolistepenalites', 'fin']), letter);

    expect(plan.lists).toEqual([
      {
        firstList: list,
        before: 'delete',
        blocks: [{ kind: 'table', table: letter.lists.opistolistepenalites }, { kind: 'spacer' }],
      },
    ]);
    expect(plan.conditionWords).toEqual([]);
    expect(plan.droppedParagraphs).toEqual([]);
  });

  test('a consumer gets neither the table nor the paragraph', () => {
    const plan = planStory(scan(['opistosipro opistolistepenalites', 'fin']), buyer(false));

    expect(plan.lists).toEqual([]);
    expect(plan.droppedParagraphs).toEqual([{ range: pro, removal: 'delete' }]);
  });

  test('text before the list keeps the paragraph without the word', () => {
    const plan = planStory(scan(['opistosipro Détail : opistolistepenalites', 'fin']), buyer(true));

    expect(plan.lists[0]?.before).toBe('keep');
    expect(plan.conditionWords).toEqual([{ range: pro, spacesSearchText: ' ' }]);
  });

  test('a dropped list ending a section empties its paragraph', () => {
    const story = scan(['opistosipro opistolistepenalites', 'fin'], 1, [{ carriesSection: true }]);

    expect(planStory(story, buyer(false)).droppedParagraphs).toEqual([
      { range: pro, removal: 'empty' },
    ]);
    expect(() => planStory(story, buyer(true))).toThrow(/ends a section/);
  });
});

describe('planStory conditions Word reads otherwise', () => {
  test('raises when Word shows text before the condition word', () => {
    const story = scan(['Texte opistosipro suite', 'fin']);

    expect(() => planStory(story, buyer(true))).toThrow(WordFallbackError);
    expect(() => planStory(story, buyer(true))).toThrow(/does not start its paragraph/);
  });

  test('raises when Word shows two condition words', () => {
    const story = scan(['opistosipro opistosiparticulier suite', 'fin']);

    expect(() => planStory(story, buyer(false))).toThrow(/does not start its paragraph/);
  });

  test('raises when Word shows other spaces after the word', () => {
    const story = scan(['opistosipro Texte', 'fin'], 1, [{ spacesAfterCondition: '  ' }]);

    expect(() => planStory(story, buyer(true))).toThrow(/other spaces/);
  });
});
