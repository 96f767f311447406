// Preloaded by bench/memory.ts into the server it measures: on each SIGUSR2 it writes what holds
// the process's memory to BENCH_MEMORY_PROBE as one JSON document — V8's heap (used, total, per
// space), memory outside it (external, array buffers) and the size of every WebAssembly memory (PGlite's
// WASM heap, which only grows). With BENCH_HEAP_SNAPSHOT_DIR it also writes a heap snapshot there.
// Plain JavaScript (types in JSDoc): the server it measures runs without tsx, as `npm start` runs it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import v8 from "node:v8";

const file = process.env.BENCH_MEMORY_PROBE;
if (!file) throw new Error("BENCH_MEMORY_PROBE names the file the figures are written to");
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;

// Every WebAssembly memory created from now on, so its size can be read without reaching into PGlite.
/** @type {WeakRef<WebAssembly.Memory>[]} */
const memories = [];
const Original = WebAssembly.Memory;
class TrackedMemory extends Original {
  /** @param {WebAssembly.MemoryDescriptor} descriptor */
  constructor(descriptor) {
    super(descriptor);
    memories.push(new WeakRef(this));
  }
}
Object.defineProperty(WebAssembly, "Memory", { value: TrackedMemory, writable: true, configurable: true });

/** @param {number} bytes */
const mb = (bytes) => Math.round(bytes / 2 ** 20);
let probes = 0;
process.on("SIGUSR2", () => {
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, { usedMb: mb(s.space_used_size), sizeMb: mb(s.space_size) }]));
  const wasmMb = memories.flatMap((ref) => {
    const memory = ref.deref();
    return memory ? [mb(memory.buffer.byteLength)] : [];
  });
  const figures = {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    heapLimitMb: mb(v8.getHeapStatistics().heap_size_limit),
    wasmMb,
    spaces,
    snapshot: snapshotDir ? v8.writeHeapSnapshot(join(snapshotDir, `server-${process.pid}-${++probes}.heapsnapshot`)) : undefined,
  };
  writeFileSync(file, JSON.stringify(figures));
});
