// Suggestions for one need at scale (DESIGN §8, target p95 ≤ 30 ms unloaded): suggestOffersForNeed
// in process against a DATA_DIR filled by generate-search-data.ts, one need after another (several
// needs, in turn), after a warm-up. Prints one JSON line; times in ms.
//   DATA_DIR=/tmp/bench-100k node --import tsx bench/generate-search-data.ts --needs 100000 --offers 20000
//   DATA_DIR=/tmp/bench-100k node --import tsx bench/suggest-latency.ts [samples=200]
import { cpus, totalmem } from "node:os";
import { and, count, eq } from "drizzle-orm";
import { loadConfig } from "../app/env.server";
import { findOfferSuggestions } from "../app/domain/matching/suggest-offers.server";
import { needs } from "../db/schema/needs";
import { offers } from "../db/schema/offers";
import { createLogger } from "../server/logger.server";
import { startRuntime } from "../server/runtime.server";

const samples = Number(process.argv[2] ?? 200);
const config = loadConfig({ ...process.env, SEED_DEMO: "false", LOG_LEVEL: "warn" });
const runtime = await startRuntime({ config, logger: createLogger({ level: "warn", destination: 2 }), purpose: "suggest-latency benchmark", syncSearchOnStart: false });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (ms: number) => Math.round(ms * 100) / 100;
try {
  const [needCount] = await runtime.db.select({ n: count() }).from(needs).where(eq(needs.status, "published"));
  const [offerCount] = await runtime.db.select({ n: count() }).from(offers).where(and(eq(offers.status, "open")));
  const sample = await runtime.db.select({ ref: needs.ref }).from(needs).where(eq(needs.status, "published")).limit(20);
  const context = { db: runtime.db, search: runtime.search, logger: runtime.logger, timeoutMs: 5_000 };
  for (let i = 0; i < 20; i++) await findOfferSuggestions(context, sample[i % sample.length]?.ref ?? "");
  const times: number[] = [];
  let degraded = 0;
  let suggested = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const result = await findOfferSuggestions(context, sample[i % sample.length]?.ref ?? "");
    times.push(performance.now() - started);
    if (result.degraded) degraded++;
    suggested += result.suggestions.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      benchmark: "suggest-latency",
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
      driver: runtime.database.driver,
      publishedNeeds: needCount?.n,
      openOffers: offerCount?.n,
      samples,
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      p99: round(percentile(times, 99)),
      meanSuggestions: round(suggested / samples),
      degraded,
    }),
  );
} finally {
  await runtime.stop();
}
