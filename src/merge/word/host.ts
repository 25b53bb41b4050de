/**
 * What the Word.js engine needs from Office: `Word.run` and the requirement-set check. Inside Word
 * these are Office's own functions; tests pass the fake Word object model instead.
 */

export type WordHost = {
  run<T>(batch: (context: Word.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, minVersion: string): boolean;
};

/** Returns the host Office provides inside Word. Call it only after `Office.onReady`. */
export function officeWordHost(): WordHost {
  return {
    run: (batch) => Word.run(batch),
    isSetSupported: (name, minVersion) =>
      Office.context.requirements.isSetSupported(name, minVersion),
  };
}
