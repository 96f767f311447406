// The period and region a staff report covers, read from the query string (a GET form, so a report
// is a link one can send). Days are calendar days in Beijing; the period runs from the start of
// `from` to the end of `to`. Pure.
import { z } from "zod";

/** China has one zone and no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Five years of months is the longest table a report draws. */
export const MAX_REPORT_MONTHS = 60;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ReportPeriod {
  /** First day, "2026-01-01". */
  from: string;
  /** Last day, included. */
  to: string;
}

export interface ReportQuery {
  period: ReportPeriod;
  /** The region asked for (a GB/T 2260 code); null for the actor's own. */
  region: string | null;
}

function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

/** Today's calendar day in Beijing. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The default period: the twelve months up to today, from the first of the month eleven months back. */
export function defaultReportPeriod(now: Date): ReportPeriod {
  const to = chinaToday(now);
  const year = Number(to.slice(0, 4));
  const month = Number(to.slice(5, 7));
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/** The months ("2026-01") the period touches, oldest first. */
export function periodMonths(period: ReportPeriod): string[] {
  const months: string[] = [];
  const end = period.to.slice(0, 7);
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= end) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The instants the period starts and ends (exclusive) in Beijing. */
export function periodBounds(period: ReportPeriod): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${period.from}T00:00:00Z`) - CHINA_OFFSET_MS);
  const end = new Date(Date.parse(`${period.to}T00:00:00Z`) - CHINA_OFFSET_MS + DAY_MS);
  return { start, end };
}

const dayField = z
  .string()
  .trim()
  .refine(isCalendarDay, { message: "reports:errors.badDay" });

const querySchema = z
  .object({
    from: dayField,
    to: dayField,
    region: z
      .string()
      .trim()
      .regex(/^(\d{2}|\d{4}|\d{6})$/, { message: "reports:errors.badRegion" })
      .nullable(),
  })
  .refine((q) => q.from <= q.to, { message: "reports:errors.fromAfterTo", path: ["to"] })
  .refine((q) => periodMonths({ from: q.from, to: q.to }).length <= MAX_REPORT_MONTHS, { message: "reports:errors.tooLong", path: ["to"] });

export type ReportQueryResult = { ok: true; query: ReportQuery } | { ok: false; errors: string[]; query: ReportQuery };

/**
 * The report's period and region from a URL's search parameters. A missing day takes the default
 * period's; a bad one is an error, answered with the default period so the page still shows a report.
 */
export function parseReportQuery(params: URLSearchParams, now: Date): ReportQueryResult {
  const fallback = defaultReportPeriod(now);
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    return value ? value : null;
  };
  const parsed = querySchema.safeParse({ from: text("from") ?? fallback.from, to: text("to") ?? fallback.to, region: text("region") });
  if (parsed.success) return { ok: true, query: { period: { from: parsed.data.from, to: parsed.data.to }, region: parsed.data.region } };
  const region = text("region");
  return {
    ok: false,
    errors: [...new Set(parsed.error.issues.map((issue) => issue.message))],
    query: { period: fallback, region: region && /^(\d{2}|\d{4}|\d{6})$/.test(region) ? region : null },
  };
}
