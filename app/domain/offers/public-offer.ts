// The public projection of an offer. Offers belong to organisations and hold no personal data,
// but they still go out through one function so pages, API and index agree.
import type { OrganisationKind } from "../organisations/organisation-vocabulary";
import type { NeedCategory } from "../needs/need-category";
import type { OfferDetails } from "./offer-details";
import { publicOfferDetails } from "./offer-details";
import type { OfferType } from "./offer-vocabulary";

export interface PublicOfferSource {
  ref: string;
  version: number;
  category: NeedCategory;
  offerType: OfferType;
  details: OfferDetails;
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
  /** Vacancy, course, grant, service, entitlement or goods. */
  offerType: OfferType;
  /** The type's own details (pay range, schedule, who qualifies …): the offer's data, no persons. */
  details: OfferDetails;
  title: string;
  description: string;
  skills: string[];
  status: "open" | "paused" | "closed";
  organisationName: string;
  organisationKind: OrganisationKind;
  /** Codes of the regions the offer covers, and every ancestor of them (for filtering). */
  regionCodes: string[];
  regionPath: string[];
  /**
   * regionPath by level, for the region drill-down facets. An offer covering a whole province has
   * no prefecture or county codes: search adds such offers to every region below the one it covers.
   */
  provinceCodes: string[];
  prefectureCodes: string[];
  countyCodes: string[];
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
  "offerType",
  "details",
  "title",
  "description",
  "skills",
  "status",
  "organisationName",
  "organisationKind",
  "regionCodes",
  "regionPath",
  "provinceCodes",
  "prefectureCodes",
  "countyCodes",
  "regionNames",
  "capacity",
  "remainingCapacity",
  "amount",
  "validFrom",
  "validUntil",
  "updatedMonth",
] as const satisfies readonly (keyof PublicOffer)[];

/**
 * Policy first (应享尽享): at comparable relevance a public entitlement ranks before union and
 * charity help, which comes on top of it. Higher ranks first; the index document carries it as
 * policyRank and the PostgreSQL fallback ranks with it too.
 */
export const POLICY_RANK: Readonly<Record<OrganisationKind, number>> = { government: 3, union: 2, charity: 1, training: 0, employer: 0, volunteer: 0 };

// GB/T 2260 codes carry their level in their length: 2 digits province, 4 prefecture, 6 county.
const atLevel = (path: string[], digits: 2 | 4 | 6) => path.filter((code) => code.length === digits);

/** Builds the public projection of an offer from its allowlisted columns. */
export function toPublicOffer(source: PublicOfferSource): PublicOffer {
  const regionPath = [...new Set(source.regions.flatMap((r) => r.path))];
  return {
    ref: source.ref,
    version: source.version,
    category: source.category,
    offerType: source.offerType,
    details: publicOfferDetails(source.offerType, source.details),
    title: source.title,
    description: source.description,
    skills: [...source.skills],
    status: source.status,
    organisationName: source.organisation.name,
    organisationKind: source.organisation.kind,
    regionCodes: source.regions.map((r) => r.code),
    regionPath,
    provinceCodes: atLevel(regionPath, 2),
    prefectureCodes: atLevel(regionPath, 4),
    countyCodes: atLevel(regionPath, 6),
    regionNames: source.regions.map((r) => ({ zh: r.nameZh, en: r.nameEn })),
    capacity: source.capacity,
    remainingCapacity: source.remainingCapacity,
    amount: source.amount,
    validFrom: source.validFrom,
    validUntil: source.validUntil,
    updatedMonth: source.updatedAt.toISOString().slice(0, 7),
  };
}
