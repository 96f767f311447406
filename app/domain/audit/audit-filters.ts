// The audit log's filters as GET parameters, shared by the page and its CSV export, so both show
// the same rows. Lenient like the search pages: a value that cannot be read is dropped, so an old
// or hand-edited link still answers.
import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z
  .string()
  .regex(DAY)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));

export const AUDIT_FILTER_NAMES = ["action", "actor", "entity", "entityId", "from", "to"] as const;
type FilterName = (typeof AUDIT_FILTER_NAMES)[number];

const FIELDS: Record<FilterName, z.ZodType<string>> = {
  action: text(100),
  actor: text(200),
  entity: text(100),
  entityId: text(200),
  from: day,
  to: day,
};

/** `actor` matches part of the actor's email; `from` and `to` are calendar days in China, both included. */
export type AuditFilters = { [K in FilterName]?: string } & { page: number };

const page = z.coerce.number().int().min(1).max(100_000);

/** The filters named in a URL's query; unreadable values are left out. */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = { page: page.safeParse(params.get("page") ?? undefined).data ?? 1 };
  for (const name of AUDIT_FILTER_NAMES) {
    const parsed = FIELDS[name].safeParse(params.get(name) ?? undefined);
    if (parsed.success) filters[name] = parsed.data;
  }
  return filters;
}

/** The query string of these filters (without `?`), on another page when `pageNumber` is given. */
export function auditFilterQuery(filters: AuditFilters, pageNumber?: number): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (pageNumber && pageNumber > 1) params.set("page", String(pageNumber));
  return params.toString();
}
