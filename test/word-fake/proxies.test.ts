/**
 * The proxy and batch behaviour of the fake, which the engine must cope with as it would in Word:
 * reads need load and sync, changes wait for sync, errors surface at sync, objects live in one run.
 */
import type { WordHost } from '../../src/merge/word/host';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { paragraphTexts, partXml, syncError } from './helpers';
import { FakeOfficeError, FakeWord } from './index';

const LETTER = makeDocx({
  body: paragraph('Madame opistoclientnom,') + paragraph('Solde : opistoclientsolde.'),
});

describe('load before read', () => {
  test('reading text before load throws PropertyNotLoaded', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      const paragraph = context.document.body.paragraphs.getFirst();
      expect(() => paragraph.text).toThrow(
        expect.objectContaining({
          code: 'PropertyNotLoaded',
          message: expect.stringContaining("'text'"),
        }),
      );
      await context.sync();
      expect(() => paragraph.text).toThrow(FakeOfficeError);
    });
  });

  test('reading after load but before sync throws PropertyNotLoaded', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      const body = context.document.body.load('text');
      expect(() => body.text).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(body.text).toBe('Madame opistoclientnom,\rSolde : opistoclientsolde.');
    });
  });

  test('collection items need a load too', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      const paragraphs = context.document.body.paragraphs;
      expect(() => paragraphs.items).toThrow(
        expect.objectContaining({ code: 'PropertyNotLoaded' }),
      );
      paragraphs.load('items');
      await context.sync();
      expect(paragraphs.items).toHaveLength(2);
      // Items loaded without properties have none readable.
      expect(() => paragraphs.items[0]!.text).toThrow(
        expect.objectContaining({ code: 'PropertyNotLoaded' }),
      );
    });
  });

  test.each([
    ['items/text,items/isLastParagraph'],
    ['text, isLastParagraph'],
    [['items/text', 'items/isLastParagraph']],
  ])('a collection loads item properties from %j', async (option) => {
    const word = new FakeWord(LETTER);
    const result = await word.run(async (context) => {
      const paragraphs = context.document.body.paragraphs.load(option as string);
      await context.sync();
      return paragraphs.items.map((item) => [item.text, item.isLastParagraph]);
    });
    expect(result).toEqual([
      ['Madame opistoclientnom,', false],
      ['Solde : opistoclientsolde.', true],
    ]);
  });

  test('loading a property the fake does not model throws at once', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      const body = context.document.body;
      expect(() => body.load('style')).toThrow(expect.objectContaining({ code: 'NotImplemented' }));
      expect(() => body.paragraphs.load('items/alignment')).toThrow(/alignment/);
      expect(() => body.load()).toThrow(expect.objectContaining({ code: 'NotImplemented' }));
    });
  });

  test('a loaded value is the snapshot of the sync that loaded it', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      const first = context.document.body.paragraphs.getFirst().load('text');
      await context.sync();
      first.getRange('Start').insertText('Chère ', 'Replace');
      await context.sync();
      expect(first.text).toBe('Madame opistoclientnom,');

      first.load('text');
      await context.sync();
      expect(first.text).toBe('Chère Madame opistoclientnom,');
    });
  });
});

