// The few `common` strings that meta functions need in either language, in the browser as on the
// server: the site's name and the error pages' titles. Named imports read key by key, so that the
// browser bundle carries these strings and not both languages' whole `common` (entry.client loads
// the page's language only).
import type { ErrorTitleKey } from "../ui/error-text";
import { error as errorEn, site as siteEn } from "./en.json";
import { error as errorZh, site as siteZh } from "./zh-CN.json";

// Each string read by name: the bundler then leaves out the rest of `site` and `error`.
function pick(site: typeof siteEn, error: typeof errorEn) {
  const titles: Record<ErrorTitleKey, string> = {
    badRequestTitle: error.badRequestTitle,
    forbiddenTitle: error.forbiddenTitle,
    notFoundTitle: error.notFoundTitle,
    conflictTitle: error.conflictTitle,
    tooManyTitle: error.tooManyTitle,
    serverTitle: error.serverTitle,
  };
  return { site: { name: site.name }, error: titles };
}

export const SITE_MESSAGES = { "zh-CN": pick(siteZh, errorZh), en: pick(siteEn, errorEn) } as const;
