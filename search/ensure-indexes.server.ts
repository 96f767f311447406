// Brings the indexes to the settings in code at every start: creating them when missing and
// re-applying the settings (Meilisearch skips the work when nothing changed).
import type { Meilisearch, Settings, Task } from "meilisearch";
import { NEED_DOCUMENT_FIELDS, OFFER_DOCUMENT_FIELDS } from "./index-documents";
import {
  NEEDS_INDEX,
  OFFERS_INDEX,
  PRIMARY_KEY,
  attributesOutsideAllowlist,
  indexName,
  needsIndexSettings,
  offersIndexSettings,
} from "./index-settings";

export { indexName };

// A settings change re-indexes every document: 100k documents take tens of seconds, far more
// than the client's default 5 s wait.
const DEFAULT_TASK_TIMEOUT_MS = 10 * 60_000;

const INDEXES: { base: string; settings: Settings; allowlist: readonly string[] }[] = [
  { base: NEEDS_INDEX, settings: needsIndexSettings, allowlist: NEED_DOCUMENT_FIELDS },
  { base: OFFERS_INDEX, settings: offersIndexSettings, allowlist: OFFER_DOCUMENT_FIELDS },
];

/** Creates the `needs` and `offers` indexes if missing and applies their settings, waiting for both. */
export async function ensureIndexes(
  client: Meilisearch,
  options: { indexPrefix?: string; taskTimeoutMs?: number } = {},
): Promise<void> {
  const wait = { timeout: options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS };
  for (const { base, settings, allowlist } of INDEXES) {
    // The unit test checks this too; checking here means a bad edit can never reach an index.
    const outside = attributesOutsideAllowlist(settings, allowlist);
    if (outside.length) throw new Error(`settings of ${base} name non-public fields: ${outside.join(", ")}`);

    const uid = indexName(base, options.indexPrefix);
    // Creating and tolerating "already exists" is race-free where get-then-create is not.
    const created = await client.createIndex(uid, { primaryKey: PRIMARY_KEY }).waitTask(wait);
    if (created.status !== "succeeded" && created.error?.code !== "index_already_exists") throw taskError(uid, created);

    const { primaryKey } = await client.getRawIndex(uid);
    if (primaryKey === null) {
      assertSucceeded(uid, await client.updateIndex(uid, { primaryKey: PRIMARY_KEY }).waitTask(wait));
    } else if (primaryKey !== PRIMARY_KEY) {
      throw new Error(`index ${uid} has primary key ${primaryKey}, expected ${PRIMARY_KEY}: delete it and reindex`);
    }

    assertSucceeded(uid, await client.index(uid).updateSettings(settings).waitTask(wait));
  }
}

function assertSucceeded(uid: string, task: Task): void {
  if (task.status !== "succeeded") throw taskError(uid, task);
}

function taskError(uid: string, task: Task): Error {
  return new Error(`Meilisearch ${task.type} on ${uid} ${task.status}: ${task.error?.message ?? "no error message"}`);
}
