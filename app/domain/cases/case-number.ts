// Case numbers as staff read, write and quote them: county code, year of registration, and the
// sequence of that county and year, e.g. 532923-2026-0042. Given out by reserve-case-numbers.server.ts.

/** Formats a case number; the sequence has at least four digits and grows past 9999. */
export function formatCaseNumber(regionCode: string, year: number, sequence: number): string {
  return `${regionCode}-${year}-${String(sequence).padStart(4, "0")}`;
}

// Six digits at most in the sequence: a resident ID typed in groups (532923 1980 01010011) is not one.
const TYPED = /^(\d{6})\s*[-–—‐ ]\s*(\d{4})\s*[-–—‐ ]\s*(\d{1,6})$/;

/**
 * The case number someone typed, written the canonical way (532923-2026-42 → 532923-2026-0042),
 * or null when it is not one.
 */
export function parseCaseNumber(typed: string): string | null {
  const match = TYPED.exec(typed.normalize("NFKC").trim());
  if (!match) return null;
  const [, region = "", year = "", sequence = ""] = match;
  const n = Number(sequence);
  return n > 0 ? formatCaseNumber(region, Number(year), n) : null;
}
