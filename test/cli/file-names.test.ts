import { cleanName, LetterFileNames } from '../../src/merge/file-names';

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

describe('LetterFileNames', () => {
  test('joins template and client', () => {
    const names = new LetterFileNames('Relance');
    expect(names.next('Garage Durand', 'C-1')).toBe('Relance - Garage Durand.docx');
  });

  test('same name gets the id, then a number', () => {
    const names = new LetterFileNames('Relance');
    expect(names.next('Durand', 'C-1')).toBe('Relance - Durand.docx');
    expect(names.next('DURAND', 'C-2')).toBe('Relance - DURAND (C-2).docx');
    expect(names.next('Durand', 'C-2')).toBe('Relance - Durand (C-2) (2).docx');
  });

  test('long names stay unique and short', () => {
    const names = new LetterFileNames('Relance');
    const long = '漢字'.repeat(200);
    const first = names.next(long, 'C-1');
    const second = names.next(long, 'C-1');
    const third = names.next(long, 'C-1');

    expect(new Set([first, second, third]).size).toBe(3);
    for (const name of [first, second, third]) {
      expect(utf8Length(`${name}.partial`)).toBeLessThanOrEqual(255);
    }
  });

  test('emoji is never cut in half', () => {
    const name = new LetterFileNames('R').next('🚗'.repeat(100), 'C-1');
    expect(name).not.toContain('\ufffd');
    expect(name).toMatch(/^R - (🚗)+\.docx$/);
  });

  test.each([
    ['CON', 'C-1', 'Relance - CON.docx'],
    ['a/b\\c:d*e?f"g<h>i|j', 'C-1', 'Relance - a_b_c_d_e_f_g_h_i_j.docx'],
    ['Durand...', 'C-1', 'Relance - Durand.docx'],
    ['', 'C-9', 'Relance - C-9.docx'],
  ])('%s gives %s', (clientName, clientId, expected) => {
    expect(new LetterFileNames('Relance').next(clientName, clientId)).toBe(expected);
  });
});

describe('cleanName direction controls', () => {
  test('removes overrides that would disguise the extension', () => {
    expect(cleanName('Relance - \u202Egnp.exe\u202C Garage', 100)).toBe('Relance - gnp.exe Garage');
  });
});
