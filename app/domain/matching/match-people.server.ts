// Who hears of a match's step, and what they are told: the union side (the match's caseworker, or
// while there is none the admins and caseworkers of the union that holds the household) and the
// provider side (the offer's organisation's admins and members). The actor is not told of their own
// step. Params are references and the offer's public title only — never who the household is.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { memberships, users } from "../../../db/schema/accounts";
import type { Actor } from "../auth/actor";
import type { NotificationKind } from "../notifications/notification-kinds";
import { notify } from "../notifications/notify.server";

export interface MatchForNotice {
  id: string;
  ref: string;
  needRef: string;
  offerRef: string;
  offerTitle: string;
  caseworkerId: string | null;
  caseOrganisationId: string;
  offerOrganisationId: string;
}

async function membersWithRoles(tx: Transaction, organisationId: string, roles: ("admin" | "caseworker" | "member")[]): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, roles), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

/** Where each side opens a match. */
export const staffMatchHref = (match: { needRef: string }) => `/staff/needs/${match.needRef}`;
export const providerMatchHref = (match: { ref: string }) => `/organisation/matches/${match.ref}`;

/** Notifies one side of a match; returns the notification ids (to email after the commit). */
export async function notifyMatchSide(
  tx: Transaction,
  options: { match: MatchForNotice; side: "staff" | "provider"; kind: NotificationKind; actor: Pick<Actor, "userId"> | null; needRef?: boolean },
): Promise<string[]> {
  const { match } = options;
  const people =
    options.side === "staff"
      ? match.caseworkerId
        ? [match.caseworkerId]
        : await membersWithRoles(tx, match.caseOrganisationId, ["admin", "caseworker"])
      : await membersWithRoles(tx, match.offerOrganisationId, ["admin", "member"]);
  return notify(tx, {
    userIds: people.filter((id) => id !== options.actor?.userId),
    kind: options.kind,
    matchId: match.id,
    params: { match: match.ref, need: match.needRef, offer: match.offerRef, offerTitle: match.offerTitle },
    href: options.side === "staff" ? staffMatchHref(match) : providerMatchHref(match),
  });
}
