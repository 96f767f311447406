// Imports a validated document in one transaction: organisations, cases with encrypted identities
// and their needs, and offers. Keys are the importer's own ids; re-importing the same file updates
// rows in place (a need's version moves only when its public content changed) and never duplicates.
// Needs move through the lifecycle by moveNeeds, as in the editor; a change to what the public sees
// of a case (tier, birth year, county) or an organisation moves its needs' or offers' versions and
// queues them, whether or not the file lists them. The sheet import and the CLI come through here.
import { eq, inArray, or, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { fromExcluded } from "../../../db/upsert";
import { reserveCaseNumbers } from "../cases/reserve-case-numbers.server";
import { moveNeeds } from "../needs/need-lifecycle.server";
import type { OngoingNeedStatus } from "../needs/need-status";
import { movesToPublish, movesToUnpublish } from "../needs/need-status";
import type { CASE_FACTS_IN_PUBLIC } from "../needs/touch-case-needs.server";
import { touchCaseNeeds } from "../needs/touch-case-needs.server";
import { inferOfferType } from "../offers/offer-type";
import { touchOrganisationOffers } from "../offers/touch-organisation-offers.server";
import { newPublicReference } from "../needs/public-reference.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { checkImportReferences } from "./check-import-references.server";
import type { HeldIdentities } from "./check-import-references.server";
import type { ImportDocument, ImportProblem } from "./import-document";

const BATCH = 500;

export interface ImportResult {
  organisations: Record<string, string>;
  cases: Record<string, string>;
  /** The case number of every case in the document, by its key (new cases get theirs here). */
  caseNumbers: Record<string, string>;
  needs: Record<string, string>;
  offers: Record<string, string>;
  /** Needs and offers whose public projection may have changed, queued for the search index. */
  queued: number;
}

class ImportRejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super("import rejected");
  }
}

/** Imports a document validated by parseImportDocument; on any problem nothing is written. */
export async function importDocument(options: {
  db: Database;
  cipher: IdentityCipher;
  document: ImportDocument;
  now?: Date;
}): Promise<{ ok: true; result: ImportResult } | { ok: false; problems: ImportProblem[] }> {
  const { db, cipher, document: doc } = options;
  const now = options.now ?? new Date();
  try {
    const result = await db.transaction(async (tx) => {
      const { problems, held } = await checkImportReferences(tx, cipher, doc);
      if (problems.length) throw new ImportRejected(problems);
      const organisationsBefore = await organisationFacts(tx, doc);
      const casesBefore = await caseFacts(tx, doc, held);
      const orgIds = await upsertOrganisations(tx, doc);
      const { ids: caseIds, numbers: caseNumbers } = await upsertCases(tx, cipher, doc, orgIds, held, now);
      const needRefs = await upsertNeeds(tx, doc, caseIds, now);
      const offerRefs = await upsertOffers(tx, doc, orgIds, now);
      // What the public sees of a case or an organisation is part of its needs' and offers'
      // projections: those move and are queued too, whether or not the file lists them.
      const touchedNeeds = await touchCaseNeeds(tx, differing(casesBefore, await caseFacts(tx, doc, held)));
      const touchedOffers = await touchOrganisationOffers(tx, differing(organisationsBefore, await organisationFacts(tx, doc)));
      const queuedNeeds = new Set([...needRefs.moved, ...touchedNeeds]);
      const changed = [
        ...needRefs.changed.filter((ref) => !queuedNeeds.has(ref)).map((ref) => ({ entity: "need" as const, ref })),
        ...offerRefs.changed.filter((ref) => !touchedOffers.includes(ref)).map((ref) => ({ entity: "offer" as const, ref })),
      ];
      for (let i = 0; i < changed.length; i += BATCH) await tx.insert(searchOutbox).values(changed.slice(i, i + BATCH));
      return {
        organisations: Object.fromEntries(orgIds),
        cases: Object.fromEntries(caseIds),
        caseNumbers: Object.fromEntries(caseNumbers),
        needs: needRefs.refs,
        offers: offerRefs.refs,
        queued: changed.length + queuedNeeds.size + touchedOffers.length,
      };
    });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof ImportRejected) return { ok: false, problems: error.problems };
    throw error;
  }
}

/** What the public sees of the file's organisations that exist already (name, kind, listed or not), by id. */
async function organisationFacts(tx: Transaction, doc: ImportDocument): Promise<Map<string, string>> {
  const keys = doc.organisations.map((o) => o.key);
  if (!keys.length) return new Map();
  const rows = await tx.select({ id: organisations.id, name: organisations.name, kind: organisations.kind, status: organisations.status }).from(organisations).where(inArray(organisations.importKey, keys));
  return new Map(rows.map((r) => [r.id, JSON.stringify([r.name, r.kind, r.status])]));
}

