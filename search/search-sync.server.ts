// Drains the search outbox (DESIGN §4): claim a batch of rows with FOR UPDATE SKIP LOCKED and a
// lease, re-read the current public projections, upsert or delete them in Meilisearch, wait for
// the tasks, and only then mark the rows done. A failure leaves them for a retry with backoff.
// The claim is a short transaction of its own, so no database transaction waits on Meilisearch
// (on PGlite a transaction would hold up every other query).
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { Database } from "../db/client.server";
import { searchOutbox } from "../db/schema/search-outbox";
import { allPublicNeeds, countPublicNeeds, getPublicNeedsByRefs } from "../app/domain/needs/public-needs.server";
import { allListedOffers, countListedOffers, getListedOffersByRefs } from "../app/domain/offers/public-offers.server";
import { NEEDS_INDEX, OFFERS_INDEX, indexName } from "./index-settings";

const LEASE_SECONDS = 60;
const MAX_ATTEMPTS = 12;
const TASK_TIMEOUT_MS = 120_000;

export interface SearchSyncOptions {
  db: Database;
  client: Meilisearch;
  indexPrefix?: string;
  batchSize?: number;
}

/** Processes one batch of due outbox rows; returns how many rows it took. */
export async function drainOutboxBatch(options: SearchSyncOptions): Promise<{ taken: number; failed: number }> {
  const { db } = options;
  const due = db
    .select({ id: searchOutbox.id })
    .from(searchOutbox)
    .where(and(eq(searchOutbox.status, "pending"), lte(searchOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(searchOutbox.id)
    .limit(options.batchSize ?? 500)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(searchOutbox)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, attempts: sql`${searchOutbox.attempts} + 1` })
    .where(inArray(searchOutbox.id, due))
    .returning({ id: searchOutbox.id, entity: searchOutbox.entity, ref: searchOutbox.ref });
  if (!rows.length) return { taken: 0, failed: 0 };

  const ids = rows.map((r) => r.id);
  try {
    await applyToIndex(options, "need", [...new Set(rows.filter((r) => r.entity === "need").map((r) => r.ref))]);
    await applyToIndex(options, "offer", [...new Set(rows.filter((r) => r.entity === "offer").map((r) => r.ref))]);
    await db.update(searchOutbox).set({ status: "done", processedAt: new Date(), lastError: null }).where(inArray(searchOutbox.id, ids));
    return { taken: rows.length, failed: 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Exponential backoff from 2 s up to 10 min; after MAX_ATTEMPTS the row is dead and /healthz says so.
    await db
      .update(searchOutbox)
      .set({
        lastError: message.slice(0, 1000),
        status: sql`case when ${searchOutbox.attempts} >= ${MAX_ATTEMPTS} then 'dead' else 'pending' end`,
        nextAttemptAt: sql`now() + make_interval(secs => least(600, power(2, ${searchOutbox.attempts})::int))`,
      })
      .where(inArray(searchOutbox.id, ids));
    return { taken: rows.length, failed: rows.length };
  }
}

async function applyToIndex(options: SearchSyncOptions, entity: "need" | "offer", refs: string[]): Promise<void> {
  if (!refs.length) return;
  const { db, client } = options;
  const documents = entity === "need" ? await getPublicNeedsByRefs(db, refs) : await getListedOffersByRefs(db, refs);
  const index = client.index(indexName(entity === "need" ? NEEDS_INDEX : OFFERS_INDEX, options.indexPrefix));
  const present = new Set(documents.map((d) => d.ref));
  const gone = refs.filter((ref) => !present.has(ref));
  const tasks = [];
  if (documents.length) tasks.push(await index.addDocuments(documents, { primaryKey: "ref" }));
  if (gone.length) tasks.push(await index.deleteDocuments(gone));
  for (const task of tasks) {
    const done = await client.tasks.waitForTask(task.taskUid, { timeout: TASK_TIMEOUT_MS });
    if (done.status !== "succeeded") throw new Error(`Meilisearch task ${task.taskUid} ${done.status}: ${done.error?.message ?? ""}`);
  }
}

/** Drains every due row; stops early when a batch fails (the rest waits for its backoff). */
export async function drainOutbox(options: SearchSyncOptions): Promise<{ processed: number; failed: number }> {
  let processed = 0;
  for (;;) {
    const { taken, failed } = await drainOutboxBatch(options);
    processed += taken - failed;
    if (failed) return { processed, failed };
    if (!taken) return { processed, failed: 0 };
  }
}

/** Rows still waiting; dead rows counted apart. */
export async function outboxBacklog(db: Database): Promise<{ pending: number; dead: number }> {
  const rows = await db
    .select({ status: searchOutbox.status, n: sql<number>`count(*)::int` })
    .from(searchOutbox)
    .where(inArray(searchOutbox.status, ["pending", "dead"]))
    .groupBy(searchOutbox.status);
  return { pending: rows.find((r) => r.status === "pending")?.n ?? 0, dead: rows.find((r) => r.status === "dead")?.n ?? 0 };
}

/**
 * Initial sync at start-up: when an index holds a different number of documents than the
 * database has public rows (a new Meilisearch, a restored database), push every public row.
 */
export async function syncIndexesIfStale(options: SearchSyncOptions): Promise<{ needs: number; offers: number }> {
  const { db, client } = options;
  const startedAt = new Date();
  const pushed = { needs: 0, offers: 0 };
  const plans = [
    { base: NEEDS_INDEX, expected: await countPublicNeeds(db), all: () => allPublicNeeds(db), key: "needs" as const },
    { base: OFFERS_INDEX, expected: await countListedOffers(db), all: () => allListedOffers(db), key: "offers" as const },
  ];
  for (const plan of plans) {
    const index = client.index(indexName(plan.base, options.indexPrefix));
    const stats = await index.getStats();
    if (stats.numberOfDocuments === plan.expected) continue;
    const cleared = await index.deleteAllDocuments();
    await client.tasks.waitForTask(cleared.taskUid, { timeout: TASK_TIMEOUT_MS });
    for await (const batch of plan.all()) {
      const task = await index.addDocuments(batch, { primaryKey: "ref" });
      const done = await client.tasks.waitForTask(task.taskUid, { timeout: TASK_TIMEOUT_MS });
      if (done.status !== "succeeded") throw new Error(`initial sync of ${plan.base} failed: ${done.error?.message ?? done.status}`);
      pushed[plan.key] += batch.length;
    }
    // Rows of this entity queued before the full push are already reflected in it.
    const entity = plan.key === "needs" ? "need" : "offer";
    await db
      .update(searchOutbox)
      .set({ status: "done", processedAt: new Date() })
      .where(and(eq(searchOutbox.status, "pending"), eq(searchOutbox.entity, entity), lte(searchOutbox.createdAt, startedAt)));
  }
  return pushed;
}
