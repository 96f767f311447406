// The load context server/main.ts hands to Remix, built from a test database, for calling loaders
// and actions with real Requests. Its search client points nowhere: pass a real one where needed.
import type { AppLoadContext } from "@remix-run/node";
import type { Meilisearch } from "meilisearch";
import { loadConfig } from "../app/env.server";
import type { Database, DatabaseHandle } from "../db/client.server";
import { createSearchClient } from "../search/client.server";
import { createLogger } from "../server/logger.server";
import { createTestCipher } from "./identity";

export function createTestLoadContext(options: { database: DatabaseHandle; db?: Database; search?: Meilisearch }): AppLoadContext {
  return {
    cspNonce: "",
    runtime: {
      config: loadConfig({ NODE_ENV: "test" }),
      logger: createLogger({ level: "silent" }),
      db: options.db ?? options.database.db,
      database: options.database,
      cipher: createTestCipher(),
      search: options.search ?? createSearchClient({ url: "http://127.0.0.1:9" }),
      flushSearch: async () => ({ processed: 0, failed: 0 }),
      kickSearch: () => undefined,
      stop: async () => undefined,
    },
  };
}
