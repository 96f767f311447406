// Drains the search outbox (DESIGN §4): claim a batch of rows with FOR UPDATE SKIP LOCKED and a
// lease, re-read the current public projections, upsert or delete them in Meilisearch, wait for
// the tasks, and only then mark the rows done. A failure leaves them for a retry with backoff.
// The claim is a short transaction of its own, so no database transaction waits on Meilisearch
// (on PGlite a transaction would hold up every other query).
import type { SQL } from "drizzle-orm";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import { MeilisearchApiError, MeilisearchRequestError, MeilisearchTaskTimeOutError } from "meilisearch";
import type { Database } from "../db/client.server";
import { searchOutbox } from "../db/schema/search-outbox";
import { getPublicNeedsByRefs } from "../app/domain/needs/public-needs.server";
import { getListedOffersByRefs } from "../app/domain/offers/public-offers.server";
import type { NeedDocument, OfferDocument } from "./index-documents";
import { toOfferDocument } from "./index-documents";
import { needDocumentsOf } from "./need-documents.server";
import { NEEDS_INDEX, OFFERS_INDEX, indexName } from "./index-settings";

const LEASE_SECONDS = 60;
const MAX_ATTEMPTS = 12;
const TASK_TIMEOUT_MS = 120_000;
// Meilisearch answers a task poll in well under a millisecond over loopback; the client's default
// of 50 ms would be most of the publish → searchable time.
const TASK_POLL_MS = 10;
// Backoff caps: a Meilisearch that is down or restarting is retried often, so the outbox catches up
// within seconds of its return; an error it answered with is retried slowly and ends as dead.
const UNREACHABLE_BACKOFF_CAP_SECONDS = 10;
const REJECTED_BACKOFF_CAP_SECONDS = 600;
// Each round re-applies refs whose projection changed while they were being written.
const MAX_ROUNDS = 3;

export interface SearchSyncOptions {
  db: Database;
  client: Meilisearch;
  indexPrefix?: string;
  batchSize?: number;
}

type Entity = "need" | "offer";

/** Processes one batch of due outbox rows; returns how many rows it took and how many failed. */
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
    .returning({ id: searchOutbox.id, entity: searchOutbox.entity, ref: searchOutbox.ref, attempts: searchOutbox.attempts });
  if (!rows.length) return { taken: 0, failed: 0 };

  // The attempt number is the lease token: when a lease ran out and another worker claimed the row
  // again, only that worker's outcome is recorded (a late failure must not undo its success).
  // Two array parameters, not hundreds of row literals: a 500-tuple IN list made PGlite plan the
  // second batch's update so badly that it blocked the process for minutes.
  const ids = `{${rows.map((r) => String(r.id)).join(",")}}`;
  const attempts = `{${rows.map((r) => r.attempts).join(",")}}`;
  const claimed = and(
    eq(searchOutbox.status, "pending"),
    sql`(${searchOutbox.id}, ${searchOutbox.attempts}) in (select * from unnest(${ids}::bigint[], ${attempts}::int[]))`,
  );
  try {
    await applyToIndex(options, "need", refsOf(rows, "need"));
    await applyToIndex(options, "offer", refsOf(rows, "offer"));
    await db.update(searchOutbox).set({ status: "done", processedAt: sql`now()`, lastError: null }).where(claimed);
    return { taken: rows.length, failed: 0 };
  } catch (error) {
    await recordFailure(db, claimed, error);
    return { taken: rows.length, failed: rows.length };
  }
}

function refsOf(rows: { entity: Entity; ref: string }[], entity: Entity): string[] {
  return [...new Set(rows.filter((r) => r.entity === entity).map((r) => r.ref))];
}

async function recordFailure(db: Database, claimed: SQL | undefined, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const isTransient = isUnreachable(error);
  const cap = isTransient ? UNREACHABLE_BACKOFF_CAP_SECONDS : REJECTED_BACKOFF_CAP_SECONDS;
  // Only errors that waiting cannot fix count towards dead: an outage of any length loses nothing.
  const isDead = isTransient ? sql`false` : sql`${searchOutbox.attempts} >= ${MAX_ATTEMPTS}`;
  await db
    .update(searchOutbox)
    .set({
      lastError: message.slice(0, 1000),
      status: sql`case when ${isDead} then 'dead' else 'pending' end`,
      // In float: an outage of hours takes attempts past 31, where 2^attempts overflows an int.
      nextAttemptAt: sql`now() + make_interval(secs => least(${cap}::float8, power(2, ${searchOutbox.attempts})))`,
      processedAt: sql`case when ${isDead} then now() else null end`,
    })
    .where(claimed);
}

