// Who may act on the site (DESIGN §1). A union's staff hold one of the union roles; a provider
// organisation's people are its admins or members. Pure vocabulary, shared by server and UI.
export const UNION_ROLES = ["admin", "caseworker", "finance", "auditor"] as const;
export const PROVIDER_ROLES = ["admin", "member"] as const;
export const MEMBERSHIP_ROLES = ["admin", "caseworker", "finance", "auditor", "member"] as const;
export type UnionRole = (typeof UNION_ROLES)[number];
export type ProviderRole = (typeof PROVIDER_ROLES)[number];
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** The roles an organisation of this kind can give its people. */
export function rolesForKind(kind: string): readonly MembershipRole[] {
  return kind === "union" ? UNION_ROLES : PROVIDER_ROLES;
}

/** Finance and admin staff must sign in with a second factor; platform admins too. */
export function roleRequiresSecondFactor(role: MembershipRole | null, kind: string | null, isPlatformAdmin: boolean): boolean {
  if (isPlatformAdmin) return true;
  return kind === "union" && (role === "admin" || role === "finance");
}
