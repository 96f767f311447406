export const ORGANISATION_KINDS = ["union", "charity", "employer", "training", "volunteer", "government"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_STATUSES = ["pending", "verified", "rejected"] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** Kinds that register themselves on the public form; unions are created by the platform. */
export const REGISTRABLE_KINDS = ["charity", "employer", "training", "volunteer", "government"] as const satisfies readonly Exclude<OrganisationKind, "union">[];
