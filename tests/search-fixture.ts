// A real Meilisearch with the project's index settings, for search tests. In the pglite and
// postgres projects every file shares the run's Meilisearch (tests/global-setup.ts) under its own
// index prefix: pass `indexPrefix` wherever the app takes one (drainOutbox, search contexts,
// createTestLoadContext, reindex and drift checks), and read indexes through `indexName(…, prefix)`.
// Elsewhere (the browser tests) the file starts a Meilisearch of its own.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { Meilisearch } from "meilisearch";
import { inject } from "vitest";
import { createSearchClient } from "../search/client.server";
import { ensureIndexes } from "../search/ensure-indexes.server";
import type { MeiliProcess } from "../search/meili-process.server";
import { startMeilisearch } from "../search/meili-process.server";
import { makeTestTempDir } from "./temp-dir";

export interface TestSearch {
  /** A client of the engine; after `meili.stop()` one of an address nothing answers on. */
  readonly client: Meilisearch;
  /** This file's index prefix: its indexes are `${indexPrefix}_needs` and `${indexPrefix}_offers`. */
  readonly indexPrefix: string;
  readonly meili: {
    url: string;
    masterKey: string;
    /**
     * The engine goes away for this file: `client` answers nothing from now on. A shared
     * Meilisearch keeps running for the other files; a file's own process is stopped.
     */
    stop(): Promise<void>;
  };
}

const UNREACHABLE = "http://127.0.0.1:9";

/** `indexPrefix` names the file's indexes itself (no other file of the run may use it); by default one is made up. */
export async function startTestSearch(options: { indexPrefix?: string } = {}): Promise<TestSearch> {
  const indexPrefix = options.indexPrefix ?? `t${randomBytes(5).toString("hex")}`;
  let own: MeiliProcess | null = null;
  let ownDir: string | null = null;
  let server = inject("testSearch");
  if (!server) {
    ownDir = makeTestTempDir("meili-test-");
    own = await startMeilisearch({ dataDir: ownDir });
    server = { url: own.url, apiKey: own.masterKey };
  }
  let client = createSearchClient({ url: server.url, apiKey: server.apiKey });
  await ensureIndexes(client, { indexPrefix });
  return {
    get client() {
      return client;
    },
    indexPrefix,
    meili: {
      url: server.url,
      masterKey: server.apiKey,
      async stop() {
        client = createSearchClient({ url: UNREACHABLE, apiKey: "unreachable" });
        await own?.stop();
        if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      },
    },
  };
}
