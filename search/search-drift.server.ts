// Compares the search indexes with PostgreSQL by (ref, version): every public need and listed
// offer must be in its index at its current version, and nothing else may be. The version moves
// with every public change, so an equal pair means an equal document.
import type { Meilisearch } from "meilisearch";
import type { Database } from "../db/client.server";
import { allPublicNeeds } from "../app/domain/needs/public-needs.server";
import { allListedOffers } from "../app/domain/offers/public-offers.server";
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
  /** In both, at another version. */
  stale: { ref: string; database: number; index: number }[];
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
  const needs = compare(indexName(NEEDS_INDEX, options.indexPrefix), await databaseVersions(allPublicNeeds(db)), await indexVersions(client, indexName(NEEDS_INDEX, options.indexPrefix)));
  const offers = compare(indexName(OFFERS_INDEX, options.indexPrefix), await databaseVersions(allListedOffers(db)), await indexVersions(client, indexName(OFFERS_INDEX, options.indexPrefix)));
  const count = (d: IndexDrift) => d.missing.length + d.extra.length + d.stale.length;
  return { needs, offers, total: count(needs) + count(offers) };
}

async function databaseVersions(batches: AsyncGenerator<RefVersion[]>): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for await (const batch of batches) for (const { ref, version } of batch) versions.set(ref, version);
  return versions;
}

async function indexVersions(client: Meilisearch, uid: string): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  const index = client.index(uid);
  for (let offset = 0; ; offset += PAGE) {
    const page = await index.getDocuments({ fields: ["ref", "version"], limit: PAGE, offset });
    for (const doc of page.results) {
      const { ref, version } = doc;
      // A document without a numeric version was written by an older projection: report it stale.
      if (typeof ref === "string") versions.set(ref, typeof version === "number" ? version : -1);
    }
    if (page.results.length < PAGE) return versions;
  }
}

function compare(index: string, database: Map<string, number>, indexed: Map<string, number>): IndexDrift {
  const drift: IndexDrift = { index, database: database.size, indexed: indexed.size, missing: [], extra: [], stale: [] };
  for (const [ref, version] of database) {
    const found = indexed.get(ref);
    if (found === undefined) drift.missing.push({ ref, version });
    else if (found !== version) drift.stale.push({ ref, database: version, index: found });
  }
  for (const [ref, version] of indexed) if (!database.has(ref)) drift.extra.push({ ref, version });
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
    for (const s of d.stale) lines.push(`  stale   ${s.ref} database v${s.database}, index v${s.index}`);
  }
  lines.push(drift.total ? `drift: ${drift.total}` : "no drift");
  return lines.join("\n");
}
