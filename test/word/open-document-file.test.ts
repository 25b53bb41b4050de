/**
 * Reading the open document through `getFileAsync`, against an object that follows the common
 * API's callback contract: slices served one by one, `error` set only on failure.
 */
import { MergeError } from '../../src/merge';
import { readOpenDocument, type OfficeDocumentAccess } from '../../src/merge/word';

type Served = { slices: number[][]; failSlice?: number; failOpen?: boolean };

function officeDocument(served: Served, log: string[]): OfficeDocumentAccess {
  const file = {
    size: served.slices.flat().length,
    sliceCount: served.slices.length,
    getSliceAsync(index: number, callback: (result: unknown) => void) {
      log.push(`slice ${index}`);
      const failed = index === served.failSlice;
      setTimeout(() =>
        callback(
          failed
            ? { status: 'failed', error: { code: 5001, message: 'Internal Error', name: 'x' } }
            : { status: 'succeeded', value: { data: served.slices[index], index } },
        ),
      );
    },
    closeAsync() {
      log.push('close');
    },
  };

  const getFileAsync = (
    type: string,
    options: { sliceSize: number },
    callback: (result: unknown) => void,
  ) => {
    log.push(`open ${type} ${options.sliceSize}`);
    setTimeout(() =>
      callback(
        served.failOpen
          ? { status: 'failed', error: { code: 5001, message: 'Not supported', name: 'x' } }
          : { status: 'succeeded', value: file },
      ),
    );
  };
  return { getFileAsync } as unknown as OfficeDocumentAccess;
}

describe('readOpenDocument', () => {
  test('joins the slices in order and closes the file', async () => {
    const log: string[] = [];
    const bytes = await readOpenDocument(officeDocument({ slices: [[80, 75], [3], [4, 5]] }, log));

    expect(Array.from(bytes)).toEqual([80, 75, 3, 4, 5]);
    expect(log).toEqual(['open compressed 4194304', 'slice 0', 'slice 1', 'slice 2', 'close']);
  });

  test('closes the file when a slice fails', async () => {
    const log: string[] = [];
    const reading = readOpenDocument(officeDocument({ slices: [[1], [2]], failSlice: 1 }, log));

    await expect(reading).rejects.toThrow(MergeError);
    expect(log.at(-1)).toBe('close');
  });

  test('explains in French when Word refuses the file', async () => {
    const reading = readOpenDocument(officeDocument({ slices: [], failOpen: true }, []));

    await expect(reading).rejects.toThrow(/choisissez plutôt le fichier du modèle/);
  });
});
