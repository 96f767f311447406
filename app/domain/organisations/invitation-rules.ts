// When an invitation link still works: pure rules shared by the members page and the invitation page.

/** An invitation link works for a week. */
export const INVITATION_DAYS = 7;

export type InvitationState = "valid" | "expired" | "revoked" | "accepted" | "closed";

/** Why an invitation can or cannot be accepted now; a used link is "accepted" even once it expired. */
export function invitationState(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date; organisationStatus: string },
  now = new Date(),
): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  // A rejected organisation takes no one in (its admins cannot invite any more either).
  if (invitation.organisationStatus === "rejected") return "closed";
  return "valid";
}
