import { randomBytes } from 'node:crypto';
import { crc32 as nodeCrc32, inflateRawSync } from 'node:zlib';

import { strFromU8, strToU8, unzipSync } from 'fflate';

import { crc32, writeZip, zipEntry } from '../../src/merge/docx/zip-writer';

type LocalHeader = { flags: number; method: number; crc: number; name: string; data: Buffer };

/** Reads the local headers one after the other, as a streaming reader would. */
function readLocalHeaders(archive: Uint8Array): LocalHeader[] {
  const bytes = Buffer.from(archive);
  const headers: LocalHeader[] = [];
  let at = 0;

  while (bytes.readUInt32LE(at) === 0x04034b50) {
    const compressedSize = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extraLength = bytes.readUInt16LE(at + 28);
    const dataStart = at + 30 + nameLength + extraLength;
    headers.push({
      flags: bytes.readUInt16LE(at + 6),
      method: bytes.readUInt16LE(at + 8),
      crc: bytes.readUInt32LE(at + 14),
      name: bytes.toString('utf8', at + 30, at + 30 + nameLength),
      data: bytes.subarray(dataStart, dataStart + compressedSize),
    });
    at = dataStart + compressedSize;
  }
  return headers;
}

describe('crc32', () => {
  test('matches the standard check value', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
  });

  test('agrees with zlib on random data', () => {
    for (const size of [0, 1, 255, 4096, 100_003]) {
      const data = randomBytes(size);
      expect(crc32(data)).toBe(nodeCrc32(data));
    }
  });
});

describe('writeZip', () => {
  const files: [string, Uint8Array][] = [
    ['[Content_Types].xml', strToU8('<Types/>')],
    ['word/document.xml', strToU8('<w:document>'.padEnd(20_000, 'x'))],
    ['word/média/é.png', randomBytes(3000)],
    ['vide.txt', new Uint8Array(0)],
  ];
  const archive = writeZip(files.map(([name, content]) => zipEntry(name, content)));

  test('reads back whole with fflate', () => {
    const read = unzipSync(archive);

    expect(Object.keys(read)).toEqual(files.map(([name]) => name));
    for (const [name, content] of files) {
      expect(Buffer.from(read[name] as Uint8Array).equals(Buffer.from(content))).toBe(true);
    }
  });

  test('local headers hold sizes and checksums', () => {
    const headers = readLocalHeaders(archive);

    expect(headers.map((header) => header.name)).toEqual(files.map(([name]) => name));
    headers.forEach((header, index) => {
      const content = (files[index] as [string, Uint8Array])[1];
      expect(header.method).toBe(8);
      expect(header.flags & 0x8).toBe(0);
      expect(header.crc).toBe(nodeCrc32(content));
      expect(inflateRawSync(header.data).equals(Buffer.from(content))).toBe(true);
    });
  });

  test('flags only UTF-8 names', () => {
    const flags = readLocalHeaders(archive).map((header) => header.flags & 0x800);
    expect(flags).toEqual([0, 0, 0x800, 0]);
  });

  test('end record points at the directory', () => {
    const bytes = Buffer.from(archive);
    const end = bytes.length - 22;
    const directoryOffset = bytes.readUInt32LE(end + 16);

    expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
    expect(bytes.readUInt16LE(end + 10)).toBe(files.length);
    expect(bytes.readUInt32LE(directoryOffset)).toBe(0x02014b50);
    expect(directoryOffset + bytes.readUInt32LE(end + 12)).toBe(end);
  });

  test('same files give same bytes', () => {
    const again = writeZip(files.map(([name, content]) => zipEntry(name, content)));
    expect(Buffer.from(again).equals(Buffer.from(archive))).toBe(true);
  });

  test('shares one entry between archives', () => {
    const shared = zipEntry('commun.xml', strToU8('<commun/>'));
    const first = unzipSync(writeZip([shared, zipEntry('a.xml', strToU8('<a/>'))]));
    const second = unzipSync(writeZip([shared, zipEntry('b.xml', strToU8('<b/>'))]));

    expect(strFromU8(first['commun.xml'] as Uint8Array)).toBe('<commun/>');
    expect(strFromU8(second['commun.xml'] as Uint8Array)).toBe('<commun/>');
    expect(Object.keys(second)).toEqual(['commun.xml', 'b.xml']);
  });
});
