// Test harness for the outbox tests: a real Meilisearch that can be stopped and started again on
// the same data directory (a new port, so a new client), writes through the real importer, and
// the outbox rows as the worker sees them.
import { createServer, request } from "node:http";
import { eq, sql } from "drizzle-orm";
import type { Meilisearch } from "meilisearch";
import type { ImportDocumentInput } from "../../app/domain/import/import-document";
import { parseImportDocument } from "../../app/domain/import/import-document";
import { importDocument } from "../../app/domain/import/import-document.server";
import type { Database } from "../../db/client.server";
import { searchOutbox } from "../../db/schema/search-outbox";
import { createTestCipher } from "../../tests/identity";
import { createSearchClient } from "../client.server";
import { ensureIndexes } from "../ensure-indexes.server";
import type { MeiliProcess } from "../meili-process.server";
import { startMeilisearch } from "../meili-process.server";
import { makeTestTempDir } from "../../tests/temp-dir";

export interface RestartableSearch {
  /** The client of the running instance; replaced by start(). */
  client: Meilisearch;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Meilisearch that accepts connections and never answers. */
  freeze(): void;
  thaw(): void;
}

/** Starts Meilisearch in a fresh temp dir with the project's index settings. */
export async function startRestartableSearch(): Promise<RestartableSearch> {
  const dataDir = makeTestTempDir("meili-outbox-");
  let meili: MeiliProcess | null = null;
  const harness: RestartableSearch = {
    client: createSearchClient({ url: "http://127.0.0.1:9" }),
    async start() {
      meili = await startMeilisearch({ dataDir });
      harness.client = createSearchClient({ url: meili.url, apiKey: meili.masterKey });
      await ensureIndexes(harness.client);
    },
    async stop() {
      await meili?.stop();
      meili = null;
    },
    freeze() {
      if (meili) process.kill(meili.pid, "SIGSTOP");
    },
    thaw() {
      if (meili) process.kill(meili.pid, "SIGCONT");
    },
  };
  await harness.start();
  return harness;
}

/** Imports through the real importer with a throwaway key; throws on any problem. */
export function createImporter(db: Database) {
  const cipher = createTestCipher();
  return async (input: ImportDocumentInput) => {
    const parsed = parseImportDocument(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const imported = await importDocument({ db, cipher, document: parsed.document });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    return imported.result;
  };
}

export const ORGANISATIONS: NonNullable<ImportDocumentInput["organisations"]> = [
  { key: "dali-union", kind: "union", name: "大理白族自治州总工会", region: "5329" },
  { key: "xy-union", kind: "union", name: "祥云县总工会", region: "532923", parent: "dali-union" },
  { key: "dali-employer", kind: "employer", name: "测试建材有限公司", region: "5329" },
];

export function pendingRows(db: Database) {
  return db
    .select({ ref: searchOutbox.ref, attempts: searchOutbox.attempts, nextAttemptAt: searchOutbox.nextAttemptAt, lastError: searchOutbox.lastError })
    .from(searchOutbox)
    .where(eq(searchOutbox.status, "pending"));
}

/** Ends every backoff now, as the passing of time would. */
export async function makePendingRowsDue(db: Database): Promise<void> {
  await db.update(searchOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(searchOutbox.status, "pending"));
}

export interface GatedProxy {
  url: string;
  /** Resolves once a request matching the gate is being held. */
  held: Promise<void>;
  /** Lets the held request (and every later one) through. */
  open(): void;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of Meilisearch that holds the first requests matching `isGated`
 * until open() is called: a way to pause one client at an exact step, e.g. between reading a
 * projection and writing it, while other clients go on.
 */
export async function startGatedProxy(target: string, isGated: (method: string, path: string) => boolean): Promise<GatedProxy> {
  const opened = deferred();
  const held = deferred();
  let isOpen = false;
  const server = createServer((req, res) => {
    const forward = () => {
      const upstream = request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    };
    if (!isOpen && isGated(req.method ?? "GET", (req.url ?? "").split("?")[0] ?? "")) {
      held.resolve();
      void opened.promise.then(forward);
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("proxy has no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    held: held.promise,
    open() {
      isOpen = true;
      opened.resolve();
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve: () => resolve() };
}
