// Writes the whole database in the import format (DESIGN §7), identities decrypted: this is a
// staff tool for moving data between installations, and its output must be handled as such. The
// read of the identities is audited (`case.export`, with the count) in the export's transaction.
// Rows created on the site have no import key: their key is their reference or id.
import { asc, eq } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { isHardshipCause } from "../cases/case-vocabulary";
import type { AuditActor } from "../audit/record-audit.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { PERSON_IDENTITY_FIELDS, readIdentities } from "../privacy/read-identities.server";
import type { ImportDocumentInput } from "./import-document";

/** The database as an import document, read for `actor` and audited; importing it again changes nothing. */
export async function exportDocument(options: { db: Database; cipher: IdentityCipher; actor: AuditActor }): Promise<ImportDocumentInput> {
  // One snapshot, so the audited count is the count written.
  return options.db.transaction((tx) => readDocument(tx, options.cipher, options.actor));
}

async function readDocument(db: Transaction, cipher: IdentityCipher, actor: AuditActor): Promise<ImportDocumentInput> {
  const orgRows = await db.select().from(organisations).orderBy(asc(organisations.createdAt), asc(organisations.id));
  const orgKey = new Map(orgRows.map((o) => [o.id, o.importKey ?? o.id]));
  const caseRows = await db.select().from(cases).orderBy(asc(cases.createdAt), asc(cases.id));
  const needRows = await db.select().from(needs).orderBy(asc(needs.createdAt), asc(needs.id));
  const offerRows = await db
    .select({ offer: offers, organisationId: organisations.id })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .orderBy(asc(offers.createdAt), asc(offers.id));

  const needsByCase = new Map<string, typeof needRows>();
  for (const n of needRows) needsByCase.set(n.caseId, [...(needsByCase.get(n.caseId) ?? []), n]);
  const heads = await readIdentities(db, {
    cipher,
    fields: PERSON_IDENTITY_FIELDS,
    use: (read) =>
      caseRows.map((c) => {
        const encrypted = { name: c.headNameEnc, idNumber: c.headIdNumberEnc, phone: c.headPhoneEnc, address: c.headAddressEnc };
        return { c, identity: { name: read(encrypted, "name"), idNumber: read(encrypted, "idNumber"), phone: read(encrypted, "phone"), address: read(encrypted, "address") } };
      }),
    // How many households' identities left, in which form — never a value.
    audit: (read) => ({ actor, action: "case.export", entity: "case", after: { format: "json", count: read.length } }),
  });
  return {
    version: 1,
    // Parents before children, so the file reads top-down like the union tree.
    organisations: sortParentsFirst(orgRows).map((o) => ({
      key: orgKey.get(o.id) ?? o.id,
      kind: o.kind,
      name: o.name,
      region: o.regionCode,
      parent: o.parentId ? (orgKey.get(o.parentId) ?? null) : null,
      description: o.description,
      verified: o.status === "verified",
    })),
    cases: heads.map(({ c, identity }) => ({
      key: c.importKey ?? c.id,
      organisation: orgKey.get(c.organisationId) ?? c.organisationId,
      region: c.regionCode,
      head: {
        ...identity,
        birthYear: c.birthYear,
        sex: c.sex,
      },
      householdSize: c.householdSize,
      monthlyIncomePerHead: c.monthlyIncomePerHead,
      causes: c.causes.filter(isHardshipCause),
      tier: c.tier,
      status: c.status,
      consent: c.consent,
      needs: (needsByCase.get(c.id) ?? []).map((n) => ({
        key: n.importKey ?? n.ref,
        category: n.category,
        title: n.title,
        story: n.story,
        skills: n.skills,
        amount: n.targetAmount,
        publish: n.status === "published" || n.status === "matched",
      })),
    })),
    offers: offerRows.map(({ offer: o, organisationId }) => ({
      key: o.importKey ?? o.ref,
      organisation: orgKey.get(organisationId) ?? organisationId,
      category: o.category,
      type: o.offerType,
      ...(Object.keys(o.details).length ? { details: o.details } : {}),
      title: o.title,
      description: o.description,
      skills: o.skills,
      regions: o.regionCodes,
      capacity: o.capacity,
      amount: o.amount,
      validFrom: o.validFrom,
      validUntil: o.validUntil,
      status: o.status,
    })),
  };
}

function sortParentsFirst<T extends { id: string; parentId: string | null }>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const depth = (row: T, seen = new Set<string>()): number => {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    if (!parent || seen.has(row.id)) return 0;
    seen.add(row.id);
    return 1 + depth(parent, seen);
  };
  return rows.map((row, i) => ({ row, i, d: depth(row) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.row);
}
