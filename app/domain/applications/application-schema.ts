// The public forms of an online application: applying, and checking the status. One schema
// per form for the browser and the server (Conform); messages are i18n keys of the "applications"
// namespace. What needs the database — the county exists and a union covers it — the server adds.
import { z } from "zod";
import { normaliseMobile } from "../cases/phone";
import { checkResidentId, normaliseResidentId } from "../cases/resident-id";

export const APPLICATION_TEXT_LIMITS = { name: 40, whatHappened: 2000, helpNeeded: 1000 } as const;

const required = (key: string, max: number) =>
  z
    .string(`applications:errors.${key}`)
    .trim()
    .min(1, `applications:errors.${key}`)
    .max(max, `applications:errors.max${max}`);

const ID_PROBLEMS = { format: "applications:errors.idFormat", "birth-date": "applications:errors.idBirthDate", "check-digit": "applications:errors.idCheckDigit" } as const;

const residentId = z
  .string("applications:errors.idFormat")
  .transform(normaliseResidentId)
  .superRefine((id, ctx) => {
    const problem = checkResidentId(id);
    if (problem) ctx.addIssue({ code: "custom", message: ID_PROBLEMS[problem] });
  });

const mobile = z.string("applications:errors.phoneInvalid").transform((raw, ctx) => {
  const phone = normaliseMobile(raw);
  if (phone) return phone;
  ctx.addIssue({ code: "custom", message: "applications:errors.phoneInvalid" });
  return z.NEVER;
});

export const applySchema = z.object({
  name: required("nameRequired", APPLICATION_TEXT_LIMITS.name),
  idNumber: residentId,
  phone: mobile,
  // Only a county-level region: the union of that county (or one above it) calls back.
  county: z.string("applications:errors.countyRequired").regex(/^\d{6}$/, "applications:errors.countyRequired"),
  whatHappened: required("whatHappenedRequired", APPLICATION_TEXT_LIMITS.whatHappened),
  helpNeeded: required("helpNeededRequired", APPLICATION_TEXT_LIMITS.helpNeeded),
  // A checkbox sends "on" when ticked and nothing otherwise.
  consent: z.literal("on", "applications:errors.consentRequired"),
});

export type ApplicationInput = z.output<typeof applySchema>;

// Alphabet of public references (app/domain/needs/public-reference.server.ts): no 0/O, 1/I/L, U.
export const APPLICATION_NUMBER_PATTERN = /^A-[2-9A-HJKMNP-TV-Z]{7}$/;

/** "a 7k3q 9mx", "A7K3Q9MX" and "A-7K3Q9MX" are the same number as people type it. */
export function normaliseApplicationNumber(raw: string): string {
  const compact = raw
    .replace(/[Ａ-Ｚａ-ｚ０-９－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
    .replace(/[\s-]/g, "");
  return compact.startsWith("A") && compact.length === 8 ? `A-${compact.slice(1)}` : compact;
}

export const statusCheckSchema = z.object({
  number: z
    .string("applications:errors.numberInvalid")
    .transform(normaliseApplicationNumber)
    .pipe(z.string().regex(APPLICATION_NUMBER_PATTERN, "applications:errors.numberInvalid")),
  phone: mobile,
});

export type StatusCheckInput = z.output<typeof statusCheckSchema>;
