/**
 * The fake's side of Office's request protocol: contexts, their queues of actions, and `sync`,
 * which runs the queued actions in order against the documents.
 */
import { asOfficeError, invalidObjectPath } from './errors';
import type { DocumentState } from './document-state';
import type { RangeTarget } from './range-target';
import type { Requirement, RequirementSets } from './requirement-sets';

/** A queued change or read, run at the next `sync` of its context. */
export type Action = {
  /** Member that queued it, as `debugInfo.errorLocation` names it: "Range.insertText". */
  location: string;
  requirement?: Requirement;
  run(): void;
};

/** A document made by `Application.createDocument`, parsed when the sync reaches it. */
export type CreatedDocument = { state: DocumentState; opened: boolean };

/** State shared by every `Word.run` of one fake Word. */
export class WordSession {
  syncCount = 0;
  selection: { text: string } | null = null;
  /** Where `Document.getSelection` points, once a test placed the cursor. */
  cursor: RangeTarget | null = null;
  readonly createdDocuments: CreatedDocument[] = [];
  /** The context whose actions are running, during a sync. */
  executing: RequestContextState | null = null;
  private readonly openContexts: RequestContextState[] = [];

  constructor(
    readonly requirements: RequirementSets,
    readonly openDocument: DocumentState,
    readonly openFails: boolean,
  ) {}

  openContext(): RequestContextState {
    const context = new RequestContextState(this);
    this.openContexts.push(context);
    return context;
  }

  closeContext(context: RequestContextState): void {
    context.open = false;
    this.openContexts.splice(this.openContexts.indexOf(context), 1);
  }

  /**
   * Queues an action of an object of `owner`. An object whose `Word.run` ended has its action
   * queued on a running context, where it fails at sync as Office's do.
   */
  enqueue(owner: RequestContextState, action: Action): void {
    const context = owner.open ? owner : this.openContexts[this.openContexts.length - 1];
    if (!context) {
      throw invalidObjectPath(action.location);
    }
    context.queue.push(action);
  }

  async sync(context: RequestContextState): Promise<void> {
    this.syncCount++;
    const actions = context.queue.splice(0);
    // A round trip to Word: the batch's code resumes only after the host replied.
    await Promise.resolve();

    this.executing = context;
    try {
      for (const action of actions) {
        this.runAction(action);
      }
    } finally {
      this.executing = null;
    }
  }

  private runAction(action: Action): void {
    try {
      if (action.requirement) {
        this.requirements.check(action.requirement, action.location);
      }
      action.run();
    } catch (error) {
      throw asOfficeError(error).locate(action.location);
    }
  }

  /** Throws InvalidObjectPath unless `owner`'s actions are the ones running. */
  checkRunning(owner: RequestContextState, objectName: string): void {
    if (this.executing !== owner) {
      throw invalidObjectPath(objectName);
    }
  }
}

/** The fake's state behind one `Word.RequestContext`. */
export class RequestContextState {
  readonly queue: Action[] = [];
  open = true;

  constructor(readonly session: WordSession) {}
}
