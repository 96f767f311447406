// The public projection of an offer. Offers belong to organisations and hold no personal data,
// but they still go out through one function so pages, API and index agree.
import type { OrganisationKind } from "../organisations/organisation-vocabulary";
import type { NeedCategory } from "../needs/need-category";

export interface PublicOfferSource {
  ref: string;
  version: number;
  category: NeedCategory;
  title: string;
  description: string;
  skills: string[];
  status: "open" | "paused" | "closed";
  capacity: number;
  remainingCapacity: number;
  amount: string | null;
  validFrom: string | null;
  validUntil: string | null;
  updatedAt: Date;
  organisation: { name: string; kind: OrganisationKind };
  /** Covered regions with their ancestor paths. */
  regions: { code: string; path: string[]; nameZh: string; nameEn: string }[];
}

export interface PublicOffer {
  ref: string;
  version: number;
  category: NeedCategory;
  title: string;
  description: string;
  skills: string[];
  status: "open" | "paused" | "closed";
  organisationName: string;
  organisationKind: OrganisationKind;
  /**
   * Policy first (应享尽享): at comparable relevance a public entitlement ranks before union and
   * charity help, which comes on top of it. Higher ranks first.
   */
  policyRank: number;
  /** Codes of the regions the offer covers, and every ancestor of them (for filtering). */
  regionCodes: string[];
  regionPath: string[];
  regionNames: { zh: string; en: string }[];
  capacity: number;
  remainingCapacity: number;
  amount: string | null;
  validFrom: string | null;
  validUntil: string | null;
  updatedMonth: string;
}

export const PUBLIC_OFFER_FIELDS = [
  "ref",
  "version",
  "category",
  "title",
  "description",
  "skills",
  "status",
  "organisationName",
  "organisationKind",
  "policyRank",
  "regionCodes",
  "regionPath",
  "regionNames",
  "capacity",
  "remainingCapacity",
  "amount",
  "validFrom",
  "validUntil",
  "updatedMonth",
] as const satisfies readonly (keyof PublicOffer)[];

const POLICY_RANK: Record<OrganisationKind, number> = { government: 3, union: 2, charity: 1, training: 0, employer: 0, volunteer: 0 };

export function toPublicOffer(source: PublicOfferSource): PublicOffer {
  return {
    ref: source.ref,
    version: source.version,
    category: source.category,
    title: source.title,
    description: source.description,
    skills: [...source.skills],
    status: source.status,
    organisationName: source.organisation.name,
    organisationKind: source.organisation.kind,
    policyRank: POLICY_RANK[source.organisation.kind],
    regionCodes: source.regions.map((r) => r.code),
    regionPath: [...new Set(source.regions.flatMap((r) => r.path))],
    regionNames: source.regions.map((r) => ({ zh: r.nameZh, en: r.nameEn })),
    capacity: source.capacity,
    remainingCapacity: source.remainingCapacity,
    amount: source.amount,
    validFrom: source.validFrom,
    validUntil: source.validUntil,
    updatedMonth: source.updatedAt.toISOString().slice(0, 7),
  };
}
