// What /transparency shows, read, formatted and translated on the server: totals, the two charts'
// geometry (so no charting code reaches the browser), needs' progress, the latest activity and the
// chain head. The page's words travel with its data, so no message namespace is loaded in the browser.
import type { TFunction } from "i18next";
import type { Database } from "../../db/client.server";
import type { LedgerActivity } from "../domain/transparency/ledger-activity.server";
import { listLedgerActivity } from "../domain/transparency/ledger-activity.server";
import { readLedgerTotals } from "../domain/transparency/ledger-totals.server";
import { listNeedProgress } from "../domain/transparency/need-progress.server";
import { formatMoney, money } from "../domain/money/money";
import type { Locale } from "../i18n/config";
import { barChartGeometry } from "../ui/bar-chart-geometry.server";
import { formatDay, formatMonth } from "../ui/format";
import { fundingView } from "../ui/funding-view.server";

/** How many needs and activity rows the page lists. */
const NEEDS_SHOWN = 20;
const ACTIVITY_SHOWN = 20;

type Translate = TFunction;

export async function transparencyView(options: { db: Database; locale: Locale; t: Translate }) {
  const { db, locale, t } = options;
  const [totals, needs, activity] = await Promise.all([readLedgerTotals(db), listNeedProgress(db, { limit: NEEDS_SHOWN }), listLedgerActivity(db, { limit: ACTIVITY_SHOWN })]);
  const yuan = (n: number) => formatMoney(money(n.toFixed(2)), locale);
  const bySource = totals.bySource.map((s) => ({ key: s.source, label: t(`transparency:source.${s.source}`), amount: s.amount, valueLabel: formatMoney(s.amount, locale) }));
  // Under a column there is room for the month alone ("11月", "Nov"); the table gives year and month.
  const shortMonth = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const byMonth = totals.byMonth.map((m) => ({
    key: m.month,
    label: formatMonth(m.month, locale),
    shortLabel: shortMonth.format(new Date(`${m.month}-01T00:00:00Z`)),
    amount: m.amount,
    valueLabel: formatMoney(m.amount, locale),
  }));
  const w = (key: string) => t(`transparency:${key}`);
  const words = {
    title: w("title"),
    intro: w("intro"),
    impactLink: w("impactLink"),
    totalsTitle: w("totals.title"),
    received: w("totals.received"),
    allocated: w("totals.allocated"),
    disbursed: w("totals.disbursed"),
    chartsTitle: w("charts.title"),
    bySource: w("charts.bySource"),
    bySourceDesc: t("transparency:charts.bySourceDesc", { figures: bySource.map((b) => `${b.label} ${b.valueLabel}`).join(locale === "en" ? ", " : "，") }),
    byMonth: w("charts.byMonth"),
    byMonthDesc: w("charts.byMonthDesc"),
    source: w("charts.source"),
    month: w("charts.month"),
    amount: w("charts.amount"),
    needsTitle: w("needs.title"),
    needsNone: w("needs.none"),
    activityTitle: w("activity.title"),
    activityNone: w("activity.none"),
    download: w("activity.download"),
    sequence: w("activity.sequence"),
    date: w("activity.date"),
    kind: w("activity.kind"),
    details: w("activity.details"),
    chainTitle: w("chain.title"),
    chainExplain: w("chain.explain"),
    chainSequence: w("chain.sequence"),
    chainHash: w("chain.hash"),
  };
  return {
    words,
    totals: { received: formatMoney(totals.received, locale), allocated: formatMoney(totals.allocated, locale), disbursed: formatMoney(totals.disbursed, locale) },
    bySource: barChartGeometry(bySource, { layout: "rows", formatTick: yuan }),
    byMonth: barChartGeometry(byMonth, { layout: "columns", formatTick: yuan }),
    needs: needs.map((n) => fundingView(n, locale, t)),
    activity: activity.map((a) => activityView(a, locale, t)),
    chainHead: totals.chainHead,
  };
}

function activityView(activity: LedgerActivity, locale: Locale, t: Translate) {
  const kind = activity.reverses ? t("transparency:kind.reversalOf", { kind: t(`transparency:kind.${activity.reverses}`) }) : t(`transparency:kind.${activity.kind}`);
  return {
    sequence: activity.sequence,
    kind,
    amount: formatMoney(activity.amount, locale),
    date: formatDay(activity.valueDate, locale),
    valueDate: activity.valueDate,
    // Where it came from or went, and the donor's chosen name: "Donations · from …".
    details: [
      activity.source ? t(`transparency:source.${activity.source}`) : null,
      activity.payeeKind ? t(`transparency:payee.${activity.payeeKind}`) : null,
      activity.donorName ? t("transparency:activity.donor", { name: activity.donorName }) : null,
    ]
      .filter((part) => part !== null)
      .join(" · "),
    need: activity.need,
    hash: activity.hash,
  };
}
