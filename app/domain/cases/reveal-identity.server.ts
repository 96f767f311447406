// The one way staff read a household's identity (DESIGN §3.1): scoped to the actor's
// region, for a reason chosen from REVEAL_REASONS, and logged — the audit row is written in the
// same transaction as the read, so there is no read without its record.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { applications } from "../../../db/schema/case-records";
import { cases } from "../../../db/schema/cases";
import type { Actor } from "../auth/actor";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { PersonIdentityField } from "../privacy/read-identities.server";
import { PERSON_IDENTITY_FIELDS, readIdentities } from "../privacy/read-identities.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import type { RevealReason } from "./case-records-vocabulary";
import { REVEAL_REASONS } from "./case-records-vocabulary";

export type CaseIdentityField = PersonIdentityField;
export const CASE_IDENTITY_FIELDS: readonly CaseIdentityField[] = PERSON_IDENTITY_FIELDS;

export function isRevealReason(value: unknown): value is RevealReason {
  return typeof value === "string" && (REVEAL_REASONS as readonly string[]).includes(value);
}

/**
 * Decrypts identity fields of a case in the actor's region and logs the reveal with its reason;
 * null when the case is not in the actor's region (a 404 for the caller).
 */
export async function revealCaseIdentity(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  caseId: string;
  fields: readonly CaseIdentityField[];
  reason: RevealReason;
  ip: string | null;
}): Promise<Partial<Record<CaseIdentityField, string>> | null> {
  const scope = regionScope(options.actor, "read-cases");
  if (!options.fields.length) return {};
  return options.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ regionCode: cases.regionCode, organisationId: cases.organisationId, name: cases.headNameEnc, idNumber: cases.headIdNumberEnc, phone: cases.headPhoneEnc, address: cases.headAddressEnc })
      .from(cases)
      .where(and(eq(cases.id, options.caseId), inRegionScope(cases.regionCode, scope)));
    if (!row) return null;
    return readIdentities(tx, {
      cipher: options.cipher,
      fields: options.fields,
      use: (read) => Object.fromEntries(options.fields.map((field) => [field, read(row, field)])),
      audit: () => ({
        actor: options.actor,
        action: "identity.reveal",
        entity: "case",
        entityId: options.caseId,
        organisationId: row.organisationId,
        regionCode: row.regionCode,
        ip: options.ip,
        // Which fields and why — never the values.
        after: { fields: [...options.fields], reason: options.reason },
      }),
    });
  });
}

/** The same for an online application's identity (protected exactly like a case's). */
export async function revealApplicationIdentity(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  applicationId: string;
  reason: RevealReason;
  ip: string | null;
}): Promise<{ name: string; idNumber: string; phone: string } | null> {
  const scope = regionScope(options.actor, "write-cases");
  return options.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ regionCode: applications.regionCode, name: applications.nameEnc, idNumber: applications.idNumberEnc, phone: applications.phoneEnc })
      .from(applications)
      .where(and(eq(applications.id, options.applicationId), inRegionScope(applications.regionCode, scope)));
    if (!row) return null;
    return readIdentities(tx, {
      cipher: options.cipher,
      fields: ["name", "idNumber", "phone"] as const,
      use: (read) => ({ name: read(row, "name"), idNumber: read(row, "idNumber"), phone: read(row, "phone") }),
      audit: () => ({
        actor: options.actor,
        action: "identity.reveal",
        entity: "application",
        entityId: options.applicationId,
        regionCode: row.regionCode,
        ip: options.ip,
        after: { fields: ["name", "idNumber", "phone"], reason: options.reason },
      }),
    });
  });
}
