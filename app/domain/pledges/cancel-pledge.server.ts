// Union finance staff cancel a pledge that will not be paid (the donor changed their mind, a
// duplicate made by hand). Only an open pledge of the actor's own union, with no money received,
// is cancelled; who and when stay on the row and in the audit log.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { pledges } from "../../../db/schema/ledger";
import type { Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit.server";
import { isUnionStaff } from "../auth/permissions";
import { DomainError } from "../errors/domain-error";

/** Cancels an open pledge of the finance user's union; a 404 for another union's, a 409 once it is no longer open. */
export async function cancelPledge(options: { db: Database; actor: Actor; ref: string; now?: Date }): Promise<{ ref: string }> {
  const { db, actor } = options;
  const organisationId = actor.membership?.organisationId;
  if (!organisationId || !isUnionStaff(actor, ["finance"])) throw new DomainError("forbidden", "noAccess", "only union finance staff cancel pledges");
  const now = options.now ?? new Date();
  const cancelled = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(pledges)
      .set({ status: "cancelled", cancelledAt: now, cancelledBy: actor.userId, updatedAt: now })
      .where(and(eq(pledges.ref, options.ref), eq(pledges.organisationId, organisationId), eq(pledges.status, "open")))
      .returning({ id: pledges.id, ref: pledges.ref });
    if (row) await recordAudit(tx, { actor, action: "ledger.pledge-cancel", entity: "pledge", entityId: row.id, organisationId, before: { status: "open" }, after: { ref: row.ref, status: "cancelled" } });
    return row;
  });
  if (cancelled) return { ref: cancelled.ref };
  const [existing] = await db
    .select({ status: pledges.status })
    .from(pledges)
    .where(and(eq(pledges.ref, options.ref), eq(pledges.organisationId, organisationId)))
    .limit(1);
  if (!existing) throw new DomainError("not-found", "invalidInput", "no pledge with this reference in the union's books");
  throw new DomainError("conflict", "invalidInput", `a ${existing.status} pledge is not cancelled`);
}
