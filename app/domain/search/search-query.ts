// What a search of needs or offers asks for, read from a URL's query string (pages and API share
// it, so a search can be shared as a link). Pure. Pages drop what they cannot read; the API
// answers 400 with the problems.
import { z } from "zod";
import { CASE_TIERS } from "../cases/case-vocabulary";
import { NEED_CATEGORIES } from "../needs/need-category";
import { ORGANISATION_KINDS } from "../organisations/organisation-vocabulary";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, NEED_SORTS, OFFER_SORTS } from "./search-link";

// Meilisearch answers at most maxTotalHits (100,000) documents: deeper pages cannot exist.
const MAX_PAGE = 5_000;

const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, "must be a region code of 2, 4 or 6 digits");
const page = z.coerce.number({ error: "must be a whole number from 1" }).int("must be a whole number from 1").min(1, "must be a whole number from 1").max(MAX_PAGE, `must be at most ${MAX_PAGE}`);
const pageSize = z.coerce.number({ error: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` }).int().min(1).max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`);
const q = z.string().trim().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`);

const needSearchSchema = z.object({
  q: q.default(""),
  category: z.array(z.enum(NEED_CATEGORIES)).default([]),
  urgency: z.array(z.enum(CASE_TIERS)).default([]),
  region: regionCode.optional(),
  money: z.enum(["yes", "no"]).optional(),
  sort: z.enum(NEED_SORTS).optional(),
  page: page.default(1),
  pageSize: pageSize.default(DEFAULT_PAGE_SIZE),
});
export type NeedSearch = z.output<typeof needSearchSchema>;

const offerSearchSchema = z.object({
  q: q.default(""),
  category: z.array(z.enum(NEED_CATEGORIES)).default([]),
  kind: z.array(z.enum(ORGANISATION_KINDS)).default([]),
  region: regionCode.optional(),
  sort: z.enum(OFFER_SORTS).optional(),
  page: page.default(1),
  pageSize: pageSize.default(DEFAULT_PAGE_SIZE),
});
export type OfferSearch = z.output<typeof offerSearchSchema>;

export interface SearchProblem {
  parameter: string;
  message: string;
}

const LIST_PARAMETERS = new Set(["category", "urgency", "kind"]);

/** The query string as the schema wants it: repeated parameters (and "a,b") as arrays, empty ones dropped. */
function collect(params: URLSearchParams, known: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of known) {
    const values = params.getAll(key).flatMap((v) => (LIST_PARAMETERS.has(key) ? v.split(",") : [v])).map((v) => v.trim()).filter(Boolean);
    if (!values.length) continue;
    out[key] = LIST_PARAMETERS.has(key) ? [...new Set(values)] : (values[0] ?? "");
  }
  return out;
}

function parseWith<S extends z.ZodObject>(schema: S, params: URLSearchParams, mode: "strict" | "lenient") {
  const known = Object.keys(schema.shape);
  const raw = collect(params, known);
  const result = schema.safeParse(raw);
  if (result.success) return { query: result.data, problems: [] };
  const problems: SearchProblem[] = result.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? "query"), message: issue.message }));
  if (mode === "strict") return { query: null, problems };
  // Lenient: drop what is wrong (a stale link should still show results) and read the rest.
  const bad = new Set(problems.map((p) => p.parameter));
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key)));
  return { query: schema.parse(kept), problems };
}

/** Reads a needs search. `strict` returns problems instead of a query when anything is wrong. */
export function parseNeedSearch(params: URLSearchParams, mode: "strict" | "lenient" = "lenient"): { query: NeedSearch | null; problems: SearchProblem[] } {
  return parseWith(needSearchSchema, params, mode);
}

export function parseOfferSearch(params: URLSearchParams, mode: "strict" | "lenient" = "lenient"): { query: OfferSearch | null; problems: SearchProblem[] } {
  return parseWith(offerSearchSchema, params, mode);
}
