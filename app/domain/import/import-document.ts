// The import file of DESIGN §7 (version 1), also the shape of `export`. Pure: no database.
// Checks that need the database (regions exist, resident IDs not held by another case) are added
// by the importer to the same list of problems.
import { z } from "zod";
import { canPublishForCase } from "../cases/case-status";
import { CASE_STATUSES, CASE_TIERS, HARDSHIP_CAUSES, SEXES } from "../cases/case-vocabulary";
import { normaliseMobile } from "../cases/phone";
import { checkResidentId, normaliseResidentId, residentIdBirthDate } from "../cases/resident-id";
import { MONEY_PATTERN } from "../money/money-text";
import { NEED_CATEGORIES } from "../needs/need-category";
import { offerDetailsSchemas } from "../offers/offer-details";
import { OFFER_STATUSES, OFFER_TYPES } from "../offers/offer-vocabulary";
import { ORGANISATION_KINDS } from "../organisations/organisation-vocabulary";
import type { PiiKind } from "../privacy/pii-guard";
import { findPii } from "../privacy/pii-guard";

const PII_LABELS: Record<PiiKind, string> = {
  "resident-id": "a resident ID number",
  mobile: "a mobile number",
  "bank-card": "a bank card number",
  "own-name": "the household head's name",
  "own-id": "part of the household head's resident ID",
  "own-phone": "the household head's phone number",
  "own-address": "part of the household's address",
};

const key = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/, "must be 1–80 letters, digits, '.', '_', ':' or '-'");
const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, "must be a region code of 2, 4 or 6 digits");
const money = z.string().regex(MONEY_PATTERN, 'must be an amount in yuan as text, like "650.00"');
const isoDate = z.iso.date("must be a date like 2027-06-30");
const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const skills = z.array(text(40)).max(20, "must list at most 20 skills").default([]);

const residentId = z
  .string()
  .transform(normaliseResidentId)
  .superRefine((id, ctx) => {
    const problem = checkResidentId(id);
    if (problem === "format") ctx.addIssue({ code: "custom", message: "must be 17 digits and a check digit or X" });
    if (problem === "birth-date") ctx.addIssue({ code: "custom", message: "birth date is not a real date" });
    if (problem === "check-digit") ctx.addIssue({ code: "custom", message: "check digit wrong" });
  });

const mobile = z.string().transform((raw, ctx) => {
  const phone = normaliseMobile(raw);
  if (!phone) {
    ctx.addIssue({ code: "custom", message: "must be a mainland mobile number (11 digits starting 13–19)" });
    return z.NEVER;
  }
  return phone;
});

export const importOrganisationSchema = z.object({
  key,
  kind: z.enum(ORGANISATION_KINDS),
  name: text(120),
  region: regionCode,
  parent: key.nullish(),
  description: z.string().trim().max(2000).nullish(),
  verified: z.boolean().default(true),
});

export const importNeedSchema = z.object({
  key,
  category: z.enum(NEED_CATEGORIES),
  title: text(80),
  story: text(2000),
  skills,
  amount: money.nullable().default(null),
  publish: z.boolean().default(false),
});

