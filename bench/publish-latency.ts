// Publish → searchable (DESIGN §8, target p95 ≤ 1 s): a runtime with its outbox worker running,
// as the web server has it; each sample imports one published need, kicks the worker as a route
// would after its write, and polls the index until the need's ref is there.
//   node --import tsx bench/publish-latency.ts [samples=50] [warmup=50]
// Uses a fresh temp DATA_DIR (PGlite + embedded Meilisearch) unless DATA_DIR / DATABASE_URL /
// MEILI_URL say otherwise. Prints one JSON line; times in ms, from the start of the import.
// A freshly started Meilisearch is slower for its first single-document tasks (up to 0.7 s, then
// ≈ 20 ms; up to 2 s before its indexing memory was capped): the warm-up publishes are measured
// the same way and reported apart, as `cold`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MeilisearchApiError } from "meilisearch";
import { loadConfig } from "../app/env.server";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { NEEDS_INDEX } from "../search/index-settings";
import { createLogger } from "../server/logger.server";
import { startRuntime } from "../server/runtime.server";
import { fakeCase, fakeDocument } from "../tests/factories";

const samples = Number(process.argv[2] ?? 50);
const warmup = Number(process.argv[3] ?? 50);
const tempDir = process.env.DATA_DIR ? null : mkdtempSync(join(tmpdir(), "xiangyun-bench-publish-"));
const config = loadConfig({ ...process.env, DATA_DIR: tempDir ?? process.env.DATA_DIR, LOG_LEVEL: "warn" });
const runtime = await startRuntime({ config, logger: createLogger({ level: "warn" }), purpose: "publish-latency benchmark", runOutboxWorker: true });

async function publish(n: number): Promise<string> {
  const doc = fakeDocument({ cases: 0, offers: 0 });
  doc.cases = [fakeCase(1000 + n, { key: `bench-case-${n}`, needs: [{ key: `bench-need-${n}`, category: "job", title: `寻找仓库搬运工作 ${n}`, story: "希望找到稳定的工作。", skills: [], amount: null, publish: true }] })];
  const parsed = parseImportDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: runtime.db, cipher: runtime.cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  runtime.kickSearch();
  const ref = imported.result.needs[`bench-need-${n}`];
  if (!ref) throw new Error("no ref");
  return ref;
}

async function isIndexed(ref: string): Promise<boolean> {
  try {
    await runtime.search.index(NEEDS_INDEX).getDocument(ref, { fields: ["ref"] });
    return true;
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.response.status === 404) return false;
    throw error;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Publishes `count` needs one after another; returns the times to searchable and to commit. */
async function measure(first: number, count: number): Promise<{ total: number[]; commit: number[] }> {
  const total: number[] = [];
  const commit: number[] = [];
  for (let n = first; n < first + count; n++) {
    const started = performance.now();
    const ref = await publish(n);
    commit.push(performance.now() - started);
    while (!(await isIndexed(ref))) await new Promise((resolve) => setTimeout(resolve, 2));
    total.push(performance.now() - started);
    // Like users, not a batch: let the worker go idle before the next publish.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { total, commit };
}

const round = (ms: number) => Math.round(ms);
function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

try {
  const cold = await measure(0, warmup);
  const warm = await measure(warmup, samples);
  // Time inside Meilisearch (enqueued → finished) of the measured samples' document tasks, to tell
  // the engine's share from the app's.
  const { results: tasks } = await runtime.search.tasks.getTasks({ types: ["documentAdditionOrUpdate"], limit: samples });
  const inEngine = tasks.flatMap((t) => (t.finishedAt ? [new Date(t.finishedAt).getTime() - new Date(t.enqueuedAt).getTime()] : []));
  console.log(
    JSON.stringify({
      benchmark: "publish-latency",
      samples,
      driver: runtime.database.driver,
      ...summary(warm.total),
      importP50: summary(warm.commit).p50,
      meilisearchTask: summary(inEngine),
      cold: { samples: warmup, ...summary(cold.total) },
    }),
  );
} finally {
  await runtime.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
