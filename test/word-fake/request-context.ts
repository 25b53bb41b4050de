import { FakeApplication, FakeDocument } from './objects/document';
import type { RequestContextState } from './session';

/** What a batch receives as its `Word.RequestContext`. */
export class FakeRequestContext {
  private documentObject?: FakeDocument;
  private applicationObject?: FakeApplication;

  constructor(private readonly state: RequestContextState) {}

  get document(): FakeDocument {
    this.documentObject ??= new FakeDocument(this.state, () => this.state.session.openDocument);
    return this.documentObject;
  }

  get application(): FakeApplication {
    this.applicationObject ??= new FakeApplication(this.state);
    return this.applicationObject;
  }

  sync(): Promise<void> {
    return this.state.session.sync(this.state);
  }
}
