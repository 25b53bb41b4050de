/**
 * Edits of a package's files by name, for documents assembled from several letters: text parts,
 * relationships and content types.
 */
import { strFromU8 } from 'fflate';

import { escapeXmlAttribute } from './xml';
import { relationshipsPartName, type Relationship } from './package';

const CONTENT_TYPES = '[Content_Types].xml';

/** The files of the package being written, as bytes or as text. */
export class PackageFiles {
  private readonly files: Map<string, Uint8Array | string>;

  constructor(files: ReadonlyMap<string, Uint8Array | string>) {
    this.files = new Map(files);
  }

  names(): string[] {
    return [...this.files.keys()];
  }

  text(name: string): string | undefined {
    const content = this.files.get(name);
    return typeof content === 'string' || content === undefined ? content : strFromU8(content);
  }

  set(name: string, content: Uint8Array | string): void {
    this.files.set(name, content);
  }

  /** Gives `copy` the relationships of `source` (its images, its hyperlinks). */
  copyRelationships(source: string, copy: string): void {
    const relationships = this.files.get(relationshipsPartName(source));
    if (relationships) {
      this.files.set(relationshipsPartName(copy), relationships);
    }
  }

  /** Returns the `Override` elements that give `copy` the content type of `source`. */
  overridesFor(source: string, copy: string): string[] {
    const types = this.text(CONTENT_TYPES) ?? '';
    const pattern = new RegExp(`<Override\\b[^>]*PartName="/${escapeRegExp(source)}"[^>]*/>`, 'i');
    const override = pattern.exec(types);
    return override ? [override[0].replace(/PartName="[^"]*"/, `PartName="/${copy}"`)] : [];
  }

  toMap(): ReadonlyMap<string, Uint8Array | string> {
    return this.files;
  }
}

/** Appends relationships to those of `sourcePart`, in one edit. */
export function addRelationships(
  files: PackageFiles,
  sourcePart: string,
  relationships: readonly Relationship[],
): void {
  if (relationships.length === 0) {
    return;
  }

  const name = relationshipsPartName(sourcePart);
  const elements = relationships.map(
    (rel) =>
      `<Relationship Id="${escapeXmlAttribute(rel.id)}" Type="${escapeXmlAttribute(rel.type)}" ` +
      `Target="${escapeXmlAttribute(relationshipTarget(sourcePart, rel.target))}"/>`,
  );
  const xml = files.text(name) ?? '';
  files.set(name, xml.replace('</Relationships>', `${elements.join('')}</Relationships>`));
}

/** Appends `Override` elements to the content types, in one edit. */
export function addOverrides(files: PackageFiles, overrides: readonly string[]): void {
  if (overrides.length > 0) {
    const xml = files.text(CONTENT_TYPES) ?? '';
    files.set(CONTENT_TYPES, xml.replace('</Types>', `${overrides.join('')}</Types>`));
  }
}

/** Writes a target as the source part's relationships do: relative to its folder when possible. */
export function relationshipTarget(sourcePart: string, target: string): string {
  const folder = sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1);
  return target.startsWith(folder) ? target.slice(folder.length) : `/${target}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
