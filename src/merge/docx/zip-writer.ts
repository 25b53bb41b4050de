/**
 * Writes zip archives from entries that may have been compressed beforehand.
 *
 * fflate's zipSync compresses every entry on each call, and its streaming Zip always adds data
 * descriptors. Letters made from one template share all their parts but a few, so those parts
 * are compressed once per template and their compressed bytes copied into each letter. The
 * archive is laid out as zipSync lays it out: local headers holding the sizes and checksum, the
 * central directory, then its end record.
 */
import { deflateSync, strToU8 } from 'fflate';

/** A file ready to be stored in an archive: compressed, with its checksum and sizes. */
export type ZipEntry = {
  name: string;
  nameBytes: Uint8Array;
  crc: number;
  size: number;
  data: Uint8Array;
};

/** Deflate, the method every zip reader supports, for every entry. */
const DEFLATED = 8;

const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_RECORD_SIZE = 22;

/** Version 2.0: deflate. */
const VERSION_NEEDED = 20;
/** Bit 11 of the flags: the name is UTF-8. */
const UTF8_NAME_FLAG = 0x800;
/** 1 January 1980 at midnight in MS-DOS format, so that the same letter gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/** Compresses one file at zlib's default level (6). */
export function zipEntry(name: string, content: Uint8Array): ZipEntry {
  return {
    name,
    nameBytes: strToU8(name),
    crc: crc32(content),
    size: content.length,
    data: deflateSync(content, { level: 6 }),
  };
}

/** Lays the entries out in the given order as one archive. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const offsets: number[] = [];
  let localSize = 0;
  let centralSize = 0;

  for (const entry of entries) {
    offsets.push(localSize);
    localSize += LOCAL_HEADER_SIZE + entry.nameBytes.length + entry.data.length;
    centralSize += CENTRAL_HEADER_SIZE + entry.nameBytes.length;
  }
  if (entries.length > 0xffff || localSize + centralSize > 0xffffffff) {
    // Zip64 would be needed; no letter comes near 4 GB or 65,535 parts.
    throw new Error(`zip too large: ${entries.length} entries, ${localSize} bytes`);
  }

  const archive = new Uint8Array(localSize + centralSize + END_RECORD_SIZE);
  const view = new DataView(archive.buffer);
  entries.forEach((entry, index) => {
    writeLocalEntry(archive, view, offsets[index] as number, entry);
  });

  let position = localSize;
  entries.forEach((entry, index) => {
    writeCentralHeader(archive, view, position, entry, offsets[index] as number);
    position += CENTRAL_HEADER_SIZE + entry.nameBytes.length;
  });
  writeEndRecord(view, position, entries.length, centralSize, localSize);
  return archive;
}

function writeLocalEntry(archive: Uint8Array, view: DataView, at: number, entry: ZipEntry): void {
  view.setUint32(at, 0x04034b50, true);
  view.setUint16(at + 4, VERSION_NEEDED, true);
  writeCommonFields(view, at + 6, entry);
  view.setUint16(at + 28, 0, true);
  archive.set(entry.nameBytes, at + LOCAL_HEADER_SIZE);
  archive.set(entry.data, at + LOCAL_HEADER_SIZE + entry.nameBytes.length);
}

function writeCentralHeader(
  archive: Uint8Array,
  view: DataView,
  at: number,
  entry: ZipEntry,
  localOffset: number,
): void {
  view.setUint32(at, 0x02014b50, true);
  view.setUint16(at + 4, VERSION_NEEDED, true);
  view.setUint16(at + 6, VERSION_NEEDED, true);
  writeCommonFields(view, at + 8, entry);
  // Extra field, comment, disk number, internal and external attributes: all zero.
  view.setUint16(at + 30, 0, true);
  view.setUint16(at + 32, 0, true);
  view.setUint16(at + 34, 0, true);
  view.setUint16(at + 36, 0, true);
  view.setUint32(at + 38, 0, true);
  view.setUint32(at + 42, localOffset, true);
  archive.set(entry.nameBytes, at + CENTRAL_HEADER_SIZE);
}

/** Writes the fields local and central headers share, from the flags to the name's length. */
function writeCommonFields(view: DataView, at: number, entry: ZipEntry): void {
  const nameIsAscii = entry.nameBytes.length === entry.name.length;
  view.setUint16(at, nameIsAscii ? 0 : UTF8_NAME_FLAG, true);
  view.setUint16(at + 2, DEFLATED, true);
  view.setUint16(at + 4, DOS_TIME, true);
  view.setUint16(at + 6, DOS_DATE, true);
  view.setUint32(at + 8, entry.crc, true);
  view.setUint32(at + 12, entry.data.length, true);
  view.setUint32(at + 16, entry.size, true);
  view.setUint16(at + 20, entry.nameBytes.length, true);
}

function writeEndRecord(
  view: DataView,
  at: number,
  count: number,
  centralSize: number,
  centralOffset: number,
): void {
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 4, 0, true);
  view.setUint16(at + 6, 0, true);
  view.setUint16(at + 8, count, true);
  view.setUint16(at + 10, count, true);
  view.setUint32(at + 12, centralSize, true);
  view.setUint32(at + 16, centralOffset, true);
  view.setUint16(at + 20, 0, true);
}

const CRC_TABLE = makeCrcTable();

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let value = byte;
    for (let bit = 0; bit < 8; bit++) {
      value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    }
    table[byte] = value;
  }
  return table;
}

/** Computes the CRC-32 of zip and PNG (polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index++) {
    crc = (CRC_TABLE[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
