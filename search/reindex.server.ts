// A full rebuild of the search indexes from PostgreSQL (DESIGN §4): fresh indexes are filled under
// temporary names while the live ones keep answering, then swapped in by one Meilisearch task.
//
// Outbox rows written meanwhile must survive the swap. A worker (here or on another instance) may
// apply a change to the live index during the build; that index is then swapped away and deleted.
// Every change reaches the build unless it committed after the build read its row, and such a
// change has an outbox row that is either still pending at the swap (it applies to the new index
// later) or was processed after the build started: those rows are queued again after the swap.
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { Database } from "../db/client.server";
import { searchOutbox } from "../db/schema/search-outbox";
import { allPublicNeeds, countPublicNeeds } from "../app/domain/needs/public-needs.server";
import { allListedOffers, countListedOffers } from "../app/domain/offers/public-offers.server";
import { ensureIndexes } from "./ensure-indexes.server";
import { NEED_DOCUMENT_FIELDS, OFFER_DOCUMENT_FIELDS, toOfferDocument } from "./index-documents";
import { needDocumentsOf } from "./need-documents.server";
import { NEEDS_INDEX, OFFERS_INDEX, indexName } from "./index-settings";

const TASK_TIMEOUT_MS = 10 * 60_000;
const TEMP_PREFIX = "reindex";
// A build that has not swapped in this long crashed: its temporary indexes may be removed.
const ABANDONED_AFTER_MS = 60 * 60_000;

export interface ReindexOptions {
  db: Database;
  client: Meilisearch;
  indexPrefix?: string;
}

export interface ReindexResult {
  needs: number;
  offers: number;
  /** Outbox rows queued again because they may have been applied to the index swapped away. */
  requeued: number;
}

