// Vocabulary → words on the page. The domain speaks in codes (`job`, `severe`, `30-39`); people read
// the translated label, so every page and card gets its labels from here and nowhere else.
import { useTranslation } from "react-i18next";
import type { AgeBand } from "../domain/cases/age-band";
import type { NeedCategory } from "../domain/needs/need-category";
import type { PublicNeed, Urgency } from "../domain/needs/public-need";
import type { PublicOffer } from "../domain/offers/public-offer";
import type { OrganisationKind } from "../domain/organisations/organisation-vocabulary";
import type { Locale } from "../i18n/config";
import { DEFAULT_LOCALE, isLocale } from "../i18n/config";
import { formatDay } from "./format";

/** The page's language, as the root loader chose it (entry.server and entry.client set i18next to it). */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export function useLabels() {
  const { t } = useTranslation();
  return {
    category: (category: NeedCategory) => t(`category.${category}`),
    urgency: (urgency: Urgency) => t(`urgency.${urgency}`),
    ageBand: (band: AgeBand) => {
      // A minor's band carries no age at all (DESIGN §3), so "child" never becomes a number here.
      if (band === "child") return t("ageBand.child");
      if (band === "80+") return t("ageBand.over", { low: 80 });
      const [low, high] = band.split("-");
      return t("ageBand.range", { low, high });
    },
    organisationKind: (kind: OrganisationKind) => t(`organisationKind.${kind}`),
    offerStatus: (status: PublicOffer["status"]) => t(`offerStatus.${status}`),
    needStatus: (status: PublicNeed["status"]) => t(`needStatus.${status}`),
    /** An offer's validity dates ("2027-06-30") as one phrase; either end may be open. */
    validity: (from: string | null, until: string | null, locale: Locale) => {
      if (from && until) return t("offers.validRange", { from: formatDay(from, locale), until: formatDay(until, locale) });
      if (from) return t("offers.validFrom", { from: formatDay(from, locale) });
      if (until) return t("offers.validUntil", { until: formatDay(until, locale) });
      return t("offers.validOpenEnded");
    },
  };
}

export interface LocalizedText {
  text: string;
  /** Set when the text is not in the page's language, so screen readers pronounce it right. */
  lang: Locale | undefined;
}

/** A region's name in the page's language; the Chinese name when no English one is known. */
export function regionName(name: { zh: string; en: string }, locale: Locale): LocalizedText {
  if (locale === "en" && name.en) return { text: name.en, lang: undefined };
  return { text: name.zh, lang: locale === "zh-CN" ? undefined : "zh-CN" };
}

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The language of text written by people (titles, stories, organisation names), when it differs from
 * the page's, so screen readers switch voice. Caseworkers mostly write Chinese, some English, some a
 * mix: one Han character weighs about as much as a four-letter word.
 */
export function contentLang(text: string, locale: Locale): Locale | undefined {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (han === 0 && latin === 0) return undefined;
  const written: Locale = han * 4 >= latin ? "zh-CN" : "en";
  return written === locale ? undefined : written;
}
