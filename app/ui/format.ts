// Formatting for people, always for an explicit locale so the server render and the browser's
// hydration produce the same text. Amounts are not here: they are formatted on the server
// (format-amount.server.ts), so decimal.js never ships to the browser.
import type { Locale } from "../i18n/config";
import { dateTimeFormat, numberFormat } from "../i18n/intl-cache";

const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// UTC on both sides: a month or a calendar date has no time of day to shift across a time zone.
function utcDate(year: string, month: string, day = "1"): Date {
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
}

/** "2026-11" → "2026年11月" / "November 2026"; anything else is shown as it is. */
export function formatMonth(month: string, locale: Locale): string {
  const parts = MONTH.exec(month);
  if (!parts?.[1] || !parts[2]) return month;
  return dateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(utcDate(parts[1], parts[2]));
}

/** "2027-06-30" → "2027年6月30日" / "June 30, 2027"; anything else is shown as it is. */
export function formatDay(date: string, locale: Locale): string {
  const parts = DAY.exec(date);
  if (!parts?.[1] || !parts[2] || !parts[3]) return date;
  return dateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(
    utcDate(parts[1], parts[2], parts[3]),
  );
}

/** Counts of needs, offers and places (not money): grouped digits. */
export function formatCount(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}