/** Meilisearch down, restarting, overloaded or slow: worth retrying soon, never a reason to give up. */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchTaskTimeOutError) return true;
  if (error instanceof ProjectionChurnError) return true;
  return error instanceof MeilisearchApiError && error.response.status >= 500;
}

class ProjectionChurnError extends Error {}
class TaskFailedError extends Error {}

/**
 * Brings the index in line with the current projections of `refs`. Another instance may have
 * written a newer version of the same ref just before our older read landed (Meilisearch applies
 * tasks in order of arrival), so after the write the versions are read again and any ref that
 * moved meanwhile is written once more.
 */
async function applyToIndex(options: SearchSyncOptions, entity: Entity, refs: string[]): Promise<void> {
  let pending = refs;
  for (let round = 1; pending.length; round++) {
    if (round > MAX_ROUNDS) throw new ProjectionChurnError(`${entity}s kept changing while being indexed: ${pending.slice(0, 5).join(", ")}`);
    const written = await writeCurrent(options, entity, pending);
    const now = versionsOf(await readProjections(options.db, entity, pending));
    pending = pending.filter((ref) => now.get(ref) !== written.get(ref));
  }
}

function readProjections(db: Database, entity: Entity, refs: string[]) {
  return entity === "need" ? getPublicNeedsByRefs(db, refs) : getListedOffersByRefs(db, refs);
}

/** The index documents of the public ones among `refs`: projection plus the index's sort fields. */
async function readDocuments(db: Database, entity: Entity, refs: string[]): Promise<(NeedDocument | OfferDocument)[]> {
  return entity === "need" ? needDocumentsOf(db, await getPublicNeedsByRefs(db, refs)) : (await getListedOffersByRefs(db, refs)).map(toOfferDocument);
}

function versionsOf(documents: { ref: string; version: number }[]): Map<string, number> {
  return new Map(documents.map((d) => [d.ref, d.version]));
}

/** Upserts the public ones, deletes the rest; returns the versions written (absent = deleted). */
async function writeCurrent(options: SearchSyncOptions, entity: Entity, refs: string[]): Promise<Map<string, number>> {
  const { db, client } = options;
  const documents = await readDocuments(db, entity, refs);
  const index = client.index(indexName(entity === "need" ? NEEDS_INDEX : OFFERS_INDEX, options.indexPrefix));
  const written = versionsOf(documents);
  const gone = refs.filter((ref) => !written.has(ref));
  const tasks = [];
  if (documents.length) tasks.push(await index.addDocuments(documents, { primaryKey: "ref" }));
  if (gone.length) tasks.push(await index.deleteDocuments(gone));
  for (const task of tasks) {
    const done = await client.tasks.waitForTask(task.taskUid, { timeout: TASK_TIMEOUT_MS, interval: TASK_POLL_MS });
    if (done.status !== "succeeded") throw new TaskFailedError(`Meilisearch task ${task.taskUid} ${done.status}: ${done.error?.message ?? ""}`);
  }
  return written;
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

export interface OutboxBacklog {
  pending: number;
  dead: number;
  /** The error message of the newest dead row (no document data), for /healthz. */
  lastError: string | null;
}

/** Rows still waiting; dead rows counted apart, with the newest one's error. */
export async function outboxBacklog(db: Database): Promise<OutboxBacklog> {
  const rows = await db
    .select({ status: searchOutbox.status, n: sql<number>`count(*)::int` })
    .from(searchOutbox)
    .where(inArray(searchOutbox.status, ["pending", "dead"]))
    .groupBy(searchOutbox.status);
  const pending = rows.find((r) => r.status === "pending")?.n ?? 0;
  const dead = rows.find((r) => r.status === "dead")?.n ?? 0;
  if (!dead) return { pending, dead, lastError: null };
  const [newest] = await db
    .select({ lastError: searchOutbox.lastError })
    .from(searchOutbox)
    .where(eq(searchOutbox.status, "dead"))
    .orderBy(desc(searchOutbox.id))
    .limit(1);
  return { pending, dead, lastError: newest?.lastError?.slice(0, 300) ?? null };
}
