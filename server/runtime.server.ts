// Everything a process of Xiangyun needs, started in order and stopped in reverse: the DATA_DIR
// lock, the database (migrated), the identity cipher, Meilisearch (its own child process or
// MEILI_URL), the demo seed on an empty database, and the search outbox worker.
import type { Meilisearch } from "meilisearch";
import { join } from "node:path";
import type { Config } from "../app/env.server";
import { usesDataDir } from "../app/env.server";
import type { IdentityCipher } from "../app/domain/privacy/identity-cipher.server";
import { createIdentityCipher } from "../app/domain/privacy/identity-cipher.server";
import { loadIdentityKey } from "../app/domain/privacy/identity-key.server";
import type { Database, DatabaseHandle } from "../db/client.server";
import { openDatabase } from "../db/client.server";
import { acquireDataDirLock } from "../db/data-dir-lock.server";
import { migrateDatabase } from "../db/migrate.server";
import { isDatabaseEmpty, seedDemo } from "../db/seed/seed.server";
import { createSearchClient } from "../search/client.server";
import { ensureIndexes } from "../search/ensure-indexes.server";
import type { MeiliProcess } from "../search/meili-process.server";
import { startMeilisearch } from "../search/meili-process.server";
import { drainOutbox, syncIndexesIfStale } from "../search/search-sync.server";
import type { Logger } from "./logger.server";

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  database: DatabaseHandle;
  cipher: IdentityCipher;
  search: Meilisearch;
  /** Runs the outbox now instead of at the next tick; resolves when it is drained. */
  flushSearch(): Promise<{ processed: number; failed: number }>;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Shown to a second process that finds DATA_DIR in use. */
  purpose: string;
  /** Seed the demo data set when the database is empty (the server does; the CLI asks explicitly). */
  seedWhenEmpty?: boolean;
  /** Poll the outbox in the background (the server); the CLI flushes explicitly. */
  runOutboxWorker?: boolean;
}

/** Starts a runtime; on failure, whatever was started is stopped again before the error is thrown. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const stack: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    while (stack.length) await stack.pop()?.();
  };
  try {
    if (usesDataDir(config)) stack.push(acquireDataDirLock(config.DATA_DIR, options.purpose));

    const database = await openDatabase(
      config.DATABASE_URL ? { driver: "pg", url: config.DATABASE_URL } : { driver: "pglite", dataDir: join(config.DATA_DIR, "pglite") },
    );
    stack.push(() => database.close());
    await migrateDatabase(database);
    logger.info({ driver: database.driver }, "database ready");

    const cipher = createIdentityCipher(
      loadIdentityKey({ configured: config.IDENTITY_KEY, dataDir: config.DATA_DIR, warn: (msg) => logger.warn(msg) }),
    );

    let meili: MeiliProcess | null = null;
    if (!config.MEILI_URL) {
      meili = await startMeilisearch({ dataDir: join(config.DATA_DIR, "meili"), logger });
      const started = meili;
      stack.push(() => started.stop());
    }
    const search = createSearchClient(meili ? { url: meili.url, apiKey: meili.masterKey } : { url: config.MEILI_URL ?? "", apiKey: config.MEILI_MASTER_KEY });
    await ensureIndexes(search);

    if (options.seedWhenEmpty && config.SEED_DEMO && (await isDatabaseEmpty(database.db))) {
      const seeded = await seedDemo({ db: database.db, cipher });
      logger.info(seeded, "seeded the demo data set");
    }
    const synced = await syncIndexesIfStale({ db: database.db, client: search });
    if (synced.needs || synced.offers) logger.info(synced, "search indexes rebuilt from the database");

    let draining: Promise<{ processed: number; failed: number }> | null = null;
    const flushSearch = () => {
      draining ??= drainOutbox({ db: database.db, client: search }).finally(() => {
        draining = null;
      });
      return draining;
    };
    await flushSearch();

    if (options.runOutboxWorker) {
      const timer = setInterval(() => {
        flushSearch().catch((error: unknown) => logger.error({ err: error }, "search outbox worker failed"));
      }, 1000);
      stack.push(async () => {
        clearInterval(timer);
        await draining?.catch(() => undefined);
      });
    }

    return { config, logger, db: database.db, database, cipher, search, flushSearch, stop: stopAll };
  } catch (error) {
    await stopAll().catch((stopError: unknown) => logger.error({ err: stopError }, "could not stop cleanly"));
    throw error;
  }
}
