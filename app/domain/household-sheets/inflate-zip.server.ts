// Unpacks an uploaded .xlsx (a zip archive) while counting the bytes that actually come out, and
// stops the moment they pass the limit. The sizes an archive declares are the sender's word: an
// entry declaring 1,000 bytes may inflate to gigabytes, so they are never trusted for the limit.
// The workbook reader is then given a stored (uncompressed) copy of exactly the bytes counted here,
// so it cannot read anything this module did not measure, whatever tricks the original holds.
import { promisify } from "node:util";
import { crc32, inflateRaw } from "node:zlib";

const inflateRawAsync = promisify(inflateRaw);

const LOCAL_HEADER = 0x04034b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x0001;
const UTF8_NAME_FLAG = 0x0800;
/** A workbook has some tens of parts; thousands of entries are not a spreadsheet. */
const MAX_ENTRIES = 1_000;

export interface ZipEntry {
  /** The entry's name as the archive spells it (bytes, since a name is not always UTF-8). */
  name: Uint8Array;
  isUtf8Name: boolean;
  data: Buffer;
}

export type InflateProblem = { problem: "unreadable" } | { problem: "too-large-unpacked" };

/** Every entry of a zip archive, inflated; refused as soon as their total passes maxBytes. */
export async function inflateZip(bytes: Uint8Array, maxBytes: number): Promise<{ entries: ZipEntry[] } | InflateProblem> {
  const directory = readDirectory(bytes);
  if (!directory) return { problem: "unreadable" };
  const entries: ZipEntry[] = [];
  let total = 0;
  for (const entry of directory) {
    const remaining = maxBytes - total;
    const data = await inflateEntry(bytes, entry, remaining);
    if ("problem" in data) return data;
    total += data.data.length;
    entries.push({ name: entry.name, isUtf8Name: entry.isUtf8Name, data: data.data });
  }
  return { entries };
}

interface DirectoryEntry {
  name: Uint8Array;
  isUtf8Name: boolean;
  method: number;
  crc: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

function readDirectory(bytes: Uint8Array): DirectoryEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of up to 65,535 bytes, at the very end of the file.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  // 0xFFFF / 0xFFFFFFFF mean a ZIP64 archive; no spreadsheet of households needs one.
  if (count === 0xffff || offset === 0xffffffff || count > MAX_ENTRIES) return null;
  const entries: DirectoryEntry[] = [];
  const seen = new Set<string>();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== DIRECTORY_ENTRY) return null;
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const key = Buffer.from(name).toString("latin1");
    // Two entries of one name would leave the reader to pick one; a real workbook never has them.
    if ((flags & ENCRYPTED_FLAG) !== 0 || seen.has(key)) return null;
    seen.add(key);
    entries.push({
      name,
      isUtf8Name: (flags & UTF8_NAME_FLAG) !== 0,
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      declaredSize: view.getUint32(offset + 24, true),
      localOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return entries;
}

async function inflateEntry(bytes: Uint8Array, entry: DirectoryEntry, remaining: number): Promise<{ data: Buffer } | InflateProblem> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_HEADER) return { problem: "unreadable" };
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) return { problem: "unreadable" };
  const packed = bytes.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  if (entry.method === STORED) {
    if (packed.length > remaining) return { problem: "too-large-unpacked" };
    data = Buffer.from(packed);
  } else if (entry.method === DEFLATED) {
    try {
      // zlib stops and fails as soon as its output passes maxOutputLength, so at most the limit
      // (and one chunk) is ever held, however much the entry would inflate to.
      data = await inflateRawAsync(packed, { maxOutputLength: Math.max(1, remaining) });
    } catch (error) {
      if (error instanceof RangeError && "code" in error && error.code === "ERR_BUFFER_TOO_LARGE") return { problem: "too-large-unpacked" };
      return { problem: "unreadable" };
    }
    if (data.length > remaining) return { problem: "too-large-unpacked" };
  } else {
    return { problem: "unreadable" };
  }
  // A size or checksum other than declared: a damaged or doctored file.
  if (data.length !== entry.declaredSize || crc32(data) !== entry.crc) return { problem: "unreadable" };
  return { data };
}

/** An uncompressed zip archive of the given entries, to hand a reader bytes already measured. */
export function storeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const flags = entry.isUtf8Name ? UTF8_NAME_FLAG : 0;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(STORED, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(entry.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(DIRECTORY_ENTRY, 0);
    central.writeUInt16LE(10, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(STORED, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(entry.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, entry.name, entry.data);
    directory.push(central, entry.name);
    offset += 30 + entry.name.length + entry.data.length;
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}
