// Brings the indexes to the settings in code at every start: creating them when missing and
// applying the settings where the index's differ. An unchanged index costs two reads, not two
// waited-for tasks, so a second start on the same data does not wait for Meilisearch's task queue.
import { isDeepStrictEqual } from "node:util";
import type { Meilisearch, Settings, Task } from "meilisearch";
import { MeilisearchApiError } from "meilisearch";
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

/** Creates the `needs` and `offers` indexes if missing and applies their settings where they differ, waiting for both. */
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
    let primaryKey = await primaryKeyOf(client, uid);
    if (primaryKey === undefined) {
      // Creating and tolerating "already exists" is race-free where get-then-create is not.
      const created = await client.createIndex(uid, { primaryKey: PRIMARY_KEY }).waitTask(wait);
      if (created.status !== "succeeded" && created.error?.code !== "index_already_exists") throw taskError(uid, created);
      primaryKey = (await client.getRawIndex(uid)).primaryKey;
    }
    if (primaryKey === null) {
      assertSucceeded(uid, await client.updateIndex(uid, { primaryKey: PRIMARY_KEY }).waitTask(wait));
    } else if (primaryKey !== PRIMARY_KEY) {
      throw new Error(`index ${uid} has primary key ${primaryKey}, expected ${PRIMARY_KEY}: delete it and reindex`);
    }

    const index = client.index(uid);
    if (settingsHeld(settings, await index.getSettings())) continue;
    assertSucceeded(uid, await index.updateSettings(settings).waitTask(wait));
  }
}

/** The index's primary key (null when it has none yet), or undefined when there is no such index. */
async function primaryKeyOf(client: Meilisearch, uid: string): Promise<string | null | undefined> {
  try {
    return (await client.getRawIndex(uid)).primaryKey;
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return undefined;
    throw error;
  }
}

/** Settings Meilisearch holds as sets: it answers them in its own order. */
const UNORDERED_SETTINGS = new Set(["filterableAttributes", "sortableAttributes", "stopWords", "separatorTokens", "nonSeparatorTokens", "dictionary"]);

/**
 * True when every setting in code is what the index holds. Meilisearch answers every setting, the
 * parts of an object setting left out in code filled with its defaults, and set-like lists in its
 * own order; anything else that is not equal counts as different, and is applied.
 */
export function settingsHeld(wanted: Settings, held: Settings): boolean {
  return Object.entries(wanted).every(([key, value]) => {
    const current: unknown = held[key as keyof Settings];
    if (UNORDERED_SETTINGS.has(key) && Array.isArray(value) && Array.isArray(current)) return isDeepStrictEqual([...value].sort(), [...current].sort());
    return holds(value, current);
  });
}

/** `value` equals `current`, where a plain object in `value` needs only its own keys equal in `current`. */
function holds(value: unknown, current: unknown): boolean {
  if (isPlainObject(value) && isPlainObject(current)) return Object.entries(value).every(([key, part]) => holds(part, current[key]));
  return isDeepStrictEqual(value, current);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function assertSucceeded(uid: string, task: Task): void {
  if (task.status !== "succeeded") throw taskError(uid, task);
}

function taskError(uid: string, task: Task): Error {
  return new Error(`Meilisearch ${task.type} on ${uid} ${task.status}: ${task.error?.message ?? "no error message"}`);
}
