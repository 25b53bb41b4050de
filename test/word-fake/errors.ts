/**
 * Errors shaped like Office.js's `OfficeExtension.Error`: a `code` from `Word.ErrorCodes` or
 * OfficeExtension's own codes, and `debugInfo.errorLocation` naming the member that failed.
 */

/** The error codes the fake raises. */
export type FakeErrorCode =
  | 'ApiNotFound'
  | 'GeneralException'
  | 'InvalidArgument'
  | 'InvalidObjectPath'
  | 'ItemNotFound'
  | 'NotAllowed'
  | 'NotImplemented'
  | 'PropertyNotLoaded'
  | 'SearchStringInvalidOrTooLong';

export type FakeDebugInfo = { code: FakeErrorCode; message: string; errorLocation?: string };

export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: FakeDebugInfo;
  readonly traceMessages: string[] = [];

  constructor(
    readonly code: FakeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }

  /** Sets the location of the failed member, unless the error already names one. */
  locate(errorLocation: string): this {
    this.debugInfo.errorLocation ??= errorLocation;
    return this;
  }
}

export function invalidArgument(message: string): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', message);
}

export function itemNotFound(message: string): FakeOfficeError {
  return new FakeOfficeError('ItemNotFound', message);
}

export function notImplemented(message: string): FakeOfficeError {
  return new FakeOfficeError('NotImplemented', `Not modelled by the Word fake: ${message}`);
}

/** Creates the error Office.js raises for a property read before `load` and `sync`. */
export function propertyNotLoaded(property: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the ` +
      'load method on the containing object and call "context.sync()" on the associated request ' +
      'context.',
  );
}

/** Creates the error Office.js raises for an object used outside its `Word.run` batch. */
export function invalidObjectPath(objectName: string): FakeOfficeError {
  return new FakeOfficeError(
    'InvalidObjectPath',
    `The object path '${objectName}' isn't working for what you're trying to do. If you're ` +
      'using the object across multiple "context.sync" calls and outside the sequential ' +
      'execution of a ".run" batch, please use the "context.trackedObjects.add()" and ' +
      '"context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
    objectName,
  );
}

/** Wraps an unexpected exception from the fake's own code, so that a sync still rejects. */
export function asOfficeError(error: unknown): FakeOfficeError {
  if (error instanceof FakeOfficeError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new FakeOfficeError('GeneralException', `Word fake failure: ${message}`);
  wrapped.cause = error;
  return wrapped;
}
