/**
 * Footnotes and endnotes of a document of many letters. A note belongs to the place that refers
 * to it, and Word does not accept two references to one note, so each later letter gets copies
 * of the notes, with new ids, and filled with its own values.
 */
import type { LetterValues } from '../values';
import type { CompiledTemplate } from './compile';
import type { PackageFiles } from './package-edits';
import { renderSegments } from './render';
import type { CompiledPart } from './segments';

/** Note ids of letter n are offset by n times this. */
const NOTE_ID_OFFSET = 10_000;

type NotesPart = { name: string; kind: 'footnote' | 'endnote'; compiled?: CompiledPart };

export class NoteCopies {
  private readonly copies = new Map<string, string[]>();

  private constructor(
    private readonly parts: readonly NotesPart[],
    private readonly files: PackageFiles,
    private readonly settingsPart: string | undefined,
  ) {}

  static forTemplate(template: CompiledTemplate, files: PackageFiles): NoteCopies {
    const parts: NotesPart[] = [];
    for (const rel of template.mainRelationships) {
      const kind = /\/(footnotes|endnotes)$/.exec(rel.type)?.[1];
      const compiled = template.parts.find((part) => part.name === rel.target);
      if (kind && (compiled || files.text(rel.target) !== undefined)) {
        parts.push({
          name: rel.target,
          kind: kind === 'footnotes' ? 'footnote' : 'endnote',
          compiled,
        });
      }
    }
    const settings = template.mainRelationships.find((rel) => /\/settings$/.test(rel.type));
    return new NoteCopies(parts, files, settings?.target);
  }

  /** Renders the letter's notes, `adjust`ing their ids, and points its references at them. */
  addLetter(
    values: LetterValues,
    index: number,
    body: string,
    adjust: (xml: string) => string,
  ): string {
    let updated = body;

    for (const part of this.parts) {
      const xml = part.compiled
        ? renderSegments(part.compiled.segments, values)
        : (this.files.text(part.name) ?? '');
      if (index === 0) {
        this.files.set(part.name, xml);
        continue;
      }
      const offset = index * NOTE_ID_OFFSET;
      const copies = this.copies.get(part.name) ?? [];
      copies.push(...userNotes(xml, part.kind).map((note) => adjust(offsetNoteId(note, offset))));
      this.copies.set(part.name, copies);
      updated = offsetReferences(updated, part.kind, offset);
    }
    return updated;
  }

  /** Numbers and places notes per letter, for templates of one section. */
  numberPerSection(): void {
    const settings = this.settingsPart ? this.files.text(this.settingsPart) : undefined;
    if (!this.settingsPart || settings === undefined || this.parts.length === 0) {
      return;
    }
    let updated = settings;
    for (const part of this.parts) {
      updated = numberNotesPerSection(updated, part.kind);
    }
    this.files.set(this.settingsPart, updated);
  }

  /** Appends the copies to each notes part, in one edit. */
  finish(): void {
    for (const part of this.parts) {
      const copies = this.copies.get(part.name) ?? [];
      const xml = this.files.text(part.name) ?? '';
      const close = `</w:${part.kind}s>`;
      if (copies.length > 0) {
        this.files.set(part.name, xml.replace(close, `${copies.join('')}${close}`));
      }
    }
  }
}

const SETTINGS_AFTER_NOTES_NAMES = [
  'w:compat',
  'w:docVars',
  'w:rsids',
  'm:mathPr',
  'w:attachedSchema',
  'w:themeFontLang',
  'w:clrSchemeMapping',
  'w:doNotIncludeSubdocsInStats',
  'w:doNotAutoCompressPictures',
  'w:forceUpgrade',
  'w:captions',
  'w:readModeInkLockDown',
  'w:smartTagType',
  'sl:schemaLibrary',
  'w:shapeDefaults',
  'w:doNotEmbedSmartTags',
  'w:decimalSymbol',
  'w:listSeparator',
];
const SETTINGS_AFTER_NOTES = new RegExp(`<(${SETTINGS_AFTER_NOTES_NAMES.join('|')})\\b`);

/**
 * Numbers footnotes or endnotes from 1 in each section, and prints endnotes at the end of each
 * section. Called for templates of one section, where a section is a letter.
 */
function numberNotesPerSection(settings: string, kind: 'footnote' | 'endnote'): string {
  const properties = `w:${kind}Pr`;
  const restart = '<w:numRestart w:val="eachSect"/>';
  const position = kind === 'endnote' ? '<w:pos w:val="sectEnd"/>' : '';
  const existing = new RegExp(`<${properties}>([\\s\\S]*?)</${properties}>|<${properties}/>`).exec(
    settings,
  );

  if (!existing) {
    const element = `<${properties}>${position}${restart}</${properties}>`;
    const follower = SETTINGS_AFTER_NOTES.exec(settings);
    const at = follower ? follower.index : settings.lastIndexOf('</w:settings>');
    return `${settings.slice(0, at)}${element}${settings.slice(at)}`;
  }

  // Inside, the schema orders w:pos, w:numFmt, w:numStart, w:numRestart, then the separators.
  let inner = (existing[1] ?? '').replace(/<w:numRestart\b[^>]*\/>/, '');
  if (position) {
    inner = inner.replace(/<w:pos\b[^>]*\/>/, '');
  }
  const separators = inner.search(new RegExp(`<w:${kind}\\b`));
  const at = separators >= 0 ? separators : inner.length;
  inner = `${position}${inner.slice(0, at)}${restart}${inner.slice(at)}`;
  return settings.replace(existing[0], `<${properties}>${inner}</${properties}>`);
}

/** Returns the notes that text refers to; separators (w:type="separator" …) stay shared. */
function userNotes(xml: string, kind: string): string[] {
  const notes = new RegExp(`<w:${kind}\\b([^>]*?)(?:/>|>[\\s\\S]*?</w:${kind}>)`, 'g');
  return [...xml.matchAll(notes)]
    .filter(([, attributes]) => !/w:type="(?!normal")/.test(attributes ?? ''))
    .map(([note]) => note);
}

function offsetNoteId(note: string, offset: number): string {
  return note.replace(
    /^(<w:\w+\b[^>]*?\bw:id=")(-?\d+)(")/,
    (_whole, start, id: string, end) => `${start}${Number(id) + offset}${end}`,
  );
}

function offsetReferences(body: string, kind: string, offset: number): string {
  const references = new RegExp(`(<w:${kind}Reference\\b[^>]*?\\bw:id=")(-?\\d+)(")`, 'g');
  return body.replace(
    references,
    (_whole, start, id: string, end) => `${start}${Number(id) + offset}${end}`,
  );
}
