// The shapes the public API answers with, as zod schemas: the OpenAPI document is generated from
// them, the routes build their bodies as their types, and the tests parse real answers with them.
// The projections' fields come from PUBLIC_NEED_FIELDS / PUBLIC_OFFER_FIELDS, so none can drift.
import { z } from "zod";
import type { AgeBand } from "../domain/cases/age-band";
import { CASE_TIERS } from "../domain/cases/case-vocabulary";
import { NEED_CATEGORIES, PUBLIC_NEED_STATUSES } from "../domain/needs/need-category";
import type { PUBLIC_NEED_FIELDS, PublicNeed } from "../domain/needs/public-need";
import type { PUBLIC_OFFER_FIELDS, PublicOffer } from "../domain/offers/public-offer";
import { OFFER_TYPES } from "../domain/offers/offer-vocabulary";
import { MATCH_REASON_CODES } from "../domain/matching/reasons";
import { ORGANISATION_KINDS } from "../domain/organisations/organisation-vocabulary";
import { NEED_SORTS, OFFER_SORTS } from "../domain/search/search-link";

/** The named schemas of the document's components. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/).describe("GB/T 2260 region code: 2 digits province, 4 prefecture, 6 county");
const month = z.string().regex(/^\d{4}-\d{2}$/).describe("A month, YYYY-MM: public dates are by month");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// Amounts are exact decimal text in yuan, never a binary float.
const amount = z.string().regex(/^\d+\.\d{2}$/).describe("Exact amount in yuan as decimal text, e.g. \"4500.00\"");
const names = z.strictObject({ zh: z.string(), en: z.string() });
const count = z.number().int().min(0);
// The bands ageBand() can produce: minors are "child", with no age at all (DESIGN §3).
const AGE_BANDS = ["child", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"] as const;

const needFields = {
  ref: z.string().regex(/^N-[2-9A-HJKMNP-TV-Z]{7}$/).describe("Public reference, e.g. N-7K3Q9MX"),
  version: z.number().int().min(1).describe("Moves with every public change"),
  category: z.enum(NEED_CATEGORIES),
  title: z.string(),
  story: z.string().describe("Anonymised story"),
  skills: z.array(z.string()),
  status: z.enum(PUBLIC_NEED_STATUSES),
  regionCode: regionCode.describe("The county"),
  regionPath: z.array(regionCode).describe("Province, prefecture and county codes"),
  provinceCode: regionCode,
  prefectureCode: regionCode.nullable(),
  regionName: names,
  ageBand: z.enum(AGE_BANDS).describe("Ten-year band of the head of household; \"child\" for minors"),
  urgency: z.enum(CASE_TIERS),
  targetAmount: amount.nullable().describe("Null when the need is not for money"),
  hasTargetAmount: z.boolean(),
  publishedMonth: month,
  updatedMonth: month,
} satisfies Record<(typeof PUBLIC_NEED_FIELDS)[number], z.ZodType>;

const detailAmount = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/).describe("Exact amount in yuan as decimal text");
// Every key any offer type's details can have (offer-details.ts); an offer carries its type's only.
const offerDetails = z
  .strictObject({
    hours: z.string().optional().describe("vacancy: working hours"),
    payMin: detailAmount.optional().describe("vacancy: lowest pay, yuan per payPeriod"),
    payMax: detailAmount.optional().describe("vacancy: highest pay, yuan per payPeriod"),
    payPeriod: z.enum(["month", "day", "hour"]).optional(),
    accommodations: z.string().optional().describe("vacancy: accommodations for disability"),
    schedule: z.string().optional().describe("course, service: when it runs"),
    certificate: z.string().optional().describe("course: the certificate it leads to"),
    learnerCost: detailAmount.optional().describe("course: what the learner pays; absent or 0.00 when free"),
    eligibility: z.string().optional().describe("grant, entitlement: who qualifies"),
    howToClaim: z.string().optional().describe("entitlement: where and with which documents to claim"),
    items: z.string().optional().describe("goods: what and how much"),
  })
  .describe("The offer type's own details; for a grant the amount is per recipient and capacity the number of recipients");

const offerFields = {
  ref: z.string().regex(/^O-[2-9A-HJKMNP-TV-Z]{7}$/).describe("Public reference, e.g. O-4HW2K8P"),
  version: z.number().int().min(1).describe("Moves with every public change"),
  category: z.enum(NEED_CATEGORIES),
  offerType: z.enum(OFFER_TYPES),
  details: offerDetails,
  title: z.string(),
  description: z.string(),
  skills: z.array(z.string()).describe("Skills wanted or taught"),
  status: z.enum(["open", "paused", "closed"]).describe("Listings hold open offers; a single offer may be paused or closed"),
  organisationName: z.string(),
  organisationKind: z.enum(ORGANISATION_KINDS).describe("At comparable relevance, offers of government (public entitlements) rank first"),
  regionCodes: z.array(regionCode).describe("The regions covered; an offer for 53 covers 532923"),
  regionPath: z.array(regionCode).describe("The covered regions and every ancestor of them"),
  provinceCodes: z.array(regionCode),
  prefectureCodes: z.array(regionCode),
  countyCodes: z.array(regionCode),
  regionNames: z.array(names),
  capacity: count,
  remainingCapacity: count,
  amount: amount.nullable(),
  validFrom: isoDate.nullable(),
  validUntil: isoDate.nullable(),
  updatedMonth: month,
} satisfies Record<(typeof PUBLIC_OFFER_FIELDS)[number], z.ZodType>;

export const publicNeedSchema = z.strictObject(needFields).register(apiSchemas, { id: "PublicNeed", description: "The public projection of a need: nothing else about it leaves the server" });
export const publicOfferSchema = z.strictObject(offerFields).register(apiSchemas, { id: "PublicOffer", description: "The public projection of an offer" });

// Compile-time proof that the documented shapes are the projections' types. The document lists
// the age bands that exist, where the type says any "n-m".
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _ageBands: readonly AgeBand[] = AGE_BANDS;
const _needMatches: Same<z.output<typeof publicNeedSchema>, Omit<PublicNeed, "ageBand"> & { ageBand: (typeof AGE_BANDS)[number] }> = true;
const _offerMatches: Same<z.output<typeof publicOfferSchema>, PublicOffer> = true;

const facetCount = z.strictObject({ value: z.string(), count }).register(apiSchemas, { id: "FacetCount" });
const regionFacet = z
  .strictObject({ value: regionCode, nameZh: z.string(), nameEn: z.string(), count })
  .register(apiSchemas, { id: "RegionFacet", description: "A region one level below the selected one (or a province), with the results available in it" });
const links = z
  .strictObject({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable() })
  .register(apiSchemas, { id: "Links", description: "Relative URLs of this page and its neighbours" });
const pageMeta = <S extends readonly [string, ...string[]]>(sorts: S) =>
  z.strictObject({
    total: count,
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    totalPages: z.number().int().min(1),
    sort: z.enum(sorts).describe("The sort used: relevance needs words, so without q it is newest"),
    degraded: z.boolean().describe("True when the search engine was unavailable and a simpler database search answered"),
  });

export const needListSchema = z
  .strictObject({
    data: z.array(publicNeedSchema),
    meta: pageMeta(NEED_SORTS),
    facets: z.strictObject({ category: z.array(facetCount), urgency: z.array(facetCount), money: z.array(facetCount), region: z.array(regionFacet) }),
    links,
  })
  .register(apiSchemas, { id: "NeedList" });

export const offerListSchema = z
  .strictObject({
    data: z.array(publicOfferSchema),
    meta: pageMeta(OFFER_SORTS),
    facets: z.strictObject({ category: z.array(facetCount), kind: z.array(facetCount), region: z.array(regionFacet) }),
    links,
  })
  .register(apiSchemas, { id: "OfferList" });

export const needItemSchema = z.strictObject({ data: publicNeedSchema }).register(apiSchemas, { id: "NeedItem" });
export const offerItemSchema = z.strictObject({ data: publicOfferSchema }).register(apiSchemas, { id: "OfferItem" });

const matchReasonSchema = z
  .strictObject({
    code: z.enum(MATCH_REASON_CODES).describe("Why the offer was suggested: skill, concept, region-county / -prefecture / -province, policy (a public entitlement), capacity, urgency, fresh"),
    params: z.record(z.string(), z.string()).describe("The reason's values (skills, concept and region names in both languages, places left)"),
    text: names.describe("The reason as a sentence, in Chinese and English"),
  })
  .register(apiSchemas, { id: "MatchReason" });

export const offerSuggestionListSchema = z
  .strictObject({
    data: z.array(
      z.strictObject({
        offer: publicOfferSchema,
        score: z.number().min(0).max(1).describe("0..1, two decimals; best first"),
        reasons: z.array(matchReasonSchema),
      }),
    ),
    meta: z.strictObject({
      need: z.string().describe("The need's public reference"),
      limit: z.number().int().min(1),
      degraded: z.boolean().describe("True when the search engine was unavailable and the database answered, with simpler scoring"),
    }),
  })
  .register(apiSchemas, { id: "OfferSuggestionList", description: "Open offers that may serve a need, ranked, with the reasons: only offers that pass every hard rule (open, valid today, places left, verified organisation, covering the need's county, a compatible category)" });

export const API_ERROR_CODES = ["invalid_parameter", "not_found", "method_not_allowed", "forbidden", "conflict", "rate_limited", "internal_error"] as const;
export const apiErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(API_ERROR_CODES),
      message: z.string(),
      problems: z.array(z.strictObject({ parameter: z.string(), message: z.string() })).optional().describe("With invalid_parameter: what is wrong with which parameter"),
    }),
  })
  .register(apiSchemas, { id: "Error" });

// The routes hand over PublicNeed, whose ageBand type is wider than the bands the schema lists.
export type NeedListBody = Omit<z.output<typeof needListSchema>, "data"> & { data: PublicNeed[] };
export type OfferListBody = z.output<typeof offerListSchema>;
export type NeedItemBody = { data: PublicNeed };
export type OfferItemBody = z.output<typeof offerItemSchema>;
export type OfferSuggestionListBody = z.output<typeof offerSuggestionListSchema>;
export type ApiErrorBody = z.output<typeof apiErrorSchema>;
