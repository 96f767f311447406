// The provider's matches as their pages show them: the need's public fields with the start of its
// story, the offer's title, the message, how long the match has waited, its date in the page's
// language. Shared by /organisation/matches and /organisation/matches/:ref.
import type { ProviderMatch } from "../domain/matching/provider-matches.server";
import type { Locale } from "../i18n/config";
import { formatDate } from "../ui/format-time";
import type { ProviderMatchItem } from "../ui/provider-match-card";

const EXCERPT_LENGTH = 120;

/** The first characters of a story, whole characters (not UTF-16 halves), with an ellipsis when cut. */
export function storyExcerpt(story: string): string {
  const characters = Array.from(story.replace(/\s+/g, " ").trim());
  return characters.length > EXCERPT_LENGTH ? `${characters.slice(0, EXCERPT_LENGTH).join("")}…` : characters.join("");
}

export function toProviderMatchItem(match: ProviderMatch, locale: Locale): ProviderMatchItem {
  const { need } = match;
  return {
    ref: match.ref,
    status: match.status,
    need: need ? { title: need.title, category: need.category, regionName: need.regionName, ageBand: need.ageBand, urgency: need.urgency, excerpt: storyExcerpt(need.story) } : null,
    offerTitle: match.offer.title,
    message: match.message,
    waitingDays: match.waitingDays,
    since: formatDate(new Date(match.statusChangedAt), locale),
  };
}
