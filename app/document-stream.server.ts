import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";

/**
 * Where renderToPipeableStream writes a document: what React writes between two of its flushes
 * leaves as one chunk, without NUL bytes.
 *
 * React writes in 2 kB pieces and calls `flush()` on its destination once it has written all it
 * can for now (the shell; later each Suspense boundary that resolves). Remix's response writer
 * flushes the response after every chunk it reads, so with compression every 2 kB piece was
 * compressed and sent on its own. Gathered, a page is one write and one compressed block per React
 * flush, and the stream keeps React's pace.
 *
 * React 18 flushes its whole 2 kB buffer even when TextEncoder stopped short of a multibyte
 * character, so NUL bytes appear in Chinese pages (react#31134; fixed in 19). In UTF-8 a 0x00 byte
 * is only ever U+0000, which our pages never contain (PostgreSQL text cannot store it), so dropping
 * every 0x00 loses nothing.
 */
export class DocumentStream extends Transform {
  #pending: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#pending.push(chunk.includes(0) ? withoutNulBytes(chunk) : chunk);
    done();
  }

  /** What React calls when it has written all it can for now. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const written = this.#pending.length === 1 && this.#pending[0] ? this.#pending[0] : Buffer.concat(this.#pending);
    this.#pending = [];
    this.push(written);
  }

  override _flush(done: TransformCallback): void {
    this.flush();
    done();
  }
}

/** The bytes between the NUL bytes, copied once. */
function withoutNulBytes(chunk: Buffer): Buffer {
  const kept: Buffer[] = [];
  let from = 0;
  for (let at = chunk.indexOf(0); at !== -1; at = chunk.indexOf(0, from)) {
    kept.push(chunk.subarray(from, at));
    from = at + 1;
  }
  kept.push(chunk.subarray(from));
  return Buffer.concat(kept);
}
