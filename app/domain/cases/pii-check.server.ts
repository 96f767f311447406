// The PII guard's read of a household's identity (DESIGN §3.3): before a need's text goes public,
// its title, story and skills are checked against the case's own name, ID, phone and address.
// That is a read of the identity like any other (§3.1), so it is scoped to the actor's region and
// logged in the same transaction — but it is a read by the machine, not a reveal to a person:
// the values never leave this module, only where in the caseworker's own text they were found.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import type { Actor } from "../auth/actor";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { findPii } from "../privacy/pii-guard";
import { PERSON_IDENTITY_FIELDS, readIdentities } from "../privacy/read-identities.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import type { PiiCheckField, PiiSpan } from "./pii-check";
import { PII_CHECK_FIELDS } from "./pii-check";

/**
 * Runs the PII guard over `texts` with the identity of a case in the actor's region, and logs the
 * read (`identity.read-for-pii-check`). Null when the case is not in the actor's region.
 */
export async function readIdentityForPiiCheck(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  caseId: string;
  /** The need the texts are for (its reference), for the log; null for one not yet saved. */
  needRef: string | null;
  texts: Partial<Record<PiiCheckField, string>>;
  ip: string | null;
}): Promise<PiiSpan[] | null> {
  const scope = regionScope(options.actor, "write-cases");
  return options.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ regionCode: cases.regionCode, organisationId: cases.organisationId, name: cases.headNameEnc, idNumber: cases.headIdNumberEnc, phone: cases.headPhoneEnc, address: cases.headAddressEnc })
      .from(cases)
      .where(and(eq(cases.id, options.caseId), inRegionScope(cases.regionCode, scope)));
    if (!row) return null;
    return readIdentities(tx, {
      cipher: options.cipher,
      fields: PERSON_IDENTITY_FIELDS,
      use: (read) => {
        const identity = { name: read(row, "name"), idNumber: read(row, "idNumber"), phone: read(row, "phone"), address: read(row, "address") };
        const spans: PiiSpan[] = [];
        for (const field of PII_CHECK_FIELDS) {
          const text = options.texts[field];
          if (text) for (const hit of findPii(text, identity)) spans.push({ field, kind: hit.kind, start: hit.start, end: hit.end });
        }
        return spans;
      },
      audit: (spans) => ({
        actor: options.actor,
        action: "identity.read-for-pii-check",
        entity: "case",
        entityId: options.caseId,
        organisationId: row.organisationId,
        regionCode: row.regionCode,
        ip: options.ip,
        // Which fields were read and what was found, by kind — never a value or the text.
        after: { fields: ["name", "idNumber", "phone", "address"], need: options.needRef, findings: [...new Set(spans.map((s) => s.kind))] },
      }),
    });
  });
}
