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
import type { DrainResult } from "../search/outbox-worker";
import { createOutboxWorker } from "../search/outbox-worker";
import { syncIndexesIfStale } from "../search/reindex.server";
import { drainOutbox } from "../search/search-sync.server";
import { startLedgerSealer } from "../app/domain/ledger/seal-ledger.server";
import type { Mailer } from "../app/domain/mail/mailer.server";
import { createMailer } from "../app/domain/mail/mailer.server";
import type { RateLimiters } from "../app/domain/auth/rate-limit.server";
import { createRateLimiters } from "../app/domain/auth/rate-limit.server";
import type { PublicFiguresCache } from "../app/domain/reports/public-figures-cache.server";
import { createPublicFiguresCache } from "../app/domain/reports/public-figures-cache.server";
import { deleteExpiredSessions } from "../app/domain/auth/session.server";
import { applyDemoAccountSwitch } from "../db/seed/demo-accounts.server";
import type { Logger } from "./logger.server";
import { runOfferExpiry, scheduleOfferExpiry } from "./offer-expiry.server";
import { runPledgeExpiry, schedulePledgeExpiry } from "./pledge-expiry.server";
import { foldLedgerMonthTotals } from "../app/domain/reports/ledger-month-totals.server";

const OUTBOX_POLL_MS = 1000;
const HOUSEKEEPING_MS = 10 * 60 * 1000;
/** How often the ledger's month totals take in what was posted since (reports read the rest directly). */
const MONTH_TOTALS_MS = 60 * 1000;

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  database: DatabaseHandle;
  cipher: IdentityCipher;
  search: Meilisearch;
  /** Prefix of this site's index names on a shared Meilisearch (MEILI_INDEX_PREFIX); none by default. */
  indexPrefix?: string;
  mailer: Mailer;
  rateLimits: RateLimiters;
  /** Site-wide public figures, read at most once a minute and shared by visitors. */
  publicFigures: PublicFiguresCache;
  /** Where emailed links point: PUBLIC_URL, or the address the server listens on. */
  publicUrl: string;
  /** Drains the search outbox now; resolves once the rows committed before the call are handled. */
  flushSearch(): Promise<DrainResult>;
  /**
   * Call after committing a write that queued outbox rows: the worker drains on the next tick
   * instead of at its next poll. Cheap, never throws, coalesces.
   */
  kickSearch(): void;
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
  /**
   * Rebuild an index whose contents look stale at start-up (default true). `search-check` turns
   * it off to report the drift it finds, and `reindex` because it rebuilds anyway.
   */
  syncSearchOnStart?: boolean;
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

    // Our own Meilisearch boots while the database opens and migrates: neither waits for the other.
    const meiliStarting = config.MEILI_URL ? null : startMeilisearch({ dataDir: join(config.DATA_DIR, "meili"), logger });
    if (meiliStarting) {
      // Its failure is thrown where it is awaited, below; until then it must not count as unhandled.
      meiliStarting.catch(() => undefined);
      stack.push(async () => {
        const started = await meiliStarting.catch(() => null);
        await started?.stop();
      });
    }
    const database = await openDatabase(
      config.DATABASE_URL ? { driver: "pg", url: config.DATABASE_URL } : { driver: "pglite", dataDir: join(config.DATA_DIR, "pglite") },
    );
    stack.push(() => database.close());
    await migrateDatabase(database);
    logger.info({ driver: database.driver }, "database ready");

    const cipher = createIdentityCipher(
      loadIdentityKey({ configured: config.IDENTITY_KEY, dataDir: config.DATA_DIR, warn: (msg) => logger.warn(msg) }),
    );

    const meili: MeiliProcess | null = meiliStarting ? await meiliStarting : null;
    const search = createSearchClient(meili ? { url: meili.url, apiKey: meili.masterKey } : { url: config.MEILI_URL ?? "", apiKey: config.MEILI_MASTER_KEY });
    // Index settings must be in place before any document is written (an index created by a
    // document upload has none). An external Meilisearch that is down must not keep the site down:
    // pages answer from PostgreSQL, the outbox keeps every change, and the worker prepares the
    // indexes as soon as the engine answers. Our own child process, just started, must work.
    const indexPrefix = config.MEILI_INDEX_PREFIX;
    let searchReady = false;
    const prepareSearch = async (): Promise<boolean> => {
      try {
        await ensureIndexes(search, { indexPrefix });
        if (options.syncSearchOnStart ?? true) {
          const synced = await syncIndexesIfStale({ db: database.db, client: search, indexPrefix });
          if (synced) logger.info(synced, "search indexes rebuilt from the database");
        }
        return true;
      } catch (error) {
        if (meili) throw error;
        logger.error({ err: error, url: config.MEILI_URL }, "Meilisearch is unreachable: search answers from PostgreSQL until it is back");
        return false;
      }
    };

    if (options.seedWhenEmpty && config.SEED_DEMO && (await isDatabaseEmpty(database.db))) {
      const seeded = await seedDemo({ db: database.db, cipher });
      logger.info(seeded, "seeded the demo data set");
    }
    const demoAccounts = await applyDemoAccountSwitch(database.db, config.SEED_DEMO);
    if (demoAccounts) logger.info({ demoAccounts, enabled: config.SEED_DEMO }, config.SEED_DEMO ? "demo accounts enabled" : "demo accounts disabled (SEED_DEMO=false)");
    searchReady = await prepareSearch();

    const worker = createOutboxWorker({
      drain: async () => {
        if (!searchReady) searchReady = await prepareSearch();
        // Until then rows stay pending, untouched: nothing is lost and nothing backs off.
        return searchReady ? drainOutbox({ db: database.db, client: search, indexPrefix }) : { processed: 0, failed: 0 };
      },
      onError: (error) => logger.error({ err: error }, "search outbox worker failed"),
    });
    stack.push(() => worker.stop());
    // Offers that ended while the server was down close before the first drain, so they leave the index now.
    if (options.runOutboxWorker) await runOfferExpiry({ db: database.db, logger, kick: () => undefined });
    if (options.runOutboxWorker) await runPledgeExpiry({ db: database.db, logger });
    // Not awaited: after an upgrade the first fold takes in the whole ledger (seconds at 200,000
    // transactions), and reports are exact without it.
    // A stop waits for it before the database closes.
    if (options.runOutboxWorker) {
      const firstFold = foldLedgerMonthTotals(database.db).then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, "could not fold the ledger's month totals"),
      );
      stack.push(() => firstFold);
    }
    await worker.flush();
    // Writes of this process kick the worker; the poll picks up rows written by other instances
    // and processes (and retries after a backoff). LISTEN/NOTIFY would only shorten the latter.
    if (options.runOutboxWorker) {
      worker.start(OUTBOX_POLL_MS);
      const housekeeping = setInterval(() => {
        deleteExpiredSessions(database.db).catch((error: unknown) => logger.error({ err: error }, "could not remove expired sessions"));
      }, HOUSEKEEPING_MS);
      housekeeping.unref();
      stack.push(() => clearInterval(housekeeping));
      const monthTotals = setInterval(() => {
        foldLedgerMonthTotals(database.db).catch((error: unknown) => logger.error({ err: error }, "could not fold the ledger's month totals"));
      }, MONTH_TOTALS_MS);
      monthTotals.unref();
      stack.push(() => clearInterval(monthTotals));
      stack.push(scheduleOfferExpiry({ db: database.db, logger, kick: worker.kick }));
      stack.push(schedulePledgeExpiry({ db: database.db, logger }));
      // Writers seal what they commit; this seals what a stopped process or instance left unsealed.
      const sealer = startLedgerSealer({ db: database.db, onError: (error) => logger.error({ err: error }, "could not seal the ledger") });
      stack.push(() => sealer.stop());
    }

    const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, dataDir: config.DATA_DIR });
    const rateLimits = createRateLimiters(database.db);
    const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
    return { config, logger, db: database.db, database, cipher, search, indexPrefix, mailer, rateLimits, publicFigures: createPublicFiguresCache(), publicUrl, flushSearch: worker.flush, kickSearch: worker.kick, stop: stopAll };
  } catch (error) {
    await stopAll().catch((stopError: unknown) => logger.error({ err: stopError }, "could not stop cleanly"));
    throw error;
  }
}
