// The public impact figures as the API answers them: counts and amounts as documented cells.
import { moneyToString } from "../domain/money/money";
import type { PublicImpact } from "../domain/reports/public-impact.server";
import type { PublicMoney } from "../domain/reports/public-impact-table.server";
import type { PublicCount } from "../domain/reports/suppress-small-cells";
import { SMALL_CELL_THRESHOLD } from "../domain/reports/suppress-small-cells";
import type { ImpactBody } from "./impact-schemas";

type CountCell = ImpactBody["data"]["households"]["registered"];
type AmountCell = ImpactBody["data"]["money"]["received"];

const countCell = (c: PublicCount): CountCell => (c.hidden ? { value: null, hidden: c.hidden === "small" ? "fewer-than-5" : "complementary" } : { value: c.value, hidden: null });
const amountCell = (m: PublicMoney): AmountCell => (m.hidden ? { amount: null, hidden: m.hidden === "small" ? "few-households-helped" : "complementary" } : { amount: moneyToString(m.amount), hidden: null });

export function impactBody(impact: PublicImpact): ImpactBody {
  const { households, needs, matches, money } = impact.figures;
  return {
    data: {
      region: impact.region,
      trail: impact.trail,
      households: {
        registered: countCell(households.registered),
        helped: countCell(households.helped),
        byTier: households.byTier.map((t) => ({ tier: t.tier, count: countCell(t.count) })),
        byCause: households.byCause.map((c) => ({ cause: c.cause, count: countCell(c.count) })),
      },
      needs: {
        published: countCell(needs.published),
        fulfilled: countCell(needs.fulfilled),
        byCategory: needs.byCategory.map((c) => ({ category: c.category, published: countCell(c.published), fulfilled: countCell(c.fulfilled) })),
      },
      matches: { fulfilled: countCell(matches.fulfilled), byProviderKind: matches.byProviderKind.map((k) => ({ kind: k.kind, fulfilled: countCell(k.fulfilled) })) },
      money: {
        received: amountCell(money.received),
        bySource: money.bySource.map((s) => ({ source: s.source, amount: amountCell(s.amount) })),
        allocated: amountCell(money.allocated),
        disbursed: amountCell(money.disbursed),
      },
      children: impact.children.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, registered: countCell(c.registered), helped: countCell(c.helped) })),
    },
    meta: { threshold: SMALL_CELL_THRESHOLD, asOf: impact.asOf.toISOString() },
  };
}
