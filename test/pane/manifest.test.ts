/**
 * The add-in's manifest, checked offline (no package ships the Office XSDs), and the production
 * build that `npm test` makes before Jest runs: dist/pane/ with the pane, the templates and a
 * manifest carrying the production addresses.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import type { Document, Element } from '@xmldom/xmldom';

import packageJson from '../../package.json';
import { STARTER_TEMPLATES } from '../../src/pane/services/template-choice';
import { checkElementOrder, MANIFEST_NS, pngSize } from '../support/office-manifest';
import { requireTool, runCommand } from '../support/tools';
import { parseXml } from '../support/xml-dom';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const DIST = path.join(ROOT, 'dist', 'pane');
const DEV_URL = 'https://localhost:3000/';
const API_DOMAIN = 'https://opisto.example.fr';

const manifestText = readFileSync(MANIFEST, 'utf8');
const manifest = parseXml(manifestText, 'manifest.xml');

function all(doc: Document | Element, ns: string, name: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, name));
}

function one(doc: Document | Element, ns: string, name: string): Element {
  const found = all(doc, ns, name);
  if (found.length !== 1) {
    throw new Error(`expected one <${name}>, found ${found.length}`);
  }
  return found[0] as Element;
}

/** Every address the manifest holds: DefaultValue attributes that are URLs, and AppDomains. */
function urlsOf(doc: Document): string[] {
  const values = Array.from(doc.getElementsByTagName('*')).flatMap((element) => {
    const value = element.getAttribute('DefaultValue');
    return value !== null && /^[a-z]+:/iu.test(value) ? [value] : [];
  });
  const domains = all(doc, MANIFEST_NS.app, 'AppDomain').map((domain) => domain.textContent ?? '');
  return [...values, ...domains];
}

/** The resource ids by kind, from VersionOverrides/Resources. */
function resources(doc: Document): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
    for (const group of all(doc, MANIFEST_NS.bt, kind)) {
      for (const item of Array.from(group.getElementsByTagName('*'))) {
        kinds.set(item.getAttribute('id') ?? '', kind);
      }
    }
  }
  return kinds;
}

/** Which resource kind a resid must point to, by the referring element's name. */
function expectedKind(element: Element): string {
  switch (element.localName) {
    case 'Image':
      return 'Images';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'LearnMoreUrl':
      return 'Urls';
    case 'Description':
      return 'LongStrings';
    default:
      return 'ShortStrings';
  }
}

function resourceValue(doc: Document, id: string): string {
  const item = Array.from(doc.getElementsByTagName('*')).find(
    (element) => element.getAttribute('id') === id && element.hasAttribute('DefaultValue'),
  );
  return item?.getAttribute('DefaultValue') ?? '';
}

/** The production addresses the build used: the environment's, or package.json's defaults. */
function productionAddresses(): { paneUrl: string; apiOrigin: string } {
  const pane = new URL(process.env.OPISTO_PANE_URL || packageJson.config.pane_url_prod);
  const api = new URL(process.env.OPISTO_API_URL || packageJson.config.api_url_prod);
  return {
    paneUrl: pane.href.endsWith('/') ? pane.href : `${pane.href}/`,
    apiOrigin: api.origin,
  };
}

