// The offer form: one zod schema shared by the browser (Conform) and the server. Pure, so it ships
// to the browser: amounts stay text (the server turns them into Decimals through money.ts). The
// limits are the JSON import's (import-document.ts), so an offer written here could have been
// imported. The type's details are flat fields; only the chosen type's are kept (offer-details.ts).
import { z } from "zod";
import { NEED_CATEGORIES } from "../needs/need-category";
import type { NeedCategory } from "../needs/need-category";
import { normaliseAmountText, parseSkills } from "../needs/need-form";
import type { OfferDetails } from "./offer-details";
import { offerDetailsSchemas } from "./offer-details";
import type { OfferType } from "./offer-vocabulary";
import { OFFER_TYPES } from "./offer-vocabulary";

export const OFFER_TITLE_MAX = 80;
export const OFFER_DESCRIPTION_MAX = 4000;
export const OFFER_SKILLS_MAX = 20;
export const OFFER_SKILL_MAX = 40;
export const OFFER_CAPACITY_MAX = 1_000_000;

/** Every detail field of the form, each used by the types that list it. */
export const OFFER_DETAIL_FIELDS = ["hours", "payMin", "payMax", "payPeriod", "accommodations", "schedule", "certificate", "learnerCost", "eligibility", "howToClaim", "items"] as const;
export type OfferDetailField = (typeof OFFER_DETAIL_FIELDS)[number];
export const PAY_PERIODS = ["month", "day", "hour"] as const;
/** Detail fields that are amounts in yuan. */
const MONEY_DETAILS: readonly OfferDetailField[] = ["payMin", "payMax", "learnerCost"];

/** The detail fields of a type, in form order. */
export function detailFieldsOf(type: OfferType): OfferDetailField[] {
  const keys = Object.keys(offerDetailsSchemas[type].shape);
  return OFFER_DETAIL_FIELDS.filter((field) => keys.includes(field));
}

/** What a member writes for an offer. */
export interface OfferContent {
  offerType: OfferType;
  category: NeedCategory;
  title: string;
  description: string;
  skills: string[];
  /** Covered region codes, none below another. */
  regionCodes: string[];
  capacity: number;
  /** Yuan as canonical text ("3000.00"); for a grant, per recipient. */
  amount: string | null;
  validFrom: string | null;
  validUntil: string | null;
  details: OfferDetails;
}

const REGION_CODE = /^(\d{2}|\d{4}|\d{6})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional();
const optionalAmount = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === "") return null;
    const amount = normaliseAmountText(raw);
    if (amount === null) ctx.addIssue({ code: "custom", message: "offers:errors.amountInvalid" });
    return amount;
  });
const optionalDate = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const text = raw?.trim() ?? "";
    if (text === "") return null;
    if (!ISO_DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) ctx.addIssue({ code: "custom", message: "offers:errors.dateInvalid" });
    return text;
  });

/** Region codes as the picker sends them: one or many `regions` values. */
const regionsField = z
  .union([z.string(), z.array(z.string())], "offers:errors.regionsRequired")
  .transform((raw) => [...new Set((Array.isArray(raw) ? raw : [raw]).map((code) => code.trim()).filter(Boolean))])
  .pipe(z.array(z.string().regex(REGION_CODE, "offers:errors.regionsRequired")).min(1, "offers:errors.regionsRequired").max(200, "offers:errors.tooManyRegions"));

