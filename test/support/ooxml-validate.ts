/**
 * Validation of WordprocessingML parts against the ECMA-376 transitional schemas with xmllint,
 * plus a check of the order of run properties, which those schemas leave open.
 *
 * LibreOffice opens documents that break the schemas without a warning, so a PDF alone does not
 * show that Word accepts a letter. The merge tests validate every part they write here.
 *
 * Cost, measured on the 2-core test machine with libxml 2.9.14 (an estimate elsewhere): one
 * xmllint call costs about 50 ms, mostly compiling wml.xsd, so `validateDocx` takes about 70 ms
 * per package. `validateDocxFiles` checks the 27 corpus files (156 parts) in one call in about
 * 400 ms, 2.5 ms per part, most of it parsing and markup-compatibility processing in Node.
 */

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Document, Element } from '@xmldom/xmldom';

import { listWordXmlParts, readDocx, readPartText, type DocxPackage } from './docx-package';
import { applyMarkupCompatibilityToDocument } from './markup-compatibility';
import { findRunPropertyOrderErrors } from './run-properties-order';
import { childElements, elementPath, isText, parseXml, serializeXml } from './xml-dom';
import { requireTool, runCommand } from './tools';

/** Folder of the ECMA-376 schemas, beside the repository (`shared/` next to the clone). */
export const OOXML_SCHEMA_DIR = path.resolve(__dirname, '../../../shared/ooxml-schemas');

/** Schema errors of one part, empty when the part is valid. */
export interface PartErrors {
  part: string;
  errors: string[];
}

/** Maximum number of files per xmllint call, to stay far below the kernel's argument limit. */
const MAX_FILES_PER_CALL = 500;

const XMLLINT_TIMEOUT_MS = 120_000;

/** Conventional prefixes, used to shorten xmllint's `{namespace URI}name` in messages. */
const PREFIX_BY_NAMESPACE: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'urn:schemas-microsoft-com:office:word': 'w10',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.microsoft.com/office/word/2012/wordml': 'w15',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing': 'wp14',
};

/** A part ready for xmllint, with the errors found while preparing it. */
interface PreparedPart {
  label: string;
  /** The processed XML, or undefined when the part is not well-formed. */
  xml?: string;
  /** Errors found before xmllint runs: not well-formed, run properties out of order. */
  errors: string[];
}

/** An xmllint message about one input, before it is located in the part. */
interface XmllintMessage {
  line: number;
  /** Local name of the element xmllint reports on, when it names one. */
  element?: string;
  text: string;
}

/**
 * Returns the schema errors of one WordprocessingML part (document, header, footer, footnotes,
 * endnotes, comments, styles, settings, numbering), or an empty list when it is valid.
 *
 * The part is validated as Word reads it, after markup-compatibility processing: elements and
 * attributes of the namespaces its `mc:Ignorable` lists are dropped, and each
 * `mc:AlternateContent` is replaced by its `mc:Fallback`. Each error names the element by its
 * path in the processed part, e.g. `/w:document/w:body/w:p[3]/w:r/w:rPr/w:sz`.
 * A part that is not well-formed XML gets one error saying so.
 */
export async function validateWordPart(xml: string, partName: string): Promise<string[]> {
  const prepared = prepareWordPart(xml, partName);
  if (prepared.xml === undefined) {
    return prepared.errors;
  }

  const result = await runXmllint(['-'], prepared.xml);
  const messages = parseXmllintOutput(result.stderr, ['-'], result.code);
  return [...describeMessages(prepared.xml, messages.get('-') ?? []), ...prepared.errors];
}

/** Returns the schema errors of every WordprocessingML part of a .docx, in archive order. */
export async function validateDocx(bytes: Uint8Array): Promise<PartErrors[]> {
  const parts = prepareDocxParts(readDocx(bytes));
  const errors = await validatePreparedParts(parts);
  return parts.map((part, index) => ({ part: part.label, errors: errors[index] ?? [] }));
}

/**
 * Throws when any WordprocessingML part of a .docx is invalid, with every error of every part.
 *
 * @throws Error listing `part: error` lines.
 */