describe('manifest.xml', () => {
  test('is well-formed for xmllint', async () => {
    const xmllint = requireTool('xmllint');
    const result = await runCommand(xmllint, ['--noout', MANIFEST], { timeoutMs: 30000 });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('has the required elements in the order the schemas fix', () => {
    expect(checkElementOrder(manifest.documentElement as Element)).toEqual([]);
  });

  test('the order check catches a swapped pair and a missing element', () => {
    const swapped = manifestText.replace(
      /(<Version>.*<\/Version>)(\s*)(<ProviderName>.*<\/ProviderName>)/u,
      '$3$2$1',
    );
    const withoutPermissions = manifestText.replace(/<Permissions>.*<\/Permissions>/u, '');

    const swappedProblems = checkElementOrder(
      parseXml(swapped, 'swapped').documentElement as Element,
    );
    const missingProblems = checkElementOrder(
      parseXml(withoutPermissions, 'missing').documentElement as Element,
    );

    expect(swappedProblems).toEqual(['/OfficeApp: <Version> must come before <ProviderName>']);
    expect(missingProblems).toEqual(['/OfficeApp: <Permissions> is required']);
  });

  test('is a Word task pane add-in in French with a GUID and a four-part version', () => {
    const root = manifest.documentElement as Element;

    expect(root.localName).toBe('OfficeApp');
    expect(root.getAttributeNS(MANIFEST_NS.xsi, 'type')).toBe('TaskPaneApp');
    expect(one(manifest, MANIFEST_NS.app, 'Id').textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u,
    );
    expect(one(manifest, MANIFEST_NS.app, 'Version').textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/u);
    expect(one(manifest, MANIFEST_NS.app, 'DefaultLocale').textContent).toBe('fr-FR');
    expect(one(manifest, MANIFEST_NS.app, 'DisplayName').getAttribute('DefaultValue')).toBe(
      'Opisto Relances',
    );
    expect(one(manifest, MANIFEST_NS.app, 'Permissions').textContent).toBe('ReadWriteDocument');
    const hosts = all(manifest, MANIFEST_NS.app, 'Host').map((host) => host.getAttribute('Name'));
    expect(hosts).toEqual(['Document']);
  });

  test('requires WordApi 1.3 and never a hidden-document requirement set', () => {
    const sets = all(manifest, MANIFEST_NS.app, 'Set').map((set) => [
      set.getAttribute('Name'),
      set.getAttribute('MinVersion'),
    ]);

    expect(sets).toEqual([['WordApi', '1.3']]);
    expect(manifestText).not.toMatch(/WordApiHiddenDocument/u);
  });

  test('uses https for every address and allows the API domain', () => {
    const urls = urlsOf(manifest);

    expect(urls.length).toBeGreaterThan(8);
    expect(urls.filter((url) => !url.startsWith('https://'))).toEqual([]);
    expect(all(manifest, MANIFEST_NS.app, 'AppDomain').map((d) => d.textContent)).toEqual([
      API_DOMAIN,
    ]);
  });

  test('puts a "Relances" button that opens the pane in an "Opisto" group on the Home tab', () => {
    const tab = one(manifest, MANIFEST_NS.ov, 'OfficeTab');
    const group = one(tab, MANIFEST_NS.ov, 'Group');
    const groupLabel = group.getElementsByTagNameNS(MANIFEST_NS.ov, 'Label')[0];
    const button = one(group, MANIFEST_NS.ov, 'Control');
    const action = one(button, MANIFEST_NS.ov, 'Action');
    const buttonLabel = one(button, MANIFEST_NS.ov, 'Label');
    const paneUrl = one(action, MANIFEST_NS.ov, 'SourceLocation').getAttribute('resid') ?? '';

    expect(tab.getAttribute('id')).toBe('TabHome');
    expect(resourceValue(manifest, groupLabel?.getAttribute('resid') ?? '')).toBe('Opisto');
    expect(button.getAttributeNS(MANIFEST_NS.xsi, 'type')).toBe('Button');
    expect(resourceValue(manifest, buttonLabel.getAttribute('resid') ?? '')).toBe('Relances');
    expect(action.getAttributeNS(MANIFEST_NS.xsi, 'type')).toBe('ShowTaskpane');
    expect(resourceValue(manifest, paneUrl)).toBe(`${DEV_URL}taskpane.html`);
    expect(one(manifest, MANIFEST_NS.ov, 'FunctionFile').getAttribute('resid')).toBeTruthy();
  });

  test('resolves every resid to a resource of the right kind', () => {
    const kinds = resources(manifest);
    const references = Array.from(manifest.getElementsByTagName('*')).filter((element) =>
      element.hasAttribute('resid'),
    );

    const wrong = references
      .map((element) => [element.localName, element.getAttribute('resid') ?? ''] as const)
      .filter(([, id], index) => {
        const element = references[index] as Element;
        return id.length > 32 || kinds.get(id) !== expectedKind(element);
      });

    expect(references.length).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });

  test('names icon files that exist with the pixel size stated', () => {
    const stated = [
      ...all(manifest, MANIFEST_NS.app, 'IconUrl').map((icon) => [32, icon] as const),
      ...all(manifest, MANIFEST_NS.app, 'HighResolutionIconUrl').map((icon) => [64, icon] as const),
      ...all(manifest, MANIFEST_NS.bt, 'Image')
        .filter((image) => image.hasAttribute('size'))
        .map((image) => [Number(image.getAttribute('size')), image] as const),
    ];

    for (const [size, element] of stated) {
      const url =
        element.getAttribute('DefaultValue') ??
        resourceValue(manifest, element.getAttribute('resid') ?? '');
      const file = path.join(ROOT, 'assets', 'icons', path.basename(new URL(url).pathname));
      expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size });
    }
    expect(stated.length).toBe(8);
  });

  test('ships icons of 16, 32, 64, 80 and 128 px', () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const file = path.join(ROOT, 'assets', 'icons', `icon-${size}.png`);
      expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size });
    }
  });
});

