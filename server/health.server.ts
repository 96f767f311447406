import { sql } from "drizzle-orm";
import { isSearchHealthy } from "../search/client.server";
import type { OutboxBacklog } from "../search/search-sync.server";
import { outboxBacklog } from "../search/search-sync.server";
import type { Runtime } from "./runtime.server";

export interface Health {
  status: "ok" | "degraded";
  database: "ok" | "error";
  search: "ok" | "unavailable";
  /** Pending and dead outbox rows, and the newest dead row's error message. */
  outbox: OutboxBacklog | null;
}

/** Database and search status for /healthz; never throws. */
export async function readHealth(runtime: Runtime): Promise<Health> {
  const database = await runtime.db.execute(sql`select 1`).then(
    () => "ok" as const,
    () => "error" as const,
  );
  const search = (await isSearchHealthy(runtime.search)) ? ("ok" as const) : ("unavailable" as const);
  const outbox = database === "ok" ? await outboxBacklog(runtime.db).catch(() => null) : null;
  const status = database === "ok" && search === "ok" && (outbox?.dead ?? 0) === 0 ? "ok" : "degraded";
  return { status, database, search, outbox };
}

/**
 * /healthz's checks at most once per `ttlMs` (a second by default): a load balancer or a load test
 * polling it many times a second shares one database and search round trip, and callers arriving
 * while a check runs wait for that check. The answer stays honest to within the second.
 */
export function cachedHealth(read: () => Promise<Health>, options: { ttlMs?: number; now?: () => number } = {}): () => Promise<Health> {
  const ttlMs = options.ttlMs ?? 1000;
  const now = options.now ?? Date.now;
  let last: { at: number; health: Promise<Health> } | null = null;
  return () => {
    const at = now();
    if (!last || at - last.at >= ttlMs) last = { at, health: read() };
    return last.health;
  };
}
