import fc from 'fast-check';

import { FIELD_NAMES } from '../../src/merge/fields';
import { findFieldWords, resolveFieldName, suggestFieldName } from '../../src/merge/recognize';

describe('findFieldWords', () => {
  test('finds a field in any case', () => {
    const [match] = findFieldWords('Madame Opistoclientnom, bonjour');
    expect(match?.field).toBe('opistoclientnom');
    expect(match?.word).toBe('Opistoclientnom');
    expect(match?.start).toBe(7);
    expect(match?.end).toBe(22);
  });

  test('whole words settle prefixes', () => {
    const fields = findFieldWords('opistoclientnomcomplet opistolistefacturesavoirs').map(
      (match) => match.field,
    );
    expect(fields).toEqual(['opistoclientnomcomplet', 'opistolistefacturesavoirs']);
  });

  test('digits belong to the word', () => {
    expect(findFieldWords('opistoclientadresse1')[0]?.field).toBe('opistoclientadresse1');
    expect(findFieldWords('opistoclientadresse12')[0]?.field).toBeNull();
  });

  test('accepts the secondary phone alias', () => {
    expect(resolveFieldName('OPISTOCLIENTSECONDAIRE')).toBe('opistoclienttelsecondaire');
  });

  test('reports unknown opisto words', () => {
    const [match] = findFieldWords('à opistoclientvile.');
    expect(match?.field).toBeNull();
    expect(match?.word).toBe('opistoclientvile');
  });

  test('ignores words that do not start with opisto', () => {
    expect(findFieldWords('xopistoclientnom 3opistoclientnom opist')).toEqual([]);
  });

  test('invisible characters do not cut a word', () => {
    const [match] = findFieldWords('M. opisto\u00adclient\u200bnom.');
    expect(match?.field).toBe('opistoclientnom');
    expect(match?.word).toBe('opistoclientnom');
    expect(match?.start).toBe(3);
    expect(match?.end).toBe(20);
  });

  test('punctuation ends a word', () => {
    const fields = findFieldWords('(opistoclientcp)-opistoclientville;').map((m) => m.field);
    expect(fields).toEqual(['opistoclientcp', 'opistoclientville']);
  });

  test('never matches inside a longer word', () => {
    const wordChar = fc.constantFrom(...'abcXYZ019'.split(''));
    const name = fc.constantFrom(...FIELD_NAMES);
    fc.assert(
      fc.property(
        fc.string({ unit: wordChar, minLength: 1 }),
        name,
        fc.boolean(),
        (extra, field, before) => {
          const text = before ? `${extra}${field}` : `${field}${extra}`;
          const matches = findFieldWords(`« ${text} »`);
          for (const match of matches) {
            expect(match.word).toBe(text);
          }
          expect(matches.filter((match) => match.field === field && match.word === field)).toEqual(
            [],
          );
        },
      ),
    );
  });

  test('finds every field standing alone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELD_NAMES),
        fc.constantFrom(' ', '\n', ', ', '.'),
        (field, separator) => {
          const matches = findFieldWords(`a${separator}${field.toUpperCase()}${separator}b`);
          expect(matches.map((match) => match.field)).toEqual([field]);
        },
      ),
    );
  });
});

describe('suggestFieldName', () => {
  test.each([
    ['opistoclientvile', 'opistoclientville'],
    ['OpistoClientNomComplete', 'opistoclientnomcomplet'],
    ['opistolistefacture', 'opistolistefactures'],
    ['opistodatejours', 'opistodatejour'],
    ['opistoclientnomville', 'opistoclientville'],
  ])('%s → %s', (word, expected) => {
    expect(suggestFieldName(word)).toBe(expected);
  });

  test.each(['opistotruc', 'opisto', 'opistoxyzxyzxyzxyz'])('%s has no suggestion', (word) => {
    expect(suggestFieldName(word)).toBeNull();
  });
});
