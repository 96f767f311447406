// The few `common` strings that meta functions need in either language, in the browser as on the
// server: the site's name and the error pages' texts. Named imports of the two keys, so that the
// browser bundle carries these and not both languages' whole `common` (entry.client loads the
// page's language only).
import { error as errorEn, site as siteEn } from "./en.json";
import { error as errorZh, site as siteZh } from "./zh-CN.json";

export const SITE_MESSAGES = {
  "zh-CN": { site: siteZh, error: errorZh },
  en: { site: siteEn, error: errorEn },
} as const;