describe('batches', () => {
  test('an insertion changes nothing before sync', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      context.document.body.paragraphs.getFirst().insertParagraph('Objet : relance', 'Before');
      expect(paragraphTexts(word.openDocument.toDocx())).toHaveLength(2);
      await context.sync();
      expect(paragraphTexts(word.openDocument.toDocx())[0]).toBe('Objet : relance');
    });
  });

  test('property set waits for sync', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      const paragraph = context.document.body.paragraphs.getFirst();
      paragraph.spaceAfter = 0;
      expect(paragraph.spaceAfter).toBe(0);
      expect(readSpacing(word)).toBeNull();
      await context.sync();
      expect(readSpacing(word)).toContain('w:after="0"');
    });
  });

  test('sync count includes final flush', async () => {
    const word = new FakeWord(LETTER);
    await word.run(async (context) => {
      await context.sync();
      await context.sync();
    });
    expect(word.syncCount).toBe(2);

    await word.run(async (context) => {
      context.document.body.paragraphs.getLast().delete();
    });
    expect(word.syncCount).toBe(3);
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual(['Madame opistoclientnom,', '']);

    // Nothing pending: no extra round trip.
    await word.run(async () => undefined);
    expect(word.syncCount).toBe(3);
  });

  test('FakeWord is a WordHost', async () => {
    const host: WordHost = new FakeWord(LETTER);
    // Detached methods work, as Office's own functions do.
    const { run, isSetSupported } = host;
    await expect(run(async () => 'ok')).resolves.toBe('ok');
    expect(isSetSupported('WordApi', '1.3')).toBe(true);
  });

  test('run returns what the batch returns', async () => {
    const word = new FakeWord(LETTER);
    await expect(word.run(async () => 42)).resolves.toBe(42);
  });

  test('failed action stops the batch', async () => {
    const word = new FakeWord(LETTER);
    const error = await word.run(async (context) => {
      const paragraphs = context.document.body.paragraphs;
      paragraphs.getFirst().insertParagraph('Avant', 'Before');
      paragraphs.getFirst().getRange('Whole').insertText('ligne\nsuivante', 'End');
      paragraphs.getLast().insertParagraph('Après', 'After');
      return syncError(context);
    });

    expect(error).toBeInstanceOf(FakeOfficeError);
    expect(error).toMatchObject({
      code: 'InvalidArgument',
      debugInfo: { errorLocation: 'Range.insertText' },
    });
    expect(paragraphTexts(word.openDocument.toDocx())).toEqual([
      'Avant',
      'Madame opistoclientnom,',
      'Solde : opistoclientsolde.',
    ]);
  });

  test('a rejected batch does not flush its pending actions', async () => {
    const word = new FakeWord(LETTER);
    await expect(
      word.run(async (context) => {
        context.document.body.paragraphs.getFirst().delete();
        throw new Error('engine failure');
      }),
    ).rejects.toThrow('engine failure');
    expect(word.syncCount).toBe(0);
    expect(paragraphTexts(word.openDocument.toDocx())).toHaveLength(2);
  });

  test('an object used in another run fails with InvalidObjectPath at sync', async () => {
    const word = new FakeWord(LETTER);
    const first = await word.run(async (context) => {
      const paragraph = context.document.body.paragraphs.getFirst().load('text');
      await context.sync();
      return paragraph;
    });
    // Values loaded in the run stay readable.
    expect(first.text).toBe('Madame opistoclientnom,');

    const error = await word.run(async (context) => {
      first.insertParagraph('Hors du lot', 'After');
      return syncError(context);
    });
    expect(error).toMatchObject({ code: 'InvalidObjectPath' });
    expect(paragraphTexts(word.openDocument.toDocx())).toHaveLength(2);
  });

  test('a range from another run passed to expandTo fails with InvalidObjectPath', async () => {
    const word = new FakeWord(LETTER);
    const old = await word.run(async (context) =>
      context.document.body.paragraphs.getFirst().getRange('Whole'),
    );
    const error = await word.run(async (context) => {
      context.document.body.paragraphs.getLast().getRange('Whole').expandTo(old);
      return syncError(context);
    });
    expect(error).toMatchObject({ code: 'InvalidObjectPath' });
  });

  test('an object of an ended run with no run going on throws at once', async () => {
    const word = new FakeWord(LETTER);
    const body = await word.run(async (context) => context.document.body);
    expect(() => body.paragraphs.getFirst()).toThrow(
      expect.objectContaining({ code: 'InvalidObjectPath' }),
    );
  });
});

function readSpacing(word: FakeWord): string | null {
  const xml = partXml(word.openDocument.toDocx());
  return /<w:spacing [^>]*>/.exec(xml)?.[0] ?? null;
}
