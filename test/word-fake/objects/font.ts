import { FakeClientObject } from '../client-object';
import { applyFont, type FontProperty, type FontScope } from '../formatting';
import type { RequestContextState } from '../session';
import type { Story } from '../story';

/** What a `Font` formats: the runs and paragraph marks of its parent, listed when it is set. */
export type FontTarget = { story: Story; scope: () => FontScope };

/** `Word.Font`: bold, size and name, set on every run of its parent object. */
export class FakeFont extends FakeClientObject<FontTarget> {
  constructor(owner: RequestContextState, create: () => FontTarget) {
    super(owner, 'Font', create);
  }

  get bold(): boolean {
    return this.readValue('bold');
  }

  set bold(value: boolean) {
    this.queueSet('bold', value, (target) => apply(target, 'bold', value));
  }

  get size(): number {
    return this.readValue('size');
  }

  set size(value: number) {
    this.queueSet('size', value, (target) => apply(target, 'size', value));
  }

  get name(): string {
    return this.readValue('name');
  }

  set name(value: string) {
    this.queueSet('name', value, (target) => apply(target, 'name', value));
  }
}

function apply(target: FontTarget, property: FontProperty, value: unknown): void {
  applyFont(target.scope(), property, value);
  target.story.changed = true;
}
