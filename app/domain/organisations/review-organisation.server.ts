// A union admin's decision on a registered organisation of their region: verified
// organisations publish offers, rejected ones read the reason at /organisation. Decided once: only
// a pending organisation can be reviewed, and the row lock makes a second admin wait and get 409.
// There is no re-submission after a rejection yet; the applicant contacts the union.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { organisations } from "../../../db/schema/organisations";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { canReviewOrganisation } from "../auth/permissions";
import { conflict, forbidden, notFound } from "../errors/domain-error";
import { regionScope } from "../regions/region-scope.server";
import type { MailContext } from "./organisation-mail.server";
import { mailReviewDecision } from "./organisation-mail.server";
import { touchOrganisationOffers } from "../offers/touch-organisation-offers.server";
import { inReviewScope } from "./organisations-for-review.server";
import type { ReviewDecision } from "./review-schema";

/** Verifies or rejects a pending organisation of the actor's region and emails its admins. */
export async function reviewOrganisation(options: {
  db: Database;
  actor: Actor;
  organisationId: string;
  decision: ReviewDecision;
  ip: string | null;
  mail: MailContext;
}): Promise<{ status: "verified" | "rejected" }> {
  const { db, actor, decision } = options;
  const scope = regionScope(actor, "review-organisations");
  const reviewed = await db.transaction(async (tx) => {
    const [organisation] = await tx
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, regionCode: organisations.regionCode, status: organisations.status })
      .from(organisations)
      .where(and(eq(organisations.id, options.organisationId), inReviewScope(scope)))
      .for("update");
    if (!organisation) throw notFound("organisationNotFound", "No such organisation in your region.");
    if (!canReviewOrganisation(actor, organisation)) throw forbidden("You may not review this organisation.");
    if (organisation.status !== "pending") throw conflict("organisationReviewed", `This organisation has already been reviewed (${organisation.status}).`);
    const status: "verified" | "rejected" = decision.decision === "verify" ? "verified" : "rejected";
    const rejectionReason = decision.decision === "reject" ? decision.reason : null;
    const now = new Date();
    await tx.update(organisations).set({ status, rejectionReason, reviewedAt: now, reviewedBy: actor.userId, updatedAt: now }).where(eq(organisations.id, organisation.id));
    // Only a verified organisation's offers are listed: its offers' public projection changes with it.
    await touchOrganisationOffers(tx, [organisation.id]);
    await recordAudit(tx, {
      actor,
      action: `organisation.${decision.decision}`,
      entity: "organisation",
      entityId: organisation.id,
      organisationId: organisation.id,
      regionCode: organisation.regionCode,
      ip: options.ip,
      before: { status: organisation.status },
      after: rejectionReason === null ? { status } : { status, rejectionReason },
    });
    return { id: organisation.id, name: organisation.name, status, rejectionReason };
  });
  await mailReviewDecision(db, options.mail, reviewed);
  return { status: reviewed.status };
}
