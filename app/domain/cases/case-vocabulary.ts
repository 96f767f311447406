export const HARDSHIP_CAUSES = [
  "illness",
  "disability",
  "unemployment",
  "education",
  "housing",
  "accident",
  "disaster",
  "other",
] as const;
export type HardshipCause = (typeof HARDSHIP_CAUSES)[number];

/** 一般困难 / 突发困难 / 深度困难 */
export const CASE_TIERS = ["general", "sudden", "severe"] as const;
export type CaseTier = (typeof CASE_TIERS)[number];

export const CASE_STATUSES = ["registered", "verified", "assisting", "exited"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const SEXES = ["male", "female"] as const;
export type Sex = (typeof SEXES)[number];

export function isHardshipCause(value: string): value is HardshipCause {
  return (HARDSHIP_CAUSES as readonly string[]).includes(value);
}
