/**
 * Restarts numbered lists in each letter of a document of many letters. Paragraphs of one list
 * share a numbering instance (`w:num`), so letter 2 would go on from letter 1's last number.
 * Each later letter gets new instances of the same list definitions, starting again.
 *
 * A new instance keeps the level overrides of the one it copies (a list set to start at 5 starts
 * at 5 again). Only the first instance of each definition in a letter restarts, so that a list
 * the template continues from another one still continues within the letter.
 *
 * NOTE: numbering that paragraphs take from their style (numbered headings) is not restarted.
 */
import type { CompiledTemplate } from './compile';
import type { PackageFiles } from './package-edits';

type ListDefinition = {
  abstractId: string;
  /** Start value of each level of the abstract definition. */
  starts: ReadonlyMap<string, string>;
  /** The instance's own `w:lvlOverride` elements, as written. */
  overrides: string;
  /** Levels that those overrides cover. */
  overriddenLevels: ReadonlySet<string>;
};

export class NumberingRestarts {
  private readonly added: string[] = [];

  private constructor(
    private readonly partName: string | null,
    private readonly files: PackageFiles,
    private readonly definitions: ReadonlyMap<string, ListDefinition>,
    private nextId: number,
  ) {}

  static forTemplate(template: CompiledTemplate, files: PackageFiles): NumberingRestarts {
    const rel = template.mainRelationships.find((candidate) => /\/numbering$/.test(candidate.type));
    const xml = rel ? files.text(rel.target) : undefined;
    if (!rel || xml === undefined) {
      return new NumberingRestarts(null, files, new Map(), 0);
    }

    const definitions = readDefinitions(xml);
    const maxId = Math.max(0, ...[...definitions.keys()].map(Number));
    return new NumberingRestarts(rel.target, files, definitions, maxId + 1);
  }

  /** Points the letter's list paragraphs at new instances; the first letter keeps its own. */
  addLetter(index: number, body: string): string {
    if (index === 0 || this.definitions.size === 0) {
      return body;
    }

    const renumbered = new Map<string, number>();
    const restarted = new Set<string>();
    return body.replace(/(<w:numId w:val=")(\d+)("\/>)/g, (whole, start, id: string, end) => {
      const definition = this.definitions.get(id);
      if (!definition) {
        return whole;
      }
      let newId = renumbered.get(id);
      if (newId === undefined) {
        newId = this.nextId++;
        renumbered.set(id, newId);
        const restart = !restarted.has(definition.abstractId);
        restarted.add(definition.abstractId);
        this.added.push(instanceXml(newId, definition, restart));
      }
      return `${start}${newId}${end}`;
    });
  }

  /** Writes the new instances after the existing ones, in one edit. */
  finish(): void {
    if (!this.partName || this.added.length === 0) {
      return;
    }
    const xml = this.files.text(this.partName) ?? '';
    const cleanup = xml.indexOf('<w:numIdMacAtCleanup');
    const at = cleanup >= 0 ? cleanup : xml.lastIndexOf('</w:numbering>');
    this.files.set(this.partName, `${xml.slice(0, at)}${this.added.join('')}${xml.slice(at)}`);
  }
}

function instanceXml(id: number, definition: ListDefinition, restart: boolean): string {
  const starts = restart
    ? [...definition.starts].filter(([level]) => !definition.overriddenLevels.has(level))
    : [];
  const overrides = starts
    .map(
      ([level, start]) =>
        `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${start}"/></w:lvlOverride>`,
    )
    .join('');
  return (
    `<w:num w:numId="${id}"><w:abstractNumId w:val="${definition.abstractId}"/>` +
    `${definition.overrides}${overrides}</w:num>`
  );
}

/** Reads each list instance's definition and the start value of each of its levels. */
function readDefinitions(xml: string): Map<string, ListDefinition> {
  const startsByAbstract = new Map<string, Map<string, string>>();
  const abstracts =
    /<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g;
  for (const [, abstractId, content] of xml.matchAll(abstracts)) {
    const starts = new Map<string, string>();
    for (const [, level, levelXml] of (content ?? '').matchAll(
      /<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g,
    )) {
      // ECMA-376 gives 0 as the start of a level without w:start.
      starts.set(level as string, /<w:start w:val="(\d+)"/.exec(levelXml ?? '')?.[1] ?? '0');
    }
    startsByAbstract.set(abstractId as string, starts);
  }

  const definitions = new Map<string, ListDefinition>();
  const instances = /<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g;
  for (const [, numId, content] of xml.matchAll(instances)) {
    const abstractId = /<w:abstractNumId w:val="(\d+)"/.exec(content ?? '')?.[1];
    const starts = abstractId ? startsByAbstract.get(abstractId) : undefined;
    if (abstractId && starts) {
      const overrides = (content ?? '').match(/<w:lvlOverride\b[\s\S]*?<\/w:lvlOverride>/g) ?? [];
      const overriddenLevels = new Set(
        overrides.map((override) => /w:ilvl="(\d+)"/.exec(override)?.[1] ?? ''),
      );
      definitions.set(numId as string, {
        abstractId,
        starts,
        overrides: overrides.join(''),
        overriddenLevels,
      });
    }
  }
  return definitions;
}
