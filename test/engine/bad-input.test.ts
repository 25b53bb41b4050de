/**
 * Templates that are not usable .docx files give a French MergeError with a stable code, never a
 * crash or a corrupt letter.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { strToU8, unzipSync, zipSync } from 'fflate';
import { encrypt } from 'officecrypto-tool';

import { compileTemplate, MergeError } from '../../src/merge';
import { makeDocx, paragraph } from '../fixtures/make-docx';
import { requireTool } from '../support/tools';

const GOOD = makeDocx({ body: paragraph('Bonjour opistoclientnom') });

function errorOf(bytes: Uint8Array): MergeError {
  try {
    compileTemplate(bytes);
  } catch (error) {
    if (error instanceof MergeError) {
      return error;
    }
    throw error;
  }
  throw new Error('compileTemplate accepted the file');
}

function withPart(name: string, content: string | null): Uint8Array {
  const files = unzipSync(GOOD);
  if (content === null) {
    delete files[name];
  } else {
    files[name] = strToU8(content);
  }
  return zipSync(files);
}

describe('unreadable templates', () => {
  test.each([
    ['empty file', new Uint8Array()],
    ['plain text', strToU8('opistoclientnom')],
    ['PNG image', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['truncated zip', GOOD.slice(0, GOOD.length / 2)],
    ['zip with no content types', zipSync({ 'a.txt': strToU8('x') })],
  ])('%s', (_name, bytes) => {
    const error = errorOf(bytes);
    expect(error.code).toBe('template_unreadable');
    expect(error.message).toMatch(/^Le modèle n’est pas un document Word \(\.docx\) lisible\./);
    expect(error.message).toContain('Document Word (*.docx)');
  });

  test('zip of another Office kind', () => {
    const error = errorOf(
      withPart(
        '_rels/.rels',
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
      ),
    );
    expect(error.code).toBe('template_unsupported');
  });

  test('damaged XML names the part', () => {
    const error = errorOf(withPart('word/document.xml', '<w:document><w:body><w:p>'));
    expect(error.code).toBe('template_damaged');
    expect(error.message).toContain('« word/document.xml »');
    expect(error.details.part).toBe('word/document.xml');
  });

  test('Strict Open XML is explained', () => {
    const strict = withPart(
      'word/document.xml',
      '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">' +
        '<w:body/></w:document>',
    );
    const error = errorOf(strict);
    expect(error.code).toBe('template_unsupported');
    expect(error.message).toContain('Strict Open XML');
  });

  test('missing main part', () => {
    expect(errorOf(withPart('word/document.xml', null)).code).toBe('template_unsupported');
  });
});

describe('password-protected document', () => {
  test('is recognised and explained', () => {
    const encrypted = new Uint8Array(encrypt(Buffer.from(GOOD), { password: 'secret' }));
    const error = errorOf(encrypted);
    expect(error.code).toBe('template_encrypted');
    expect(error.message).toContain('protégé par un mot de passe');
  });
});

describe('Word 97-2003 document', () => {
  test('made by LibreOffice is recognised', () => {
    const soffice = requireTool('soffice');
    const dir = mkdtempSync(join(tmpdir(), 'opisto-doc-'));
    writeFileSync(join(dir, 'lettre.docx'), GOOD);
    execFileSync(
      soffice,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'doc',
        '--outdir',
        dir,
        join(dir, 'lettre.docx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );

    const error = errorOf(new Uint8Array(readFileSync(join(dir, 'lettre.doc'))));
    expect(error.code).toBe('template_legacy_doc');
    expect(error.message).toContain('Word 97-2003 (.doc)');
  });
});

describe('crafted zip', () => {
  test('over the size limit is refused', () => {
    // 300 MB of zeros compress to a few hundred kilobytes.
    const bomb = zipSync({ 'huge.bin': new Uint8Array(300 * 1024 * 1024) }, { level: 1 });
    expect(errorOf(bomb).code).toBe('template_unreadable');
  });
});
