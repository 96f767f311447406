// Compares the search indexes with PostgreSQL: every public need and listed offer must be in its
// index at its current version and with the same content, and nothing else may be. Content is
// compared by a hash of the whole index document — the projection built now from the database
// against every field the index stores — so a write that changed what the public sees without
// moving the version (or a document edited behind the outbox's back) shows as stale too.
import { createHash } from "node:crypto";
import type { Meilisearch } from "meilisearch";
import type { Database } from "../db/client.server";
import { allPublicNeeds } from "../app/domain/needs/public-needs.server";
import { allListedOffers } from "../app/domain/offers/public-offers.server";
import { toOfferDocument } from "./index-documents";
import { needDocumentsOf } from "./need-documents.server";
import { NEEDS_INDEX, OFFERS_INDEX, indexName } from "./index-settings";

const PAGE = 5_000;

export interface RefVersion {
  ref: string;
  version: number;
}

export interface IndexDrift {
  index: string;
  database: number;
  indexed: number;
  /** Public in the database, absent from the index. */
  missing: RefVersion[];
  /** In the index, not public in the database. */
  extra: RefVersion[];
  /** In both, at another version or with other content (`content`: the versions agree). */
  stale: { ref: string; database: number; index: number; content: boolean }[];
}

export interface SearchDrift {
  needs: IndexDrift;
  offers: IndexDrift;
  /** Missing + extra + stale over both indexes; 0 means in sync. */
  total: number;
}

/** Reads both sides in full; meant for the CLI and tests, not for a request. */
export async function checkSearchDrift(options: { db: Database; client: Meilisearch; indexPrefix?: string }): Promise<SearchDrift> {
  const { db, client } = options;
  const needsUid = indexName(NEEDS_INDEX, options.indexPrefix);
  const offersUid = indexName(OFFERS_INDEX, options.indexPrefix);
  const needs = compare(needsUid, await databaseDocuments(allPublicNeeds(db), (batch) => needDocumentsOf(db, batch)), await indexDocuments(client, needsUid));
  const offers = compare(offersUid, await databaseDocuments(allListedOffers(db), async (batch) => batch.map(toOfferDocument)), await indexDocuments(client, offersUid));
  const count = (d: IndexDrift) => d.missing.length + d.extra.length + d.stale.length;
  return { needs, offers, total: count(needs) + count(offers) };
}

interface Stored {
  version: number;
  hash: string;
}

/** JSON with object keys sorted at every level, so equal documents give equal text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The content hash of an index document, as written or as read back. */
export function documentHash(document: object): string {
  return createHash("sha256").update(canonicalJson(document)).digest("base64url");
}

async function databaseDocuments<P extends RefVersion>(batches: AsyncGenerator<P[]>, toDocuments: (batch: P[]) => Promise<object[]>): Promise<Map<string, Stored>> {
  const stored = new Map<string, Stored>();
  for await (const batch of batches) {
    const documents = await toDocuments(batch);
    batch.forEach((projection, i) => stored.set(projection.ref, { version: projection.version, hash: documentHash(documents[i] ?? {}) }));
  }
  return stored;
}

async function indexDocuments(client: Meilisearch, uid: string): Promise<Map<string, Stored>> {
  const stored = new Map<string, Stored>();
  const index = client.index(uid);
  for (let offset = 0; ; offset += PAGE) {
    // Every stored field, whatever displayedAttributes shows: a stray one is drift too.
    const page = await index.getDocuments({ limit: PAGE, offset });
    for (const doc of page.results) {
      const { ref, version } = doc;
      // A document without a numeric version was written by an older projection: report it stale.
      if (typeof ref === "string") stored.set(ref, { version: typeof version === "number" ? version : -1, hash: documentHash(doc) });
    }
    if (page.results.length < PAGE) return stored;
  }
}

function compare(index: string, database: Map<string, Stored>, indexed: Map<string, Stored>): IndexDrift {
  const drift: IndexDrift = { index, database: database.size, indexed: indexed.size, missing: [], extra: [], stale: [] };
  for (const [ref, { version, hash }] of database) {
    const found = indexed.get(ref);
    if (found === undefined) drift.missing.push({ ref, version });
    else if (found.version !== version || found.hash !== hash) drift.stale.push({ ref, database: version, index: found.version, content: found.version === version });
  }
  for (const [ref, { version }] of indexed) if (!database.has(ref)) drift.extra.push({ ref, version });
  const byRef = (a: { ref: string }, b: { ref: string }) => a.ref.localeCompare(b.ref);
  drift.missing.sort(byRef);
  drift.extra.sort(byRef);
  drift.stale.sort(byRef);
  return drift;
}

/** A report for people: one summary line per index, then each drifting ref with its versions. */
export function formatDrift(drift: SearchDrift): string {
  const lines: string[] = [];
  for (const d of [drift.needs, drift.offers]) {
    lines.push(`${d.index}: ${d.database} public in the database, ${d.indexed} in the index; ${d.missing.length} missing, ${d.extra.length} extra, ${d.stale.length} stale`);
    for (const m of d.missing) lines.push(`  missing ${m.ref} v${m.version}`);
    for (const e of d.extra) lines.push(`  extra   ${e.ref} v${e.version}`);
    for (const s of d.stale) lines.push(`  stale   ${s.ref} database v${s.database}, index v${s.index}${s.content ? ", content differs" : ""}`);
  }
  lines.push(drift.total ? `drift: ${drift.total}` : "no drift");
  return lines.join("\n");
}
