// Why a suggestion was made, as data ({code, params}) translated only where it is shown, through
// the `matching` namespace (keys `reason.<code>`). Params carry both languages where the words
// are ours (concept labels, region names); skills are the provider's and worker's own words. Pure.
import type { TFunction } from "i18next";

export const MATCH_REASON_CODES = ["skill", "concept", "region-county", "region-prefecture", "region-province", "policy", "capacity", "urgency", "fresh"] as const;
export type MatchReasonCode = (typeof MATCH_REASON_CODES)[number];

export interface MatchReason {
  code: MatchReasonCode;
  params: Record<string, string>;
}

/** The reason in the translator's language, e.g. 技能相符：电工 · 覆盖祥云县 · 政府政策优先 · 名额剩余 3. */
export function describeReason(reason: MatchReason, t: TFunction): string {
  // Urgency has one sentence per level (i18next context: reason.urgency_severe).
  const context = reason.code === "urgency" ? reason.params.urgency : undefined;
  return t(`matching:reason.${reason.code}`, { ...reason.params, context });
}
