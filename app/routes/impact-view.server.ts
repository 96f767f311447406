// What /impact shows, read, formatted and translated on the server: the region's suppressed
// figures as text ("<5" and "—" for hidden cells), the charts' geometry and the page's words, so
// no charting code and no message namespace reach the browser.
import type { TFunction } from "i18next";
import type { Database } from "../../db/client.server";
import { formatMoney } from "../domain/money/money";
import type { PublicFiguresCache } from "../domain/reports/public-figures-cache.server";
import type { PublicImpact } from "../domain/reports/public-impact.server";
import { readPublicImpact } from "../domain/reports/public-impact.server";
import type { PublicMoney } from "../domain/reports/public-impact-table.server";
import type { PublicCount } from "../domain/reports/suppress-small-cells";
import type { Locale } from "../i18n/config";
import { countChartGeometry } from "../ui/count-chart-geometry.server";
import { formatCount } from "../ui/format";
import { formatDateTime } from "../ui/format-time";

const regionHref = (code: string) => (code ? `/impact?region=${code}` : "/impact");

/** The page's view of `region` ("" for the whole site), or null when no region has that code. */
export async function impactView(options: { db: Database; figures: PublicFiguresCache; region: string; locale: Locale; t: TFunction }) {
  const { locale, t } = options;
  const impact = await readPublicImpact({ db: options.db, figures: options.figures, region: options.region });
  if (!impact) return null;
  const count = (c: PublicCount) => (c.hidden === "small" ? t("impact:suppression.small") : c.hidden ? t("impact:suppression.complementary") : formatCount(c.value, locale));
  const cash = (m: PublicMoney) => (m.hidden ? t("impact:suppression.complementary") : formatMoney(m.amount, locale));
  const nameOf = (r: { nameZh: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameZh);
  const list = (items: { label: string; valueLabel: string }[]) => items.map((i) => `${i.label} ${i.valueLabel}`).join(locale === "en" ? ", " : "，");
  const { households, needs, matches, money } = impact.figures;
  const tiers = households.byTier.map((r) => ({ key: r.tier, label: t(`impact:tier.${r.tier}`), count: r.count.value, valueLabel: count(r.count) }));
  const causes = households.byCause.map((r) => ({ key: r.cause, label: t(`impact:cause.${r.cause}`), count: r.count.value, valueLabel: count(r.count) }));
  const providers = matches.byProviderKind.map((r) => ({ key: r.kind, label: t(`organisationKind.${r.kind}`), count: r.fulfilled.value, valueLabel: count(r.fulfilled) }));
  const tick = (n: number) => formatCount(n, locale);
  const regionName = impact.region ? nameOf(impact.region) : t("impact:siteName");
  return {
    region: impact.region?.code ?? "",
    apiHref: `/api/v1/impact${impact.region ? `?region=${impact.region.code}` : ""}`,
    title: impact.region ? t("impact:regionTitle", { region: regionName }) : t("impact:title"),
    trail: [{ href: regionHref(""), name: t("impact:siteName") }, ...impact.trail.map((r) => ({ href: regionHref(r.code), name: nameOf(r) }))],
    regionName,
    asOf: t("impact:asOf", { time: formatDateTime(impact.asOf, locale) }),
    headline: [
      { key: "registered", label: t("impact:headline.registered"), value: count(households.registered), hint: null },
      { key: "helped", label: t("impact:headline.helped"), value: count(households.helped), hint: t("impact:headline.helpedHint") },
      { key: "published", label: t("impact:headline.published"), value: count(needs.published), hint: null },
      { key: "fulfilled", label: t("impact:headline.fulfilled"), value: count(needs.fulfilled), hint: null },
      { key: "matches", label: t("impact:headline.matches"), value: count(matches.fulfilled), hint: null },
    ],
    children: impact.children.map((c) => ({ code: c.code, href: regionHref(c.code), name: nameOf(c), registered: count(c.registered), helped: count(c.helped) })),
    childLevel: childLevelOf(impact),
    charts: {
      tiers: { geometry: countChartGeometry(tiers, tick), description: t("impact:households.byTierDesc", { figures: list(tiers) }) },
      causes: { geometry: countChartGeometry(causes, tick), description: t("impact:households.byCauseDesc", { figures: list(causes) }) },
      providers: { geometry: countChartGeometry(providers, tick), description: t("impact:matches.desc", { figures: list(providers) }) },
    },
    needs: needs.byCategory.map((r) => ({ key: r.category, label: t(`category.${r.category}`), published: count(r.published), fulfilled: count(r.fulfilled) })),
    money: {
      totals: [
        { key: "received", label: t("impact:money.received"), value: cash(money.received) },
        { key: "allocated", label: t("impact:money.allocated"), value: cash(money.allocated) },
        { key: "disbursed", label: t("impact:money.disbursed"), value: cash(money.disbursed) },
      ],
      bySource: money.bySource.map((s) => ({ key: s.source, label: t(`transparency:source.${s.source}`), value: cash(s.amount) })),
    },
    words: wordsOf(t),
  };
}

function childLevelOf(impact: PublicImpact): "site" | "province" | "prefecture" {
  return impact.region?.level ?? "site";
}

function wordsOf(t: TFunction) {
  const w = (key: string) => t(`impact:${key}`);
  return {
    intro: w("intro"),
    trail: w("trail"),
    suppressionTitle: w("suppression.title"),
    small: w("suppression.small"),
    smallMeaning: w("suppression.smallMeaning"),
    complementary: w("suppression.complementary"),
    complementaryMeaning: w("suppression.complementaryMeaning"),
    moneyRule: w("suppression.money"),
    headlineTitle: w("headline.title"),
    regionsTitleSite: w("regions.titleSite"),
    regionsTitleProvince: w("regions.titleProvince"),
    region: w("regions.region"),
    regionsNone: w("regions.none"),
    countiesNote: w("regions.countiesNote"),
    registered: w("headline.registered"),
    helped: w("headline.helped"),
    byTier: w("households.byTier"),
    byCause: w("households.byCause"),
    tierHeader: w("households.tierHeader"),
    causeHeader: w("households.causeHeader"),
    countHeader: w("households.countHeader"),
    needsTitle: w("needs.title"),
    category: w("needs.category"),
    published: w("needs.published"),
    fulfilled: w("needs.fulfilled"),
    matchesTitle: w("matches.title"),
    providerHeader: w("matches.kind"),
    matchesHeader: w("matches.count"),
    moneyTitle: w("money.title"),
    bySource: w("money.bySource"),
    source: w("money.source"),
    amount: w("money.amount"),
    ledgerLink: w("money.ledgerLink"),
    api: w("api"),
  };
}
