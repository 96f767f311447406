// The periods a union reports on, offered as one-click choices beside the report's date fields:
// last month, last quarter, this year so far, last year and the twelve months up to today (the
// default). Calendar months and quarters, in Beijing. Pure.
import type { ReportPeriod } from "./report-period";
import { chinaToday, defaultReportPeriod } from "./report-period";

export const QUICK_PERIODS = ["lastMonth", "lastQuarter", "thisYear", "lastYear", "last12Months"] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10);
/** The last day of a month (1–12; 13 is next January). */
const lastDay = (year: number, month: number) => day(year, month + 1, 0);

/** Each quick period as of `now`, in QUICK_PERIODS order. */
export function quickPeriods(now: Date): { key: QuickPeriod; period: ReportPeriod }[] {
  const today = chinaToday(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  // Month 0 is December of the year before, and Date.UTC counts on from there.
  const quarterStart = month - ((month - 1) % 3);
  return [
    { key: "lastMonth", period: { from: day(year, month - 1, 1), to: day(year, month, 0) } },
    { key: "lastQuarter", period: { from: day(year, quarterStart - 3, 1), to: day(year, quarterStart, 0) } },
    { key: "thisYear", period: { from: day(year, 1, 1), to: today } },
    { key: "lastYear", period: { from: day(year - 1, 1, 1), to: lastDay(year - 1, 12) } },
    { key: "last12Months", period: defaultReportPeriod(now) },
  ];
}
