/**
 * Offline checks of the add-in's XML manifest. No package ships the Office manifest XSDs and
 * `office-addin-manifest validate` posts the file to an online service, so the element order and
 * the required children are written down here, for the elements this manifest uses, from
 * Microsoft's "How to find the proper order of manifest elements" (office-js-docs-pr,
 * docs/develop/manifest-element-ordering.md, 06/02/2025) and the OfficeApp reference page.
 */
import type { Element } from '@xmldom/xmldom';

import { childElements, elementPath } from './xml-dom';

export const MANIFEST_NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** The children an element may have, in the order the XSD's sequence fixes, and those it needs. */
type OrderRule = { order: readonly string[]; required: readonly string[] };

/**
 * Rules by element path of local names, below the root. Paths name elements of both the OfficeApp
 * namespace and the VersionOverrides one; the names are unique enough where this manifest goes.
 */
export const ORDER_RULES: Readonly<Record<string, OrderRule>> = {
  OfficeApp: {
    order: [
      'Id',
      'AlternateId',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'Dictionary',
      'VersionOverrides',
      'ExtendedOverrides',
    ],
    required: [
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'DefaultSettings',
      'Permissions',
    ],
  },
  'OfficeApp/AppDomains': { order: ['AppDomain'], required: [] },
  'OfficeApp/Hosts': { order: ['Host'], required: ['Host'] },
  'OfficeApp/Requirements': { order: ['Sets', 'Methods'], required: [] },
  'OfficeApp/Requirements/Sets': { order: ['Set'], required: ['Set'] },
  'OfficeApp/DefaultSettings': { order: ['SourceLocation'], required: ['SourceLocation'] },
  'OfficeApp/VersionOverrides': {
    order: ['Description', 'Requirements', 'Hosts', 'Resources', 'WebApplicationInfo'],
    required: ['Hosts', 'Resources'],
  },
  'OfficeApp/VersionOverrides/Hosts': { order: ['Host'], required: ['Host'] },
  'OfficeApp/VersionOverrides/Hosts/Host': {
    order: ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'],
    required: ['DesktopFormFactor'],
  },
  'OfficeApp/VersionOverrides/Hosts/Host/DesktopFormFactor': {
    order: ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
    required: ['FunctionFile', 'ExtensionPoint'],
  },
  '*/GetStarted': {
    order: ['Title', 'Description', 'LearnMoreUrl'],
    required: ['Title', 'Description', 'LearnMoreUrl'],
  },
  '*/ExtensionPoint': { order: ['OfficeTab', 'CustomTab', 'OfficeMenu'], required: [] },
  '*/OfficeTab': { order: ['Group'], required: ['Group'] },
  '*/Group': {
    order: ['OverriddenByRibbonApi', 'Label', 'Icon', 'Control'],
    required: ['Label', 'Icon', 'Control'],
  },
  '*/Control': {
    order: ['OverriddenByRibbonApi', 'Label', 'Supertip', 'Icon', 'Action', 'Enabled', 'Items'],
    required: ['Label', 'Supertip', 'Icon', 'Action'],
  },
  '*/Supertip': { order: ['Title', 'Description'], required: ['Title', 'Description'] },
  '*/Icon': { order: ['Image'], required: ['Image'] },
  '*/Action': {
    order: ['TaskpaneId', 'SourceLocation', 'Title', 'FunctionName'],
    required: [],
  },
  'OfficeApp/VersionOverrides/Resources': {
    order: ['Images', 'Urls', 'ShortStrings', 'LongStrings'],
    required: [],
  },
};

/** The path of local names from the root, e.g. "OfficeApp/VersionOverrides/Hosts". */
function namePath(element: Element): string {
  const names: string[] = [];
  for (let node: Element | null = element; node !== null; node = parentElement(node)) {
    names.unshift(node.localName ?? '');
  }
  return names.join('/');
}

function parentElement(element: Element): Element | null {
  const parent = element.parentNode;
  return parent !== null && parent.nodeType === 1 ? (parent as Element) : null;
}

function ruleFor(element: Element): OrderRule | undefined {
  return ORDER_RULES[namePath(element)] ?? ORDER_RULES[`*/${element.localName}`];
}

/**
 * Every order or presence problem below `root`, as readable lines (empty when the manifest
 * follows the rules). Children an element's rule does not list are reported too: in the XSDs
 * that is the same error as a child out of order.
 */
export function checkElementOrder(root: Element): string[] {
  const problems: string[] = [];
  visit(root, problems);
  return problems;
}

function visit(element: Element, problems: string[]): void {
  const rule = ruleFor(element);
  const children = childElements(element);
  if (rule !== undefined) {
    problems.push(...checkChildren(element, children, rule));
  }
  for (const child of children) {
    visit(child, problems);
  }
}

function checkChildren(element: Element, children: Element[], rule: OrderRule): string[] {
  const problems: string[] = [];
  const where = elementPath(element);
  let lastRank = -1;

  for (const child of children) {
    const rank = rule.order.indexOf(child.localName ?? '');
    if (rank === -1) {
      problems.push(`${where}: <${child.localName}> is not allowed here`);
    } else if (rank < lastRank) {
      const previous = rule.order[lastRank] ?? '?';
      problems.push(`${where}: <${child.localName}> must come before <${previous}>`);
    }
    lastRank = Math.max(lastRank, rank);
  }

  const present = new Set(children.map((child) => child.localName ?? ''));
  for (const name of rule.required) {
    if (!present.has(name)) {
      problems.push(`${where}: <${name}> is required`);
    }
  }
  return problems;
}

/** Reads width and height from a PNG's IHDR chunk, which the format puts first. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isPng = signature.every((byte, index) => bytes[index] === byte);
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (!isPng || chunk !== 'IHDR' || bytes.length < 24) {
    throw new Error('not a PNG file (no signature or no IHDR chunk first)');
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
