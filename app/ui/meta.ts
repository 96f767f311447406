// Titles for `meta`: a route's loader computes its localized title on the server; when the loader
// threw (a 404), there is no data, so the site's name in the root loader's language stands in.
import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale } from "../i18n/config";
import { SITE_MESSAGES } from "../i18n/site-messages";

interface MatchLike {
  id: string;
  data: unknown;
}

function rootLocale(matches: readonly MatchLike[]) {
  const data = matches.find((match) => match.id === "root")?.data;
  const locale = typeof data === "object" && data !== null && "locale" in data ? data.locale : undefined;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

export function titleMeta(title: string | undefined, matches: readonly MatchLike[]): MetaDescriptor[] {
  return [{ title: title ?? SITE_MESSAGES[rootLocale(matches)].site.name }];
}