/** What the public sees of the file's cases that exist already (CASE_FACTS_IN_PUBLIC), by id. */
async function caseFacts(tx: Transaction, doc: ImportDocument, held: HeldIdentities): Promise<Map<string, string>> {
  const keys = doc.cases.map((c) => c.key);
  const adopted = [...held.values()].map((h) => h.caseId);
  if (!keys.length) return new Map();
  const facts = { tier: cases.tier, birthYear: cases.birthYear, regionCode: cases.regionCode } satisfies Record<(typeof CASE_FACTS_IN_PUBLIC)[number], unknown>;
  const rows = await tx
    .select({ id: cases.id, ...facts })
    .from(cases)
    .where(adopted.length ? or(inArray(cases.importKey, keys), inArray(cases.id, adopted)) : inArray(cases.importKey, keys));
  return new Map(rows.map((r) => [r.id, JSON.stringify([r.tier, r.birthYear, r.regionCode])]));
}

/** Ids present before whose facts are not what they were. */
function differing(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([id, facts]) => before.has(id) && before.get(id) !== facts).map(([id]) => id);
}

async function upsertOrganisations(tx: Transaction, doc: ImportDocument): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (doc.organisations.length) {
    const rows = await tx
      .insert(organisations)
      .values(
        doc.organisations.map((o) => ({
          importKey: o.key,
          kind: o.kind,
          name: o.name,
          description: o.description ?? null,
          regionCode: o.region,
          status: o.kind === "union" || o.verified ? ("verified" as const) : ("pending" as const),
        })),
      )
      .onConflictDoUpdate({
        target: organisations.importKey,
        set: {
          ...fromExcluded(organisations, ["kind", "name", "description", "regionCode"]),
          // Verification is a decision made on the site; a re-import does not undo it.
          status: sql`case when ${organisations.status} = 'verified' then 'verified' else excluded.status end`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: organisations.id, key: organisations.importKey });
    for (const r of rows) if (r.key) ids.set(r.key, r.id);
  }
  // References to organisations imported earlier.
  const missing = [...new Set([...doc.cases.map((c) => c.organisation), ...doc.offers.map((o) => o.organisation), ...doc.organisations.flatMap((o) => (o.parent ? [o.parent] : []))])].filter(
    (key) => !ids.has(key),
  );
  if (missing.length) {
    const rows = await tx.select({ id: organisations.id, key: organisations.importKey }).from(organisations).where(inArray(organisations.importKey, missing));
    for (const r of rows) if (r.key) ids.set(r.key, r.id);
  }
  for (const o of doc.organisations) {
    const id = ids.get(o.key);
    const parentId = o.parent ? (ids.get(o.parent) ?? null) : null;
    if (id) await tx.update(organisations).set({ parentId }).where(eq(organisations.id, id));
  }
  return ids;
}

async function upsertCases(
  tx: Transaction,
  cipher: IdentityCipher,
  doc: ImportDocument,
  orgIds: Map<string, string>,
  held: HeldIdentities,
  now: Date,
): Promise<{ ids: Map<string, string>; numbers: Map<string, string> }> {
  // A household registered on the site (no import key) is adopted by the file rather than duplicated.
  for (const [i, holder] of held) {
    const key = doc.cases[i]?.key;
    if (key && holder.importKey === null) await tx.update(cases).set({ importKey: key }).where(eq(cases.id, holder.caseId));
  }
  const ids = new Map<string, string>();
  const numbers = new Map<string, string>();
  for (let i = 0; i < doc.cases.length; i += BATCH) {
    const batch = doc.cases.slice(i, i + BATCH);
    const caseNumberOf = await caseNumbersFor(tx, batch);
    const rows = await tx
      .insert(cases)
      .values(
        batch.map((c) => ({
          importKey: c.key,
          caseNumber: caseNumberOf.get(c.key) ?? "",
          organisationId: orgIds.get(c.organisation) ?? "",
          regionCode: c.region,
          headNameEnc: cipher.encrypt("name", c.head.name),
          headIdNumberEnc: cipher.encrypt("idNumber", c.head.idNumber),
          headPhoneEnc: cipher.encrypt("phone", c.head.phone),
          headAddressEnc: cipher.encrypt("address", c.head.address),
          idHash: cipher.hashResidentId(c.head.idNumber),
          birthYear: c.head.birthYear,
          sex: c.head.sex,
          householdSize: c.householdSize,
          monthlyIncomePerHead: c.monthlyIncomePerHead,
          causes: c.causes,
          tier: c.tier,
          status: c.status,
          consent: c.consent,
        })),
      )
      .onConflictDoUpdate({
        target: cases.importKey,
        set: {
          ...fromExcluded(cases, [
            "organisationId", "regionCode", "headNameEnc", "headIdNumberEnc", "headPhoneEnc", "headAddressEnc", "idHash",
            "birthYear", "sex", "householdSize", "monthlyIncomePerHead", "causes", "tier", "status", "consent",
          ]),
          updatedAt: now,
        },
      })
      .returning({ id: cases.id, key: cases.importKey, caseNumber: cases.caseNumber });
    for (const r of rows) {
      if (!r.key) continue;
      ids.set(r.key, r.id);
      numbers.set(r.key, r.caseNumber);
    }
  }
  return { ids, numbers };
}