export async function assertValidDocx(bytes: Uint8Array, label = 'document'): Promise<void> {
  const results = await validateDocx(bytes);
  const lines = formatErrors(results);
  if (lines.length > 0) {
    throw new Error(`${label} is invalid against the ECMA-376 schemas:\n${lines.join('\n')}`);
  }
}

/**
 * Validates the WordprocessingML parts of many .docx files with as few xmllint calls as possible,
 * and returns each file's part errors, by file path.
 */
export async function validateDocxFiles(
  paths: readonly string[],
): Promise<Map<string, PartErrors[]>> {
  const partsByFile = new Map<string, PreparedPart[]>();
  for (const file of paths) {
    partsByFile.set(file, prepareDocxParts(readDocx(await readFile(file))));
  }

  const allParts = [...partsByFile.values()].flat();
  const allErrors = await validatePreparedParts(allParts);

  const results = new Map<string, PartErrors[]>();
  let index = 0;
  for (const [file, parts] of partsByFile) {
    results.set(
      file,
      parts.map((part) => ({ part: part.label, errors: allErrors[index++] ?? [] })),
    );
  }
  return results;
}

/** Formats part errors as `part: error` lines, none when every part is valid. */
export function formatErrors(results: readonly PartErrors[]): string[] {
  return results.flatMap((result) => result.errors.map((error) => `${result.part}: ${error}`));
}

/**
 * Returns the path of `wml.xsd`.
 *
 * @throws Error when the schema folder is missing beside the repository.
 */
export function wmlSchemaPath(): string {
  const schema = path.join(OOXML_SCHEMA_DIR, 'wml.xsd');
  if (!existsSync(schema)) {
    throw new Error(
      `ECMA-376 schema not found at ${schema}. The tests expect the shared/ folder (with ` +
        'ooxml-schemas/ and corpus/) beside the repository clone.',
    );
  }
  return schema;
}

function prepareDocxParts(docx: DocxPackage): PreparedPart[] {
  return listWordXmlParts(docx).map((part) =>
    prepareWordPart(readPartText(docx, part.name), part.name),
  );
}

/**
 * Applies markup-compatibility processing, checks the order of run properties, and puts each
 * element of element-only content on a line of its own, so that xmllint's line numbers identify
 * the element.
 */
function prepareWordPart(xml: string, label: string): PreparedPart {
  let document: Document;
  try {
    document = parseXml(xml, label);
    applyMarkupCompatibilityToDocument(document);
  } catch (error) {
    return { label, errors: [error instanceof Error ? error.message : String(error)] };
  }

  const errors = findRunPropertyOrderErrors(document, wmlSchemaPath());

  if (document.documentElement !== null) {
    putChildElementsOnOwnLines(document, document.documentElement);
  }
  return { label, xml: serializeXml(document), errors };
}

/**
 * Inserts a line break before each child element of elements that contain no text but
 * whitespace. Schemas allow whitespace in element-only content, so validity does not change.
 */
function putChildElementsOnOwnLines(document: Document, element: Element): void {
  const children = childElements(element);
  if (children.length === 0 || hasNonWhitespaceText(element)) {
    return;
  }

  for (const child of children) {
    element.insertBefore(document.createTextNode('\n'), child);
    putChildElementsOnOwnLines(document, child);
  }
}

function hasNonWhitespaceText(element: Element): boolean {
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (isText(node) && (node.nodeValue ?? '').trim() !== '') {
      return true;
    }
  }
  return false;
}

