// Evaluation of suggestOffersForNeed on the labelled set (bench/matching-eval/): imports it into a
// fresh PGlite and a real Meilisearch, asks for each need's top 5 and prints one JSON document:
// nDCG@5 (graded labels 2 / 1), precision@1 (the first is labelled), recall@5 (labelled offers in
// the top 5 over all labelled, capped at 5) and forbidden suggestions (must be 0).
//   node --import tsx bench/matching-eval.ts
import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { findOfferSuggestions } from "../app/domain/matching/suggest-offers.server";
import { openDatabase } from "../db/client.server";
import { migrateDatabase } from "../db/migrate.server";
import { createSearchClient } from "../search/client.server";
import { ensureIndexes } from "../search/ensure-indexes.server";
import { startMeilisearch } from "../search/meili-process.server";
import { drainOutbox } from "../search/search-sync.server";
import { createTestCipher } from "../tests/identity";

const dir = new URL("matching-eval/", import.meta.url);
const labels: Record<string, Record<string, number>> = JSON.parse(readFileSync(new URL("labels.json", dir), "utf8"));
const forbidden: [string, string][] = JSON.parse(readFileSync(new URL("forbidden.json", dir), "utf8"));
const parsed = parseImportDocument(JSON.parse(readFileSync(new URL("eval-set.json", dir), "utf8")));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 5)));

const database = await openDatabase({ driver: "pglite", dataDir: mkdtempSync(join(tmpdir(), "xiangyun-eval-db-")) });
const meili = await startMeilisearch({ dataDir: mkdtempSync(join(tmpdir(), "xiangyun-eval-meili-")) });
try {
  await migrateDatabase(database);
  const search = createSearchClient({ url: meili.url, apiKey: meili.masterKey });
  await ensureIndexes(search);
  const imported = await importDocument({ db: database.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 5)));
  await drainOutbox({ db: database.db, client: search });

  const forbiddenOf = new Map<string, Set<string>>();
  for (const [need, offer] of forbidden) forbiddenOf.set(need, (forbiddenOf.get(need) ?? new Set()).add(offer));
  const dcg = (gains: number[]) => gains.reduce((sum, gain, i) => sum + (2 ** gain - 1) / Math.log2(i + 2), 0);
  let ndcg = 0;
  let p1 = 0;
  let recall = 0;
  let degraded = 0;
  const forbiddenHits: [string, string][] = [];
  const misses: Record<string, string[]> = {};
  const needKeys = Object.keys(imported.result.needs);
  for (const needKey of needKeys) {
    const { suggestions, degraded: isDegraded } = await findOfferSuggestions({ db: database.db, search, timeoutMs: 5_000 }, needKey, { limit: 5 });
    if (isDegraded) degraded++;
    const keys = suggestions.map((s) => s.importKey ?? s.offer.ref);
    const graded = labels[needKey] ?? {};
    const gains = keys.map((key) => graded[key] ?? 0);
    const ideal = Object.values(graded).sort((a, b) => b - a).slice(0, 5);
    ndcg += ideal.length ? dcg(gains) / dcg(ideal) : keys.length ? 0 : 1;
    p1 += (gains[0] ?? 0) > 0 ? 1 : 0;
    const relevant = Object.keys(graded);
    recall += relevant.length ? keys.filter((k) => relevant.includes(k)).length / Math.min(5, relevant.length) : 1;
    for (const key of keys) if (forbiddenOf.get(needKey)?.has(key)) forbiddenHits.push([needKey, key]);
    if ((gains[0] ?? 0) === 0) misses[needKey] = keys;
  }
  const n = needKeys.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  console.log(
    JSON.stringify(
      { benchmark: "matching-eval", date: new Date().toISOString(), needs: n, offers: Object.keys(imported.result.offers).length, ndcgAt5: round(ndcg / n), precisionAt1: round(p1 / n), recallAt5: round(recall / n), forbidden: forbiddenHits.length, forbiddenHits, degraded, firstMisses: misses },
      null,
      2,
    ),
  );
} finally {
  await meili.stop();
  await database.close();
}
