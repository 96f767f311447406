// The audit row of a match's step: the match, its need's county, the provider organisation; the
// summary names statuses and references, never a person.
import type { Transaction } from "../../../db/client.server";
import type { AuditAction } from "../audit/audit-actions";
import type { AuditActor } from "../audit/record-audit.server";
import { recordAudit } from "../audit/record-audit.server";

export async function auditMatch(
  tx: Transaction,
  entry: {
    actor: AuditActor;
    action: AuditAction;
    match: { id: string; ref: string; needRef: string; offerRef: string; needRegionCode: string; offerOrganisationId: string };
    ip?: string | null;
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
  },
): Promise<void> {
  const { match } = entry;
  await recordAudit(tx, {
    actor: entry.actor,
    action: entry.action,
    entity: "match",
    entityId: match.id,
    organisationId: match.offerOrganisationId,
    regionCode: match.needRegionCode,
    ip: entry.ip ?? null,
    before: entry.before,
    after: { ref: match.ref, need: match.needRef, offer: match.offerRef, ...entry.after },
  });
}