export const importCaseSchema = z
  .object({
    key,
    organisation: key,
    region: z.string().regex(/^\d{6}$/, "must be a county code of 6 digits"),
    head: z.object({
      name: text(40),
      idNumber: residentId,
      phone: mobile,
      address: text(200),
      birthYear: z.number().int().min(1900).max(2100),
      sex: z.enum(SEXES),
    }),
    householdSize: z.number().int().min(1, "must be at least 1").max(30, "must be at most 30"),
    monthlyIncomePerHead: money,
    causes: z.array(z.enum(HARDSHIP_CAUSES)).min(1, "must name at least one cause"),
    tier: z.enum(CASE_TIERS),
    status: z.enum(CASE_STATUSES).default("registered"),
    consent: z.boolean(),
    needs: z.array(importNeedSchema).default([]),
  })
  .superRefine((c, ctx) => {
    // A wrong ID is reported on its own; comparing a birth year with it would only add noise.
    const birth = checkResidentId(c.head.idNumber) === null ? residentIdBirthDate(c.head.idNumber) : null;
    if (birth && birth.year !== c.head.birthYear) {
      ctx.addIssue({ code: "custom", path: ["head", "birthYear"], message: `does not match the resident ID (${birth.year})` });
    }
    c.needs.forEach((need, i) => {
      if (!need.publish) return;
      // The editor's rule (canPublishForCase): consent, and a household checked and not exited.
      if (!c.consent) ctx.addIssue({ code: "custom", path: ["needs", i, "publish"], message: "cannot publish without the household's consent" });
      else if (!canPublishForCase(c.status, c.consent)) {
        ctx.addIssue({ code: "custom", path: ["needs", i, "publish"], message: `cannot publish for a household that is ${c.status}: needs are published for verified or assisting households` });
      }
      // The PII guard (DESIGN §3): nothing that identifies the household may be published.
      for (const field of ["title", "story"] as const) {
        const hit = findPii(need[field], c.head)[0];
        if (hit) ctx.addIssue({ code: "custom", path: ["needs", i, field], message: `contains ${PII_LABELS[hit.kind]} ("${hit.text}"); remove it before publishing` });
      }
    });
  });

export const importOfferSchema = z
  .object({
    key,
    organisation: key,
    category: z.enum(NEED_CATEGORIES),
    title: text(80),
    description: text(4000),
    skills,
    regions: z.array(regionCode).min(1, "must cover at least one region"),
    capacity: z.number().int().min(0).max(1_000_000),
    amount: money.nullable().default(null),
    validFrom: isoDate.nullish(),
    validUntil: isoDate.nullable().default(null),
    status: z.enum(OFFER_STATUSES).default("open"),
    /** Optional: without it the type follows from the organisation and category (inferOfferType). */
    type: z.enum(OFFER_TYPES).optional(),
    details: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.details) {
      const parsed = offerDetailsSchemas[o.type ?? "service"].strict().safeParse(o.details);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["details", ...issue.path.map(String)], message: issue.message });
      }
    }
    if (o.validFrom && o.validUntil && o.validFrom > o.validUntil) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "must not be before validFrom" });
    }
  });

export const importDocumentSchema = z
  .object({
    version: z.literal(1, "must be 1"),
    organisations: z.array(importOrganisationSchema).default([]),
    cases: z.array(importCaseSchema).default([]),
    offers: z.array(importOfferSchema).default([]),
  })
  .superRefine((doc, ctx) => {
    const unique = (items: { key: string }[], field: string, label: string) => {
      const seen = new Map<string, number>();
      items.forEach((item, i) => {
        const first = seen.get(item.key);
        if (first !== undefined) {
          ctx.addIssue({ code: "custom", path: [field, i, "key"], message: `duplicate ${label} key "${item.key}" (also ${field}[${first}])` });
        } else seen.set(item.key, i);
      });
    };
    unique(doc.organisations, "organisations", "organisation");
    unique(doc.cases, "cases", "case");
    unique(doc.offers, "offers", "offer");
    unique(doc.cases.flatMap((c) => c.needs), "needs", "need");

    const ids = new Map<string, number>();
    doc.cases.forEach((c, i) => {
      const first = ids.get(c.head.idNumber);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["cases", i, "head", "idNumber"], message: `same resident ID as cases[${first}]` });
      } else ids.set(c.head.idNumber, i);
    });
  });

export type ImportDocumentInput = z.input<typeof importDocumentSchema>;
export type ImportDocument = z.output<typeof importDocumentSchema>;
export type ImportCase = z.output<typeof importCaseSchema>;
export type ImportOffer = z.output<typeof importOfferSchema>;
export type ImportOrganisation = z.output<typeof importOrganisationSchema>;

export interface ImportProblem {
  path: string;
  message: string;
}

/** `cases[3].head.idNumber` from a zod path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, "");
}

/** Validates a parsed JSON value; every problem comes back with its JSON path. */
export function parseImportDocument(
  value: unknown,
): { ok: true; document: ImportDocument } | { ok: false; problems: ImportProblem[] } {
  const result = importDocumentSchema.safeParse(value);
  if (result.success) return { ok: true, document: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path) || "(file)", message: issue.message })),
  };
}
