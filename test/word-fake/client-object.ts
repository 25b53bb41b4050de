/**
 * The proxy behaviour that every fake Word.js object shares with Office.js's `ClientObject`.
 * Methods queue actions. An object resolves to a place in the document when the sync runs the
 * action that made it. Properties return only what `load` and `sync` fetched.
 */
import { itemNotFound, notImplemented, propertyNotLoaded } from './errors';
import type { Requirement } from './requirement-sets';
import type { RequestContextState } from './session';

/** A property `load` can fetch: how to read it from the target, and the set it belongs to. */
export type PropertyReader<Target> = { requirement?: Requirement; read(target: Target): unknown };

export type PropertyTable<Target> = Readonly<Record<string, PropertyReader<Target>>>;

type Resolution<Target> =
  { kind: 'pending' } | { kind: 'resolved'; target: Target } | { kind: 'failed'; error: unknown };

export type LoadOption = string | string[] | undefined;

export abstract class FakeClientObject<Target> {
  private resolution: Resolution<Target> = { kind: 'pending' };
  /** Values fetched by the last sync that loaded them, or set by this batch's code. */
  protected readonly values = new Map<string, unknown>();

  constructor(
    protected readonly owner: RequestContextState,
    protected readonly objectName: string,
    private readonly create: () => Target,
    private readonly properties: PropertyTable<Target> = {},
  ) {}

  /**
   * Returns the object's place in the document, found the first time an action of its context
   * needs it. As in Office, an object whose action a failed sync dropped is found when next used.
   */
  resolve(): Target {
    this.owner.session.checkRunning(this.owner, this.objectName);
    if (this.resolution.kind === 'resolved') {
      return this.resolution.target;
    }
    if (this.resolution.kind === 'failed') {
      throw this.resolution.error;
    }

    try {
      const target = this.create();
      this.resolution = { kind: 'resolved', target };
      return target;
    } catch (error) {
      this.resolution = { kind: 'failed', error };
      throw error;
    }
  }

  /** Queues fetching the named properties, readable after the next `sync`. */
  load(option?: LoadOption): this {
    const names = parseLoadOption(option, this.objectName);
    checkLoadable(names, this.properties, this.objectName);
    this.queue('load', () => this.capture(names));
    return this;
  }

  /** Reads the named properties from the target now; used by loads of this object and lists. */
  capture(names: readonly string[]): void {
    const target = this.resolve();
    for (const name of names) {
      const property = this.properties[name]!;
      if (property.requirement) {
        this.owner.session.requirements.check(property.requirement, `${this.objectName}.${name}`);
      }
      this.values.set(name, property.read(target));
    }
  }

  protected readValue<T>(name: string): T {
    if (!this.values.has(name)) {
      throw propertyNotLoaded(name);
    }
    return this.values.get(name) as T;
  }

  protected queue(member: string, run: () => void, requirement?: Requirement): void {
    this.owner.session.enqueue(this.owner, {
      location: `${this.objectName}.${member}`,
      requirement,
      run,
    });
  }

  /** Queues the action that resolves `child`, an object a method of this one returns. */
  protected queueObject<Child extends { resolve(): unknown }>(
    member: string,
    child: Child,
    requirement?: Requirement,
  ): Child {
    this.queue(member, () => child.resolve(), requirement);
    return child;
  }

  /** Queues setting a property; the value reads back at once, as in Office.js. */
  protected queueSet(
    name: string,
    value: unknown,
    apply: (target: Target) => void,
    requirement?: Requirement,
  ): void {
    this.values.set(name, value);
    this.queue(name, () => apply(this.resolve()), requirement);
  }
}

/**
 * A collection: `items` contains the objects its last load fetched, each with the properties named
 * as "items/text" (or "text").
 */
export abstract class FakeCollection<
  Target,
  ItemTarget,
  Item extends FakeClientObject<ItemTarget>,
> extends FakeClientObject<Target> {
  protected abstract listTargets(target: Target): ItemTarget[];
  protected abstract createItem(create: () => ItemTarget): Item;
  protected abstract readonly itemProperties: PropertyTable<ItemTarget>;

  get items(): Item[] {
    return this.readValue('items');
  }

  override load(option?: LoadOption): this {
    const names = parseLoadOption(option, this.objectName);
    const itemNames = names
      .filter((name) => name !== 'items')
      .map((name) => (name.startsWith('items/') ? name.slice('items/'.length) : name));
    checkLoadable(itemNames, this.itemProperties, `${this.objectName} item`);

    this.queue('load', () => {
      const items = this.listTargets(this.resolve()).map((target) => this.createItem(() => target));
      items.forEach((item) => item.capture(itemNames));
      this.values.set('items', items);
    });
    return this;
  }

  /** Queues the item at `pick`'s index; ItemNotFound at sync when the collection has none. */
  protected queueItem(
    member: string,
    pick: (targets: ItemTarget[]) => ItemTarget | undefined,
    requirement?: Requirement,
  ): Item {
    const item = this.createItem(() => {
      const target = pick(this.listTargets(this.resolve()));
      if (target === undefined) {
        throw itemNotFound(`The ${this.objectName} is empty.`);
      }
      return target;
    });
    return this.queueObject(member, item, requirement);
  }
}

/** Splits `load`'s argument: "a,b", ["a", "b/c"]. */
function parseLoadOption(option: LoadOption, objectName: string): string[] {
  if (option === undefined || (typeof option !== 'string' && !Array.isArray(option))) {
    throw notImplemented(
      `${objectName}.load without property names, or with an object; name the properties`,
    );
  }
  const parts = typeof option === 'string' ? [option] : option;
  return parts
    .flatMap((part) => part.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function checkLoadable<Target>(
  names: readonly string[],
  properties: PropertyTable<Target>,
  objectName: string,
): void {
  const unknown = names.filter((name) => !Object.hasOwn(properties, name));
  if (unknown.length > 0) {
    throw notImplemented(
      `loading ${unknown.join(', ')} on ${objectName}; loadable: ` +
        `${Object.keys(properties).join(', ') || 'none'}`,
    );
  }
}
