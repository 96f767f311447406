// Dates donors read are days in Beijing (China has one time zone): "2026-12-31".
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/** The day in Beijing of an instant, as YYYY-MM-DD. */
export function beijingDay(instant: Date): string {
  return DAY.format(instant);
}