/** Cases already imported keep their number (an update never changes it); new ones get the next of their county. */
async function caseNumbersFor(tx: Transaction, batch: ImportDocument["cases"]): Promise<Map<string, string>> {
  const existing = await tx
    .select({ key: cases.importKey, caseNumber: cases.caseNumber })
    .from(cases)
    .where(inArray(cases.importKey, batch.map((c) => c.key)));
  const out = new Map(existing.flatMap((r) => (r.key ? [[r.key, r.caseNumber] as const] : [])));
  const fresh = new Map<string, ImportDocument["cases"]>();
  for (const c of batch) {
    if (out.has(c.key)) continue;
    const group = fresh.get(c.region) ?? [];
    group.push(c);
    fresh.set(c.region, group);
  }
  for (const [region, group] of fresh) {
    const reserved = await reserveCaseNumbers(tx, region, group.length);
    group.forEach((c, j) => out.set(c.key, reserved[j] ?? ""));
  }
  return out;
}

// True in ON CONFLICT DO UPDATE when the incoming content differs in anything the public sees (a
// change of status is a move of the lifecycle, which moves the version itself).
const needChanged = sql`(${needs.regionCode}, ${needs.category}, ${needs.title}, ${needs.story}, ${needs.skills}, ${needs.targetAmount})
  is distinct from (excluded.region_code, excluded.category, excluded.title, excluded.story, excluded.skills, excluded.target_amount)`;
const offerChanged = sql`(${offers.organisationId}, ${offers.category}, ${offers.offerType}, ${offers.details}, ${offers.title}, ${offers.description}, ${offers.skills}, ${offers.regionCodes},
  ${offers.capacity}, ${offers.amount}, ${offers.validFrom}, ${offers.validUntil}, ${offers.status})
  is distinct from (excluded.organisation_id, excluded.category, excluded.offer_type, excluded.details, excluded.title, excluded.description, excluded.skills, excluded.region_codes,
  excluded.capacity, excluded.amount, excluded.valid_from, excluded.valid_until, excluded.status)`;

/**
 * Writes the needs' content (new ones as drafts), then moves each through the lifecycle as the
 * editor would: `publish` publishes a draft, an expired or a withdrawn need (restored first) and
 * leaves a matched one be; `publish: false` unpublishes a published need. The schema has checked
 * that the household may be published (consent, verified or assisting), as the editor does.
 * Returns the refs, the refs whose public content changed, and the refs moved (queued already).
 */
