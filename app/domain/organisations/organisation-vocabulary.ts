export const ORGANISATION_KINDS = ["union", "charity", "employer", "training", "volunteer", "government"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_STATUSES = ["pending", "verified", "rejected"] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];
