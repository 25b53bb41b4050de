import {
  levelFromTemplateName,
  nextReminderLevel,
  parseReminderLevel,
} from '../../src/merge/reminder-levels';

describe('levelFromTemplateName', () => {
  test.each([
    ['Relance 1er rappel.docx', 'rappel1'],
    ['Relance 2e rappel.docx', 'rappel2'],
    ['Relance 2ème rappel.docx', 'rappel2'],
    ['Deuxième relance.dotx', 'rappel2'],
    ['Relance niveau 2.docx', 'rappel2'],
    ['Mise en demeure.docx', 'miseEnDemeure'],
    ['2e rappel (avant mise en demeure).docx', 'rappel2'],
  ])('reads %p', (name, level) => {
    expect(levelFromTemplateName(name)).toBe(level);
  });

  test.each(['Courrier.docx', 'Dernier rappel avant mise en demeure.docx', 'Relance 3e rappel'])(
    'names no level in %p',
    (name) => {
      expect(levelFromTemplateName(name)).toBeNull();
    },
  );
});

describe('parseReminderLevel', () => {
  test.each([
    ['1', 'rappel1'],
    ['2e', 'rappel2'],
    ['3', 'miseEnDemeure'],
    ['rappel2', 'rappel2'],
    ['mise-en-demeure', 'miseEnDemeure'],
    ['1er rappel', 'rappel1'],
  ])('reads %p', (text, level) => {
    expect(parseReminderLevel(text)).toBe(level);
  });

  test('rejects an unknown level', () => {
    expect(parseReminderLevel('4')).toBeNull();
  });
});

describe('nextReminderLevel', () => {
  test('climbs one step, then stays at the formal notice', () => {
    expect(nextReminderLevel(null)).toBe('rappel1');
    expect(nextReminderLevel('rappel1')).toBe('rappel2');
    expect(nextReminderLevel('rappel2')).toBe('miseEnDemeure');
    expect(nextReminderLevel('miseEnDemeure')).toBe('miseEnDemeure');
  });
});
