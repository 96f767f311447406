// Zip archives that lie about their size, built in memory for the upload tests: one entry whose
// central directory and local header declare a small size while its data inflates to many megabytes
// of zeros. Test-only.
import { constants, deflateRawSync } from "node:zlib";

const MEGABYTE = 1024 * 1024;

/**
 * A raw deflate stream of `megabytes` MiB of zeros. One megabyte compressed on its own and
 * sync-flushed ends on a byte boundary without a final block, so copies of it run on as one stream
 * (none refers back past its own start); an empty final block closes it. Building 5 GB this way takes
 * a few megabytes and no deflating of gigabytes.
 */
export function deflatedZeros(megabytes: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(MEGABYTE), { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: megabytes }, () => piece), end]);
}

/** A one-entry zip (`xl/worksheets/sheet1.xml`) whose headers declare `declaredSize` bytes for `deflated`. */
export function lyingZip(deflated: Buffer, declaredSize: number): Buffer {
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(name.length, 28);
  const directoryOffset = local.length + name.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, name, deflated, central, name, end]);
}
