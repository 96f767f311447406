// The shape of GET /api/v1/impact: the public impact figures of a region, every cell either a
// figure or the reason it is hidden (small-cell suppression, app/domain/reports/suppress-small-cells.ts).
import { z } from "zod";
import { CASE_TIERS, HARDSHIP_CAUSES } from "../domain/cases/case-vocabulary";
import { FUND_SOURCES } from "../domain/ledger/ledger-vocabulary";
import { NEED_CATEGORIES } from "../domain/needs/need-category";
import { ORGANISATION_KINDS } from "../domain/organisations/organisation-vocabulary";
import { apiSchemas } from "./public-schemas";

/** The component name of the body in the OpenAPI document. */
export const IMPACT_SCHEMA_ID = "Impact";

const count = z
  .strictObject({
    value: z.number().int().min(0).nullable().describe("The count; null when hidden. Never 1–4: a shown count is 0 or at least 5"),
    hidden: z.enum(["fewer-than-5", "complementary"]).nullable().describe("fewer-than-5: fewer than 5 households (shown \"<5\"); complementary: hidden so that no hidden figure can be worked out by subtraction"),
  })
  .register(apiSchemas, { id: "ImpactCount", description: "A count of households (or of needs or matches, hidden when fewer than 5 households are behind it)" });

const amount = z
  .strictObject({
    amount: z.string().regex(/^-?\d+\.\d{2}$/).nullable().describe("Exact amount in yuan as decimal text; null when hidden"),
    hidden: z.enum(["few-households-helped", "complementary"]).nullable().describe("few-households-helped: fewer than 5 households of the region were helped; complementary: hidden so that no hidden amount can be worked out by subtraction"),
  })
  .register(apiSchemas, { id: "ImpactAmount", description: "An amount of the books of the region's unions" });

const regionName = z.strictObject({ code: z.string().regex(/^(\d{2}|\d{4})$/), nameZh: z.string(), nameEn: z.string() });

export const impactSchema = z
  .strictObject({
    data: z.strictObject({
      region: regionName.extend({ level: z.enum(["province", "prefecture"]) }).nullable().describe("Null for the whole site"),
      trail: z.array(regionName).describe("The regions above, province first"),
      households: z.strictObject({
        registered: count,
        helped: count.describe("Households with a need or a match of theirs fulfilled"),
        byTier: z.array(z.strictObject({ tier: z.enum(CASE_TIERS), count })),
        byCause: z.array(z.strictObject({ cause: z.enum(HARDSHIP_CAUSES), count })).describe("A household may have several causes: these add up to more than the households"),
      }),
      needs: z.strictObject({
        published: count.describe("Needs ever published"),
        fulfilled: count,
        byCategory: z.array(z.strictObject({ category: z.enum(NEED_CATEGORIES), published: count, fulfilled: count })),
      }),
      matches: z.strictObject({ fulfilled: count, byProviderKind: z.array(z.strictObject({ kind: z.enum(ORGANISATION_KINDS), fulfilled: count })) }),
      money: z.strictObject({
        received: amount,
        bySource: z.array(z.strictObject({ source: z.enum(FUND_SOURCES), amount })),
        allocated: amount,
        disbursed: amount,
      }),
      children: z.array(regionName.extend({ registered: count, helped: count })).describe("Provinces of the site, or prefectures of a province, that hold any figure"),
    }),
    meta: z.strictObject({
      threshold: z.number().int().describe("Cells of fewer households than this are hidden (5)"),
      asOf: z.iso.datetime().describe("When the figures were read; they are read at most once a minute"),
    }),
  })
  .register(apiSchemas, { id: IMPACT_SCHEMA_ID, description: "What the site's work adds up to in a region, since it began, with no household singled out" });

export type ImpactBody = z.output<typeof impactSchema>;