/** Validates prepared parts in batches of files, and returns each part's errors, in order. */
async function validatePreparedParts(parts: readonly PreparedPart[]): Promise<string[][]> {
  const errors: string[][] = parts.map((part) => [...part.errors]);
  const processable = parts
    .map((part, index) => ({ part, index }))
    .filter((entry) => entry.part.xml !== undefined);
  if (processable.length === 0) {
    return errors;
  }

  const directory = await mkdtemp(path.join(os.tmpdir(), 'opisto-xmllint-'));
  try {
    for (let start = 0; start < processable.length; start += MAX_FILES_PER_CALL) {
      const batch = processable.slice(start, start + MAX_FILES_PER_CALL);
      const files = batch.map((entry) => path.join(directory, `part-${entry.index}.xml`));
      await Promise.all(batch.map((entry, i) => writeFile(files[i]!, entry.part.xml ?? '')));

      const result = await runXmllint(files);
      const messages = parseXmllintOutput(result.stderr, files, result.code);
      batch.forEach((entry, i) => {
        const schemaErrors = describeMessages(entry.part.xml ?? '', messages.get(files[i]!) ?? []);
        errors[entry.index] = [...schemaErrors, ...entry.part.errors];
      });
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  return errors;
}

function runXmllint(inputs: readonly string[], stdin?: string) {
  const xmllint = requireTool('xmllint');
  const args = ['--noout', '--nonet', '--schema', wmlSchemaPath(), ...inputs];
  return runCommand(xmllint, args, { input: stdin, timeoutMs: XMLLINT_TIMEOUT_MS });
}

/**
 * Groups xmllint's messages by input file.
 *
 * @throws Error when xmllint did not give a verdict ("validates" or "fails to validate") for
 * every input, for instance because the schema did not compile, or failed without a message.
 */
function parseXmllintOutput(
  stderr: string,
  inputs: readonly string[],
  exitCode: number | null,
): Map<string, XmllintMessage[]> {
  const messages = new Map<string, XmllintMessage[]>(inputs.map((input) => [input, []]));
  const verdicts = new Set<string>();

  for (const line of stderr.split('\n')) {
    const verdict = /^(.+) (?:validates|fails to validate)$/.exec(line);
    if (verdict !== null && messages.has(verdict[1]!)) {
      verdicts.add(verdict[1]!);
      continue;
    }

    // Other lines without this prefix are the source excerpt and caret after a parser error.
    const located = /^(.+?):(\d+): (?:element (\S+): )?(.*)$/.exec(line);
    if (located !== null && messages.has(located[1]!)) {
      messages.get(located[1]!)!.push({
        line: Number(located[2]),
        element: located[3],
        text: located[4]!.replace(/^Schemas validity error : /, ''),
      });
    }
  }

  const missing = inputs.filter((input) => !verdicts.has(input));
  const failedWithoutMessage =
    exitCode !== 0 && [...messages.values()].every((m) => m.length === 0);
  if (missing.length > 0 || failedWithoutMessage) {
    throw new Error(
      `xmllint failed (exit code ${exitCode}) without a result for ` +
        `${missing.length > 0 ? missing.join(', ') : 'any input'}:\n${stderr.slice(0, 4000)}`,
    );
  }
  return messages;
}

/** Turns xmllint messages into errors that name the element by its path in the part. */
function describeMessages(xml: string, messages: readonly XmllintMessage[]): string[] {
  if (messages.length === 0) {
    return [];
  }

  const elementsByLine = indexElementsByLine(parseXml(xml, 'processed part'));
  return messages.map((message) => {
    const candidates = elementsByLine.get(message.line) ?? [];
    const element =
      candidates.find((candidate) => candidate.localName === message.element) ?? candidates[0];
    const location = element === undefined ? `line ${message.line}` : elementPath(element);
    return `${location}: ${shortenNamespaces(message.text)}`;
  });
}

function indexElementsByLine(document: Document): Map<number, Element[]> {
  const elementsByLine = new Map<number, Element[]>();
  const visit = (element: Element): void => {
    const line = element.lineNumber ?? 0;
    elementsByLine.set(line, [...(elementsByLine.get(line) ?? []), element]);
    childElements(element).forEach(visit);
  };
  if (document.documentElement !== null) {
    visit(document.documentElement);
  }
  return elementsByLine;
}

function shortenNamespaces(text: string): string {
  return text.replace(/\{([^}]+)\}/g, (whole, namespace: string) => {
    const prefix = PREFIX_BY_NAMESPACE[namespace];
    return prefix === undefined ? whole : `${prefix}:`;
  });
}