describe('the production build (dist/pane, made by npm run build)', () => {
  beforeAll(() => {
    if (!existsSync(path.join(DIST, 'taskpane.html'))) {
      throw new Error(
        'dist/pane/taskpane.html is missing: run "npm run build" (npm test runs it before Jest).',
      );
    }
  });

  test('serves taskpane.html with office.js before the bundle, in French', () => {
    const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    const officeJs = html.indexOf('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    const bundle = /src="?(taskpane\.[0-9a-f]+\.js)"?/u.exec(html);

    expect(html).toMatch(/<html lang="?fr"?>/u);
    expect(html).toMatch(/<div id="?container"?>/u);
    expect(html).toMatch(/<title>Opisto Relances<\/title>/u);
    expect(officeJs).toBeGreaterThan(-1);
    expect(bundle).not.toBeNull();
    expect(officeJs).toBeLessThan(html.indexOf(bundle?.[1] ?? ''));
    expect(existsSync(path.join(DIST, bundle?.[1] ?? 'missing'))).toBe(true);
  });

  test('keeps the JavaScript under 300 KB gzipped, without source maps', () => {
    const files = readdirSync(DIST);
    const scripts = files.filter((file) => file.endsWith('.js'));
    const gzipped = scripts.reduce(
      (total, file) => total + gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length,
      0,
    );

    expect(scripts.some((file) => file.startsWith('commands.'))).toBe(true);
    expect(gzipped / 1024).toBeLessThan(300);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  test('serves every starter template under the name the pane asks for', () => {
    for (const { file, label } of STARTER_TEMPLATES) {
      const served = readFileSync(path.join(DIST, 'templates', file));
      const source = readFileSync(path.join(ROOT, 'assets', 'templates', `${label}.docx`));
      expect(served.equals(source)).toBe(true);
    }
  });

  test('writes the manifest with the production addresses', () => {
    const text = readFileSync(path.join(DIST, 'manifest.xml'), 'utf8');
    const built = parseXml(text, 'dist/pane/manifest.xml');
    const { paneUrl, apiOrigin } = productionAddresses();
    const urls = urlsOf(built).filter((url) => url !== apiOrigin);

    expect(text).not.toContain('https://localhost');
    expect(checkElementOrder(built.documentElement as Element)).toEqual([]);
    expect(urls.filter((url) => !url.startsWith(paneUrl))).toEqual([]);
    expect(all(built, MANIFEST_NS.app, 'AppDomain').map((d) => d.textContent)).toEqual([apiOrigin]);
    for (const icon of ['icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']) {
      expect(existsSync(path.join(DIST, 'assets', icon))).toBe(true);
    }
  });

  test('refuses a production address that is not https', () => {
    const webpackCli = require.resolve('webpack-cli/bin/cli.js');
    // Built elsewhere, should the check ever let the build run: other tests read dist/pane.
    const output = mkdtempSync(path.join(tmpdir(), 'opisto-pane-'));
    const args = [webpackCli, '--mode', 'production', '--output-path', output];
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, OPISTO_PANE_URL: 'http://relances.example.fr/' },
      encoding: 'utf8',
      timeout: 60000,
    });
    rmSync(output, { recursive: true, force: true });

    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toContain(
      'OPISTO_PANE_URL : « http://relances.example.fr/ » doit commencer par https://',
    );
  });
});