export const offerFormSchema = z
  .object({
    offerType: z.enum(OFFER_TYPES, "offers:errors.typeRequired"),
    category: z.enum(NEED_CATEGORIES, "offers:errors.categoryRequired"),
    title: z.string("offers:errors.titleRequired").trim().min(1, "offers:errors.titleRequired").max(OFFER_TITLE_MAX, "offers:errors.titleTooLong"),
    description: z
      .string("offers:errors.descriptionRequired")
      .trim()
      .min(1, "offers:errors.descriptionRequired")
      .max(OFFER_DESCRIPTION_MAX, "offers:errors.descriptionTooLong"),
    skills: z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const skills = parseSkills(raw);
        if (skills.length > OFFER_SKILLS_MAX) ctx.addIssue({ code: "custom", message: "offers:errors.tooManySkills" });
        if (skills.some((skill) => skill.length > OFFER_SKILL_MAX)) ctx.addIssue({ code: "custom", message: "offers:errors.skillTooLong" });
        return skills;
      }),
    regions: regionsField,
    capacity: z.coerce
      .number("offers:errors.capacityInvalid")
      .int("offers:errors.capacityInvalid")
      .min(1, "offers:errors.capacityInvalid")
      .max(OFFER_CAPACITY_MAX, "offers:errors.capacityInvalid"),
    amount: optionalAmount,
    validFrom: optionalDate,
    validUntil: optionalDate,
    hours: optionalText(200, "offers:errors.detailTooLong"),
    payMin: optionalAmount,
    payMax: optionalAmount,
    payPeriod: z.enum(PAY_PERIODS, "offers:errors.payPeriodInvalid").optional(),
    accommodations: optionalText(500, "offers:errors.detailTooLong"),
    schedule: optionalText(200, "offers:errors.detailTooLong"),
    certificate: optionalText(200, "offers:errors.detailTooLong"),
    learnerCost: optionalAmount,
    eligibility: optionalText(1000, "offers:errors.detailTooLong"),
    howToClaim: optionalText(1000, "offers:errors.detailTooLong"),
    items: optionalText(500, "offers:errors.detailTooLong"),
  })
  .superRefine((values, ctx) => {
    if (values.validFrom && values.validUntil && values.validFrom > values.validUntil) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "offers:errors.validRange" });
    }
    if (values.offerType === "grant" && values.amount === null) ctx.addIssue({ code: "custom", path: ["amount"], message: "offers:errors.grantAmountRequired" });
    if (values.offerType === "vacancy" && values.payMin && values.payMax && compareAmounts(values.payMin, values.payMax) > 0) {
      ctx.addIssue({ code: "custom", path: ["payMax"], message: "offers:errors.payRange" });
    }
    // A detail longer than its type allows (eligibility of a grant is shorter than of an entitlement).
    const parsed = offerDetailsSchemas[values.offerType].safeParse(detailsOf(values));
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path.map(String), message: "offers:errors.detailTooLong" });
  });

export type OfferFormValues = z.output<typeof offerFormSchema>;
/** The form's fields as the browser holds them: text, and the list of region codes. */
export type OfferFormFields = { [K in keyof z.input<typeof offerFormSchema>]?: K extends "regions" ? string[] : string };

/** Compares two canonical amounts ("3000.00") as text: longer whole part is larger. */
function compareAmounts(a: string, b: string): number {
  const [aw = "", ac = ""] = a.split(".");
  const [bw = "", bc = ""] = b.split(".");
  return aw.length - bw.length || (aw + ac).localeCompare(bw + bc);
}

/** The chosen type's details from the form's flat fields; empty ones left out. */
function detailsOf(values: OfferFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of detailFieldsOf(values.offerType)) {
    const value = values[field];
    if (typeof value === "string" && value !== "") out[field] = value;
  }
  return out;
}

/** The offer's content from a parsed form. */
export function offerContentOf(values: OfferFormValues): OfferContent {
  const parsed = offerDetailsSchemas[values.offerType].safeParse(detailsOf(values));
  return {
    offerType: values.offerType,
    category: values.category,
    title: values.title,
    description: values.description,
    skills: values.skills,
    regionCodes: values.regions,
    capacity: values.capacity,
    amount: values.amount,
    validFrom: values.validFrom,
    validUntil: values.validUntil,
    details: parsed.success ? parsed.data : {},
  };
}

/** The form's values for an offer being edited. */
export function offerFormValues(content: OfferContent): OfferFormFields {
  return {
    offerType: content.offerType,
    category: content.category,
    title: content.title,
    description: content.description,
    skills: content.skills.join("、"),
    regions: content.regionCodes,
    capacity: String(content.capacity),
    amount: content.amount ?? "",
    validFrom: content.validFrom ?? "",
    validUntil: content.validUntil ?? "",
    ...content.details,
  };
}

export const isMoneyDetail = (field: OfferDetailField) => MONEY_DETAILS.includes(field);
