// A need's funding progress as the page shows it: amounts formatted on the server through the money
// module, and the share of the target reached as a whole percent (0–100), for a <progress> bar.
import type { Money } from "../domain/money/money";
import { formatMoney, isPositiveMoney } from "../domain/money/money";
import type { FundingState } from "../domain/transparency/funding-state";
import { fundedOf } from "../domain/transparency/funding-state";
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
}

/** A share of the target in whole percent, at most 100 (a ratio, not an amount). */
function percentOf(part: Money, target: Money | null): number | null {
  if (!target || !isPositiveMoney(target)) return null;
  return Math.min(100, part.div(target).times(100).floor().toNumber());
}

export function fundingView(progress: NeedProgress, locale: Locale): FundingView {
  const funded = fundedOf(progress);
  return {
    ref: progress.ref,
    title: progress.title,
    state: progress.state,
    raised: formatMoney(progress.raised, locale),
    allocated: formatMoney(progress.allocated, locale),
    disbursed: formatMoney(progress.disbursed, locale),
    funded: formatMoney(funded, locale),
    target: progress.target ? formatMoney(progress.target, locale) : null,
    fundedPercent: percentOf(funded, progress.target),
    disbursedPercent: percentOf(progress.disbursed, progress.target),
  };
}