async function upsertNeeds(tx: Transaction, doc: ImportDocument, caseIds: Map<string, string>, now: Date) {
  const items = doc.cases.flatMap((c) => c.needs.map((need) => ({ need, c })));
  const refs: Record<string, string> = {};
  const changed: string[] = [];
  const moved: string[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = items.slice(i, i + BATCH);
    const keys = batch.map(({ need }) => need.key);
    const before = new Map(
      (await tx.select({ key: needs.importKey, ref: needs.ref, status: needs.status, version: needs.version }).from(needs).where(inArray(needs.importKey, keys))).map((r) => [r.key, r]),
    );
    const fresh = await freshReferences(tx, "N", batch.length);
    const rows = await tx
      .insert(needs)
      .values(
        batch.map(({ need, c }, j) => ({
          importKey: need.key,
          ref: fresh[j] ?? "",
          caseId: caseIds.get(c.key) ?? "",
          regionCode: c.region,
          category: need.category,
          title: need.title,
          story: need.story,
          skills: need.skills,
          targetAmount: need.amount,
          status: "draft" as const,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: needs.importKey,
        set: {
          ...fromExcluded(needs, ["caseId", "regionCode", "category", "title", "story", "skills", "targetAmount"]),
          version: sql`case when ${needChanged} then ${needs.version} + 1 else ${needs.version} end`,
          updatedAt: sql`case when ${needChanged} then excluded.updated_at else ${needs.updatedAt} end`,
        },
      })
      .returning({ id: needs.id, key: needs.importKey, ref: needs.ref, version: needs.version, status: needs.status });
    const publish = new Map(batch.map(({ need }) => [need.key, need.publish]));
    // Step by step, the same moves for every need that takes them: moveNeeds checks each one.
    const steps: Map<OngoingNeedStatus, string[]>[] = [];
    for (const r of rows) {
      if (!r.key) continue;
      refs[r.key] = r.ref;
      const prior = before.get(r.key);
      const isPublic = r.status === "published" || r.status === "matched";
      if (prior && prior.version !== r.version && isPublic) changed.push(r.ref);
      const path = publish.get(r.key) ? (movesToPublish(r.status) ?? []) : movesToUnpublish(r.status);
      path.forEach((to, step) => {
        const moves = steps[step] ?? new Map<OngoingNeedStatus, string[]>();
        moves.set(to, [...(moves.get(to) ?? []), r.id]);
        steps[step] = moves;
      });
    }
    for (const moves of steps) for (const [to, needIds] of moves) moved.push(...(await moveNeeds(tx, { needIds, to })));
  }
  const queued = new Set(moved);
  return { refs, changed: changed.filter((ref) => !queued.has(ref)), moved };
}

async function upsertOffers(tx: Transaction, doc: ImportDocument, orgIds: Map<string, string>, now: Date) {
  const refs: Record<string, string> = {};
  const changed: string[] = [];
  const ids = [...new Set(orgIds.values())];
  const kinds = new Map(
    ids.length ? (await tx.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, ids))).map((r) => [r.id, r.kind]) : [],
  );
  for (let i = 0; i < doc.offers.length; i += BATCH) {
    const batch = doc.offers.slice(i, i + BATCH);
    const before = new Map(
      (await tx.select({ key: offers.importKey, version: offers.version }).from(offers).where(inArray(offers.importKey, batch.map((o) => o.key)))).map((r) => [r.key, r.version]),
    );
    const fresh = await freshReferences(tx, "O", batch.length);
    const rows = await tx
      .insert(offers)
      .values(
        batch.map((o, j) => ({
          importKey: o.key,
          ref: fresh[j] ?? "",
          organisationId: orgIds.get(o.organisation) ?? "",
          category: o.category,
          offerType: o.type ?? inferOfferType(o.category, kinds.get(orgIds.get(o.organisation) ?? "") ?? "charity", o.amount),
          details: o.details ?? {},
          title: o.title,
          description: o.description,
          skills: o.skills,
          regionCodes: o.regions,
          capacity: o.capacity,
          remainingCapacity: o.capacity,
          amount: o.amount,
          validFrom: o.validFrom ?? null,
          validUntil: o.validUntil,
          status: o.status,
          closedReason: o.status === "closed" ? ("closed" as const) : null,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: offers.importKey,
        set: {
          ...fromExcluded(offers, ["organisationId", "category", "title", "description", "skills", "regionCodes", "capacity"]),
          // Keep what matches already consumed: remaining = new capacity − used.
          remainingCapacity: sql`greatest(0, excluded.capacity - (${offers.capacity} - ${offers.remainingCapacity}))`,
          ...fromExcluded(offers, ["amount", "validFrom", "validUntil", "status", "offerType", "details"]),
          // A closed offer keeps why it closed (expired, say) while the file still says closed.
          closedReason: sql`case when excluded.status <> 'closed' then null else coalesce(${offers.closedReason}, excluded.closed_reason) end`,
          version: sql`case when ${offerChanged} then ${offers.version} + 1 else ${offers.version} end`,
          updatedAt: sql`case when ${offerChanged} then excluded.updated_at else ${offers.updatedAt} end`,
        },
      })
      .returning({ key: offers.importKey, ref: offers.ref, version: offers.version, status: offers.status });
    for (const r of rows) {
      if (!r.key) continue;
      refs[r.key] = r.ref;
      const prior = before.get(r.key);
      if (prior === undefined ? r.status === "open" : prior !== r.version) changed.push(r.ref);
    }
  }
  return { refs, changed };
}

/** New references that no row holds yet; a collision is rare but must never fail an import. */
async function freshReferences(tx: Transaction, prefix: "N" | "O", count: number): Promise<string[]> {
  const table = prefix === "N" ? needs : offers;
  const out = new Set<string>();
  while (out.size < count) {
    const candidates = Array.from({ length: count - out.size }, () => newPublicReference(prefix)).filter((r) => !out.has(r));
    const taken = new Set((await tx.select({ ref: table.ref }).from(table).where(inArray(table.ref, candidates))).map((r) => r.ref));
    for (const ref of candidates) if (!taken.has(ref)) out.add(ref);
  }
  return [...out];
}