/** Rebuilds both indexes from the database and swaps them in atomically. */
export async function reindexSearch(options: ReindexOptions): Promise<ReindexResult> {
  const { db, client } = options;
  await removeAbandonedBuilds(client, options.indexPrefix);
  await ensureIndexes(client, { indexPrefix: options.indexPrefix });

  // Read before the first projection row: the outbox rows processed from here on are suspect.
  const buildStartedAt = await databaseNow(db);
  // Unique per build, so two instances rebuilding at once never share a temporary index.
  const tag = `${TEMP_PREFIX}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const tempPrefix = options.indexPrefix ? `${tag}_${options.indexPrefix}` : tag;
  const pairs = [NEEDS_INDEX, OFFERS_INDEX].map((base) => ({ live: indexName(base, options.indexPrefix), temp: indexName(base, tempPrefix) }));
  try {
    await ensureIndexes(client, { indexPrefix: tempPrefix, taskTimeoutMs: TASK_TIMEOUT_MS });
    const needs = await fill(client, indexName(NEEDS_INDEX, tempPrefix), allPublicNeeds(db), (batch) => needDocumentsOf(db, batch));
    const offers = await fill(client, indexName(OFFERS_INDEX, tempPrefix), allListedOffers(db), async (batch) => batch.map(toOfferDocument));

    const swapped = await client.swapIndexes(pairs.map(({ live, temp }) => ({ indexes: [live, temp], rename: false }))).waitTask({ timeout: TASK_TIMEOUT_MS });
    if (swapped.status !== "succeeded") throw new Error(`index swap ${swapped.status}: ${swapped.error?.message ?? ""}`);

    const requeued = await requeueSince(db, buildStartedAt);
    return { needs, offers, requeued };
  } finally {
    // After the swap the temporary names hold the old indexes; before it, a half-built one.
    for (const { temp } of pairs) await client.deleteIndex(temp).waitTask({ timeout: TASK_TIMEOUT_MS }).catch(() => undefined);
  }
}

async function fill<P, D extends { ref: string }>(client: Meilisearch, uid: string, batches: AsyncGenerator<P[]>, toDocuments: (batch: P[]) => Promise<D[]>): Promise<number> {
  const index = client.index(uid);
  let count = 0;
  for await (const batch of batches) {
    const task = await index.addDocuments(await toDocuments(batch), { primaryKey: "ref" }).waitTask({ timeout: TASK_TIMEOUT_MS });
    if (task.status !== "succeeded") throw new Error(`filling ${uid} failed: ${task.error?.message ?? task.status}`);
    count += batch.length;
  }
  return count;
}

/** The database's clock as text, so the comparison with processed_at keeps its microseconds. */
async function databaseNow(db: Database): Promise<string> {
  const [row] = await db.select({ now: sql<string>`now()::text` }).from(sql`(select 1) as clock`);
  if (!row) throw new Error("the database did not answer now()");
  return row.now;
}

const BATCH = 500;

/**
 * Queues again every ref whose outbox row was processed after the build started, or is claimed
 * right now (pending after an attempt): the worker may have applied it to the old index. Dead rows
 * older than the build are resolved by it: their current state is in the new index.
 */
async function requeueSince(db: Database, buildStartedAt: string): Promise<number> {
  const since = sql`${buildStartedAt}::timestamptz`;
  const suspect = await db
    .selectDistinct({ entity: searchOutbox.entity, ref: searchOutbox.ref })
    .from(searchOutbox)
    .where(or(sql`${searchOutbox.processedAt} >= ${since}`, and(eq(searchOutbox.status, "pending"), gt(searchOutbox.attempts, 0))));
  // New rows rather than resetting old ones: a worker holding one of those still records its own
  // outcome, and the new row is applied after it either way.
  for (let i = 0; i < suspect.length; i += BATCH) await db.insert(searchOutbox).values(suspect.slice(i, i + BATCH));
  await db
    .update(searchOutbox)
    .set({ status: "done", processedAt: sql`now()`, lastError: sql`'resolved by reindex: ' || coalesce(${searchOutbox.lastError}, '')` })
    .where(and(eq(searchOutbox.status, "dead"), or(isNull(searchOutbox.processedAt), sql`${searchOutbox.processedAt} < ${since}`)));
  return suspect.length;
}

async function removeAbandonedBuilds(client: Meilisearch, indexPrefix: string | undefined): Promise<void> {
  const suffixes = [NEEDS_INDEX, OFFERS_INDEX].map((base) => `_${indexName(base, indexPrefix)}`);
  const { results } = await client.getRawIndexes({ limit: 1000 });
  for (const index of results) {
    const isTemporary = index.uid.startsWith(TEMP_PREFIX) && suffixes.some((suffix) => index.uid.endsWith(suffix));
    if (isTemporary && Date.now() - new Date(index.createdAt).getTime() > ABANDONED_AFTER_MS) {
      await client.deleteIndex(index.uid).waitTask({ timeout: TASK_TIMEOUT_MS });
    }
  }
}

/**
 * Start-up check: rebuilds (by reindexSearch, so the site keeps answering) when an index holds a
 * different number of documents than the database has public rows (a new Meilisearch, a restored
 * database), or when its documents have other fields than the index document (the projection
 * changed since they were written). Returns null when both indexes look current.
 */
export async function syncIndexesIfStale(options: ReindexOptions): Promise<(ReindexResult & { reason: string }) | null> {
  const { db, client } = options;
  const checks = [
    { base: NEEDS_INDEX, expected: await countPublicNeeds(db), fields: NEED_DOCUMENT_FIELDS },
    { base: OFFERS_INDEX, expected: await countListedOffers(db), fields: OFFER_DOCUMENT_FIELDS },
  ];
  for (const check of checks) {
    const index = client.index(indexName(check.base, options.indexPrefix));
    const { numberOfDocuments } = await index.getStats();
    let reason: string | null = null;
    if (numberOfDocuments !== check.expected) {
      reason = `${check.base}: ${numberOfDocuments} documents in the index, ${check.expected} in the database`;
    } else if (numberOfDocuments > 0) {
      // The documents route returns every stored field, whatever displayedAttributes hides.
      const { results } = await index.getDocuments({ limit: 1 });
      const sample = results[0];
      const differing = sample ? fieldDifference(Object.keys(sample), check.fields) : [];
      if (differing.length) reason = `${check.base}: documents differ from the projection in ${differing.join(", ")}`;
    }
    if (reason) return { ...(await reindexSearch(options)), reason };
  }
  return null;
}

/** Fields in one list but not the other, either way. */
export function fieldDifference(stored: readonly string[], projection: readonly string[]): string[] {
  const a = new Set(stored);
  const b = new Set(projection);
  return [...[...a].filter((f) => !b.has(f)), ...[...b].filter((f) => !a.has(f))].sort();
}
