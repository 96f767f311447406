// The load context server/main.ts hands to Remix, built from a test database, for calling loaders
// and actions with real Requests. Its search client points nowhere: pass a real one where needed.
// Mail goes to a fresh temporary DATA_DIR/mail (tests/temp-dir.ts), readable through `runtime.mailer.list()`.
import type { AppLoadContext } from "@remix-run/node";
import type { Meilisearch } from "meilisearch";
import { createRateLimiters } from "../app/domain/auth/rate-limit.server";
import { createMailer } from "../app/domain/mail/mailer.server";
import { createPublicFiguresCache } from "../app/domain/reports/public-figures-cache.server";
import type { IdentityCipher } from "../app/domain/privacy/identity-cipher.server";
import { loadConfig } from "../app/env.server";
import type { Database, DatabaseHandle } from "../db/client.server";
import { createSearchClient } from "../search/client.server";
import { createLogger } from "../server/logger.server";
import { createTestCipher } from "./identity";
import { makeTestTempDir } from "./temp-dir";

export function createTestLoadContext(options: { database: DatabaseHandle; db?: Database; search?: Meilisearch; indexPrefix?: string; cipher?: IdentityCipher; clientIp?: string }): AppLoadContext {
  const dataDir = makeTestTempDir("ctx-");
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir });
  const db = options.db ?? options.database.db;
  const logger = createLogger({ level: "silent" });
  return {
    cspNonce: "",
    log: logger,
    clientIp: options.clientIp ?? "127.0.0.1",
    runtime: {
      config,
      logger,
      db,
      database: options.database,
      cipher: options.cipher ?? createTestCipher(),
      search: options.search ?? createSearchClient({ url: "http://127.0.0.1:9" }),
      indexPrefix: options.indexPrefix,
      mailer: createMailer({ from: config.MAIL_FROM, dataDir }),
      rateLimits: createRateLimiters(db),
      publicFigures: createPublicFiguresCache(),
      publicUrl: "http://localhost:3000",
      flushSearch: async () => ({ processed: 0, failed: 0 }),
      kickSearch: () => undefined,
      stop: async () => undefined,
    },
  };
}
