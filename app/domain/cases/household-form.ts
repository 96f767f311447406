// The household registration form (/staff/cases/new), one schema for the browser and the server
// (Conform). It applies the rules of the JSON import (app/domain/import/import-document.ts) — same
// limits, same resident ID and phone checks — with messages as i18n keys of the "cases" namespace.
// What needs the database (the ID is free, the county is in the actor's region) the server adds.
import { z } from "zod";
import { MONEY_PATTERN } from "../money/money-text";
import { CASE_TIERS, HARDSHIP_CAUSES, SEXES } from "./case-vocabulary";
import { normaliseMobile } from "./phone";
import { checkResidentId, normaliseResidentId, residentIdBirthDate, residentIdSex } from "./resident-id";

const required = (key: string, max: number) =>
  z
    .string(`cases:errors.${key}`)
    .trim()
    .min(1, `cases:errors.${key}`)
    .max(max, `cases:errors.max${max}`);

const RESIDENT_ID_MESSAGES = {
  format: "cases:errors.idFormat",
  "birth-date": "cases:errors.idBirthDate",
  "check-digit": "cases:errors.idCheckDigit",
} as const;

/** A resident ID as people type it (spaces, dashes, full-width digits, x), normalised and checked. */
export const residentIdField = z.string("cases:errors.idRequired").transform((raw, ctx) => {
  const id = normaliseResidentId(raw.trim());
  if (!id) {
    ctx.addIssue({ code: "custom", message: "cases:errors.idRequired" });
    return z.NEVER;
  }
  const problem = checkResidentId(id);
  if (problem) {
    ctx.addIssue({ code: "custom", message: RESIDENT_ID_MESSAGES[problem] });
    return z.NEVER;
  }
  return id;
});

/** A mainland mobile number (+86, spaces, dashes, full-width digits), normalised to 11 digits. */
export const mobileField = z.string("cases:errors.phoneInvalid").transform((raw, ctx) => {
  const phone = normaliseMobile(raw);
  if (phone) return phone;
  ctx.addIssue({ code: "custom", message: "cases:errors.phoneInvalid" });
  return z.NEVER;
});

/** Yuan as text ("650", "1,200.50"); stays text here and becomes a Decimal in the domain. */
const incomeField = z.string("cases:errors.incomeInvalid").transform((raw, ctx) => {
  // Grouping commas and spaces are how people write amounts; they carry no meaning.
  const text = raw.trim().replace(/[,，\s]/g, "");
  if (MONEY_PATTERN.test(text)) return text;
  ctx.addIssue({ code: "custom", message: "cases:errors.incomeInvalid" });
  return z.NEVER;
});

export const householdSchema = z
  .object({
    name: required("nameRequired", 40),
    idNumber: residentIdField,
    phone: mobileField,
    address: required("addressRequired", 200),
    birthYear: z.number("cases:errors.birthYearRequired").int("cases:errors.birthYearRequired").min(1900, "cases:errors.birthYearRange").max(2100, "cases:errors.birthYearRange"),
    sex: z.enum(SEXES, "cases:errors.sexRequired"),
    householdSize: z.number("cases:errors.householdSizeRange").int("cases:errors.householdSizeRange").min(1, "cases:errors.householdSizeRange").max(30, "cases:errors.householdSizeRange"),
    monthlyIncomePerHead: incomeField,
    causes: z.array(z.enum(HARDSHIP_CAUSES, "cases:errors.causesRequired"), "cases:errors.causesRequired").min(1, "cases:errors.causesRequired"),
    tier: z.enum(CASE_TIERS, "cases:errors.tierRequired"),
    regionCode: z.string("cases:errors.countyRequired").regex(/^\d{6}$/, "cases:errors.countyRequired"),
    /** Set when the household comes from an online application being accepted. */
    applicationId: z.uuid("cases:errors.applicationInvalid").optional(),
  })
  .superRefine((household, ctx) => {
    // Runs even when other fields failed, so a wrong ID is reported alone and the comparisons with
    // it only once it is a valid ID.
    const id = typeof household.idNumber === "string" && checkResidentId(household.idNumber) === null ? household.idNumber : null;
    if (!id) return;
    const birth = residentIdBirthDate(id);
    if (birth && typeof household.birthYear === "number" && birth.year !== household.birthYear) {
      ctx.addIssue({ code: "custom", path: ["birthYear"], message: "cases:errors.birthYearMismatch" });
    }
    if (typeof household.sex === "string" && residentIdSex(id) !== household.sex) {
      ctx.addIssue({ code: "custom", path: ["sex"], message: "cases:errors.sexMismatch" });
    }
  });

export type HouseholdForm = z.output<typeof householdSchema>;
export type HouseholdInput = z.input<typeof householdSchema>;

/** What an ID says about its holder, to fill the birth year and sex when a form is prefilled. */
export function factsFromResidentId(raw: string): { birthYear: number; sex: (typeof SEXES)[number] } | null {
  const id = normaliseResidentId(raw);
  if (checkResidentId(id) !== null) return null;
  const birth = residentIdBirthDate(id);
  return birth ? { birthYear: birth.year, sex: residentIdSex(id) } : null;
}
