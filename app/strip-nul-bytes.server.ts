import { Transform } from "node:stream";

/**
 * React 18's renderToPipeableStream flushes its whole 2 kB buffer even when TextEncoder stopped
 * short of a multibyte character, so NUL bytes appear in Chinese pages (react#31134; fixed in 19).
 * In UTF-8 a 0x00 byte is only ever U+0000, which our pages never contain (PostgreSQL text cannot
 * store it), so dropping every 0x00 loses nothing.
 */
export function createNulStrippingStream(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}
