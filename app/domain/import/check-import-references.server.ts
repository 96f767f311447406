// Checks of an import document that need the database: regions exist, organisation references
// resolve (in the file or already imported), unions contain what they register, only organisations
// verified after the import have open offers, and identities are not held by another case. Read-only.
import { eq, inArray, or } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { organisations } from "../../../db/schema/organisations";
import { regions } from "../../../db/schema/regions";
import { canPublishOffers } from "../auth/permissions";
import { canMoveCase } from "../cases/case-status";
import type { OrganisationStatus } from "../organisations/organisation-vocabulary";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { ImportDocument, ImportProblem } from "./import-document";

export interface OrganisationRef {
  kind: string;
  name: string;
  region: string;
}

/** Existing cases that hold a resident ID of the file, by case index. */
export type HeldIdentities = Map<number, { caseId: string; importKey: string | null }>;

export async function checkImportReferences(
  db: Database,
  cipher: IdentityCipher,
  doc: ImportDocument,
): Promise<{ problems: ImportProblem[]; held: HeldIdentities }> {
  const problems: ImportProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  const regionCodes = new Set<string>([
    ...doc.organisations.map((o) => o.region),
    ...doc.cases.map((c) => c.region),
    ...doc.offers.flatMap((o) => o.regions),
  ]);
  const known = new Set(
    regionCodes.size === 0
      ? []
      : (await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, [...regionCodes]))).map((r) => r.code),
  );
  const checkRegion = (path: string, code: string) => {
    if (!known.has(code)) problem(path, `unknown region code "${code}"`);
  };

  const orgs = new Map<string, OrganisationRef>();
  const referenced = [...doc.cases.map((c) => c.organisation), ...doc.offers.map((o) => o.organisation), ...doc.organisations.flatMap((o) => (o.parent ? [o.parent] : []))];
  const stored = referenced.length
    ? await db
        .select({ key: organisations.importKey, kind: organisations.kind, name: organisations.name, region: organisations.regionCode, status: organisations.status })
        .from(organisations)
        .where(inArray(organisations.importKey, [...new Set(referenced)]))
    : [];
  for (const o of stored) if (o.key) orgs.set(o.key, o);
  for (const o of doc.organisations) orgs.set(o.key, { kind: o.kind, name: o.name, region: o.region });

  // The status an organisation has once the file is in, as upsertOrganisations sets it: unions and
  // organisations marked verified are verified, and a verification made on the site is kept.
  const statusBefore = new Map(stored.flatMap((o) => (o.key ? [[o.key, o.status] as const] : [])));
  const inFile = new Map(doc.organisations.map((o) => [o.key, o]));
  const statusAfter = (key: string): OrganisationStatus | undefined => {
    const o = inFile.get(key);
    if (!o) return statusBefore.get(key);
    return o.kind === "union" || o.verified || statusBefore.get(key) === "verified" ? "verified" : "pending";
  };

  /** The union `key` exists and its region contains `region` (reported at `regionPath`). */
  const union = (path: string, key: string, regionPath: string, region: string) => {
    const org = orgs.get(key);
    if (!org) return problem(path, `no organisation with key "${key}" in the file or the database`);
    if (org.kind !== "union") return problem(path, `"${key}" is not a union (it is of kind ${org.kind})`);
    if (!region.startsWith(org.region)) problem(regionPath, `region ${region} is outside ${org.name} (${org.region})`);
  };

  doc.organisations.forEach((o, i) => {
    checkRegion(`organisations[${i}].region`, o.region);
    if (o.parent) {
      if (o.kind !== "union") problem(`organisations[${i}].parent`, "only a union has a parent union");
      else if (o.parent === o.key) problem(`organisations[${i}].parent`, "must not be the organisation itself");
      else union(`organisations[${i}].parent`, o.parent, `organisations[${i}].region`, o.region);
    }
  });

  doc.cases.forEach((c, i) => {
    checkRegion(`cases[${i}].region`, c.region);
    union(`cases[${i}].organisation`, c.organisation, `cases[${i}].region`, c.region);
  });

  doc.offers.forEach((o, i) => {
    o.regions.forEach((code, j) => checkRegion(`offers[${i}].regions[${j}]`, code));
    if (!orgs.has(o.organisation)) return problem(`offers[${i}].organisation`, `no organisation with key "${o.organisation}" in the file or the database`);
    const status = statusAfter(o.organisation);
    if (o.status === "open" && status && !canPublishOffers({ status })) {
      problem(`offers[${i}].status`, `"${o.organisation}" is not verified (it is ${status}): only a verified organisation has open offers`);
    }
  });

  const held: HeldIdentities = new Map();
  const hashes = doc.cases.map((c) => cipher.hashResidentId(c.head.idNumber));
  if (hashes.length) {
    const rows = await db
      .select({ id: cases.id, idHash: cases.idHash, importKey: cases.importKey, union: organisations.name })
      .from(cases)
      .innerJoin(organisations, eq(organisations.id, cases.organisationId))
      .where(inArray(cases.idHash, hashes));
    const byHash = new Map(rows.map((r) => [r.idHash.toString("hex"), r]));
    doc.cases.forEach((c, i) => {
      const row = byHash.get(hashes[i]?.toString("hex") ?? "");
      if (!row) return;
      // The same household under another key: precise identification (不添一人) forbids a second case.
      if (row.importKey && row.importKey !== c.key) {
        problem(`cases[${i}].head.idNumber`, `already registered with ${row.union}`);
      } else held.set(i, { caseId: row.id, importKey: row.importKey });
    });
  }

  // A household that exists already moves through the case lifecycle as on its page, one legal
  // step at a time; and its consent is withdrawn on the case page, which withdraws its needs too.
  const keys = doc.cases.map((c) => c.key);
  const adopted = [...held.values()].map((h) => h.caseId);
  const existing = keys.length
    ? await db
        .select({ id: cases.id, key: cases.importKey, status: cases.status, consent: cases.consent })
        .from(cases)
        .where(adopted.length ? or(inArray(cases.importKey, keys), inArray(cases.id, adopted)) : inArray(cases.importKey, keys))
    : [];
  const byKey = new Map(existing.flatMap((r) => (r.key ? [[r.key, r] as const] : [])));
  const byId = new Map(existing.map((r) => [r.id, r]));
  doc.cases.forEach((c, i) => {
    const heldCase = held.get(i);
    const current = byKey.get(c.key) ?? (heldCase ? byId.get(heldCase.caseId) : undefined);
    if (!current) return;
    if (current.status !== c.status && !canMoveCase(current.status, c.status)) problem(`cases[${i}].status`, `a household cannot move from ${current.status} to ${c.status}`);
    if (current.consent && !c.consent) problem(`cases[${i}].consent`, "consent is withdrawn on the case page, which takes the household's needs off the site");
  });

  return { problems, held };
}
