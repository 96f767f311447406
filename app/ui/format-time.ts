// Moments (audit rows, invitations, memberships) for people, in China's time zone whatever the
// server's. Loaders format them, so the server render and the hydrated page show the same text.
import type { Locale } from "../i18n/config";
import { dateTimeFormat } from "../i18n/intl-cache";

export const SITE_TIME_ZONE = "Asia/Shanghai";
/** China has one zone and no daylight saving time: UTC+8 all year. */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2026年12月1日 15:17:14" / "Dec 1, 2026, 15:17:14". */
export function formatDateTime(at: Date | string, locale: Locale): string {
  return dateTimeFormat(locale, {
    timeZone: SITE_TIME_ZONE,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(typeof at === "string" ? new Date(at) : at);
}

/** "2026年12月1日" / "Dec 1, 2026". */
export function formatDate(at: Date, locale: Locale): string {
  return dateTimeFormat(locale, { timeZone: SITE_TIME_ZONE, year: "numeric", month: "short", day: "numeric" }).format(at);
}

/** "2026-12-01 15:17:14", the moment in China's time, for files such as CSV exports. */
export function chinaTimestamp(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** The instant a calendar day ("2026-12-01") begins in China. */
export function startOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}
