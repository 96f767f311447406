// Links committed ledger transactions into the hash chain (ADR 010). Writers commit unsealed, so
// their commits share WAL flushes; then they call `sealLedger`, which runs the database's sealer
// (`ledger_seal_pending`) in a transaction of its own. Calls made while a seal runs share the next
// one, so many commits are sealed by one database transaction, under the chain head's lock, in a
// fixed order. The runtime also seals on a timer, for commits whose process stopped before sealing.
import { sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Database, Transaction } from "../../../db/client.server";
import { executeRows } from "../../../db/client.server";

/** At most this many transactions per sealing database transaction; the sealer loops until the tail is sealed. */
const SEAL_BATCH = 500;

const sealedRow = z.object({ sealed: z.coerce.number() });

interface SealQueue {
  /** The last seal started or waiting: the next one starts after it. */
  tail: Promise<unknown>;
  /** A seal that has not started yet: a caller arriving now is sealed by it. */
  queued: Promise<number> | null;
}

const queues = new WeakMap<Database, SealQueue>();

async function sealOnce(db: Database | Transaction): Promise<number> {
  const [row] = await executeRows(db, sealedRow, sql`select ledger_seal_pending(${SEAL_BATCH}) as sealed`);
  return row?.sealed ?? 0;
}

async function sealAll(db: Database | Transaction): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await sealOnce(db);
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

/**
 * Seals every ledger transaction committed before the call; answers how many this call's seal
 * linked (others' included). Inside a database transaction it seals there, its own rows included.
 */
export function sealLedger(db: Database): Promise<number> {
  if (db instanceof PgTransaction) return sealAll(db);
  let queue = queues.get(db);
  if (!queue) {
    queue = { tail: Promise.resolve(), queued: null };
    queues.set(db, queue);
  }
  if (queue.queued) return queue.queued;
  const own = queue;
  const seal = own.tail
    .catch(() => undefined)
    .then(() => {
      own.queued = null;
      return sealAll(db);
    });
  own.queued = seal;
  own.tail = seal;
  return seal;
}

/** Seals every `intervalMs` until stopped; failures go to `onError` and the next tick tries again. */
export function startLedgerSealer(options: { db: Database; intervalMs?: number; onError: (error: unknown) => void }): { stop: () => Promise<void> } {
  const { db, intervalMs = 1_000, onError } = options;
  let last: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    last = sealLedger(db).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await last;
    },
  };
}

/** Runs a use case's database transaction, then seals what it committed before answering. */
export async function inLedgerTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const result = await db.transaction(work);
  await sealLedger(db);
  return result;
}
