// A need's funding progress as the page shows it: amounts formatted and words translated on the
// server (the `transparency` namespace never reaches the browser, keeping public pages' JavaScript
// small), and the share of the target reached as a whole percent (0–100), for a <progress> bar.
import type { TFunction } from "i18next";
import type { Money } from "../domain/money/money";
import { formatMoney, isPositiveMoney } from "../domain/money/money";
import type { FundingState } from "../domain/transparency/funding-state.server";
import { fundedOf } from "../domain/transparency/funding-state.server";
import type { NeedProgress } from "../domain/transparency/need-progress.server";
import type { Locale } from "../i18n/config";

export interface FundingView {
  ref: string;
  title: string;
  state: FundingState;
  raised: string;
  allocated: string;
  disbursed: string;
  funded: string;
  target: string | null;
  /** Funded as a share of the target, 0–100; null without a target. */
  fundedPercent: number | null;
  /** Disbursed as a share of the target, 0–100; null without a target. */
  disbursedPercent: number | null;
  words: {
    title: string;
    /** "¥1,000 of ¥5,000 (20%)", or what was received where the need has no target. */
    summary: string;
    raised: string;
    allocated: string;
    disbursed: string;
    /** "Raised ¥… · allocated ¥… · paid ¥…" on one line, for lists. */
    figures: string;
    /** Said only once the need is fully funded. */
    fullyFunded: string | null;
  };
}

/** A share of the target in whole percent, at most 100 (a ratio, not an amount). */
function percentOf(part: Money, target: Money | null): number | null {
  if (!target || !isPositiveMoney(target)) return null;
  return Math.min(100, part.div(target).times(100).floor().toNumber());
}

export function fundingView(progress: NeedProgress, locale: Locale, t: TFunction): FundingView {
  const funded = fundedOf(progress);
  const amounts = {
    raised: formatMoney(progress.raised, locale),
    allocated: formatMoney(progress.allocated, locale),
    disbursed: formatMoney(progress.disbursed, locale),
    funded: formatMoney(funded, locale),
    target: progress.target ? formatMoney(progress.target, locale) : null,
  };
  const fundedPercent = percentOf(funded, progress.target);
  return {
    ref: progress.ref,
    title: progress.title,
    state: progress.state,
    ...amounts,
    fundedPercent,
    disbursedPercent: percentOf(progress.disbursed, progress.target),
    words: {
      title: t("transparency:progress.title"),
      summary:
        amounts.target !== null && fundedPercent !== null
          ? t("transparency:progress.fundedOfTarget", { funded: amounts.funded, target: amounts.target, percent: fundedPercent })
          : t("transparency:progress.funded", { funded: amounts.funded }),
      raised: t("transparency:progress.raised"),
      allocated: t("transparency:progress.allocated"),
      disbursed: t("transparency:progress.disbursed"),
      figures: t("transparency:needs.figures", amounts),
      fullyFunded: progress.state === "fully" ? t("transparency:state.fully") : null,
    },
  };
}
