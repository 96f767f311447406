// Finds a case of the actor's region from what a member of staff typed: its case number, or the
// household head's exact resident ID. The ID is never searched as text: its keyed HMAC (the one the
// platform-wide uniqueness check stores) is compared, only within the actor's region, and every such
// look-up is audited — found or not — without the ID. Another region's household is not found.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import { parseCaseNumber } from "./case-number";
import { checkResidentId, normaliseResidentId } from "./resident-id";

export type FindCaseResult =
  | { kind: "found"; caseId: string }
  | { kind: "not-found"; by: "case-number" | "resident-id" }
  /** Neither a case number nor a valid resident ID. */
  | { kind: "not-a-reference" };

/** The case of the actor's region with this case number or head's resident ID. */
export async function findCase(options: { db: Database; cipher: IdentityCipher; actor: Actor; query: string; ip: string | null }): Promise<FindCaseResult> {
  const { db, actor } = options;
  const scope = regionScope(actor, "read-cases");
  const caseNumber = parseCaseNumber(options.query);
  if (caseNumber) {
    const [row] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.caseNumber, caseNumber), inRegionScope(cases.regionCode, scope)));
    return row ? { kind: "found", caseId: row.id } : { kind: "not-found", by: "case-number" };
  }
  const residentId = normaliseResidentId(options.query.normalize("NFKC").trim());
  if (checkResidentId(residentId) !== null) return { kind: "not-a-reference" };
  const idHash = options.cipher.hashResidentId(residentId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: cases.id, regionCode: cases.regionCode })
      .from(cases)
      .where(and(eq(cases.idHash, idHash), inRegionScope(cases.regionCode, scope)));
    await recordAudit(tx, {
      actor,
      action: "case.find-by-resident-id",
      entity: "case",
      entityId: row?.id ?? null,
      organisationId: actor.membership?.organisationId ?? null,
      regionCode: row?.regionCode ?? scope,
      ip: options.ip,
      // Whether a case was found, never the ID that was asked for.
      after: { found: row !== undefined },
    });
    return row ? ({ kind: "found", caseId: row.id } as const) : ({ kind: "not-found", by: "resident-id" } as const);
  });
}
