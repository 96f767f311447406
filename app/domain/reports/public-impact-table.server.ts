// The public impact figures of every region at once, suppressed together: the rows the database
// counted (per county, or per union's region for money) are rolled up into the site, provinces and
// prefectures, every figure becomes a cell, every sum a reader can redo an equation, and
// suppressSmallCells decides what is hidden — once, for all regions, so that no two pages (or API
// answers) can be subtracted from each other. Counties are never published: too few households.
// (A server module only because amounts are decimal.js Money; it does no I/O.)
import type { CaseTier, HardshipCause } from "../cases/case-vocabulary";
import { CASE_TIERS, HARDSHIP_CAUSES } from "../cases/case-vocabulary";
import type { FundSource } from "../ledger/ledger-vocabulary";
import { FUND_SOURCES } from "../ledger/ledger-vocabulary";
import type { Money } from "../money/money";
import { ZERO_MONEY, addMoney, compareMoney } from "../money/money";
import type { NeedCategory } from "../needs/need-category";
import { NEED_CATEGORIES } from "../needs/need-category";
import type { OrganisationKind } from "../organisations/organisation-vocabulary";
import { ORGANISATION_KINDS } from "../organisations/organisation-vocabulary";
import type { Equation, PublicCount, Suppression } from "./suppress-small-cells";
import { SMALL_CELL_THRESHOLD, publicCount, suppressAlong, suppressSmallCells } from "./suppress-small-cells";

/** What the database counted, per region code as stored (a county, or a union's region for money). */
export interface ImpactRows {
  /** Households by tier, and those helped (a need or a match of theirs fulfilled). */
  households: readonly { region: string; tier: CaseTier; households: number; helped: number }[];
  /** Households by hardship cause: a household may have several. */
  causes: readonly { region: string; cause: HardshipCause; households: number }[];
  /** Needs ever published and needs fulfilled, by category, with the households behind them. */
  needs: readonly { region: string; category: NeedCategory; published: number; publishedHouseholds: number; fulfilled: number; fulfilledHouseholds: number }[];
  /** Households with any published or fulfilled need, any category (one household, several needs). */
  needHouseholds: readonly { region: string; published: number; fulfilled: number }[];
  /** Fulfilled matches by the provider's kind, with the households behind them. */
  matches: readonly { region: string; kind: OrganisationKind; fulfilled: number; households: number }[];
  /** Households with any fulfilled match. */
  matchHouseholds: readonly { region: string; households: number }[];
  /** Money in the books of the unions of a region, by the union's region. */
  money: readonly { region: string; source: FundSource | null; received: Money; allocated: Money; disbursed: Money }[];
}

export type PublicMoney = { amount: Money; hidden: null } | { amount: null; hidden: Suppression };

/** The public figures of one region (or the whole site), every cell shown or hidden. */
export interface ImpactFigures {
  households: {
    registered: PublicCount;
    helped: PublicCount;
    byTier: { tier: CaseTier; count: PublicCount }[];
    /** A household may have several causes, so these add up to more than the households. */
    byCause: { cause: HardshipCause; count: PublicCount }[];
  };
  needs: {
    published: PublicCount;
    fulfilled: PublicCount;
    byCategory: { category: NeedCategory; published: PublicCount; fulfilled: PublicCount }[];
  };
  matches: { fulfilled: PublicCount; byProviderKind: { kind: OrganisationKind; fulfilled: PublicCount }[] };
  money: { received: PublicMoney; bySource: { source: FundSource; amount: PublicMoney }[]; allocated: PublicMoney; disbursed: PublicMoney };
}

export interface ImpactTable {
  /** The figures of `""` (the site), a province ("53") or a prefecture ("5329"). */
  figuresOf(region: string): ImpactFigures;
  /** The provinces (for `""`) or prefectures (for a province) holding any figure, by code. */
  childrenOf(region: string): string[];
}

const SITE = "";
const TOTAL = "total";
const MEASURES = {
  households: { parts: CASE_TIERS, additive: true },
  helped: { parts: [], additive: true },
  causes: { parts: HARDSHIP_CAUSES, additive: false },
  published: { parts: NEED_CATEGORIES, additive: true },
  fulfilled: { parts: NEED_CATEGORIES, additive: true },
  matches: { parts: ORGANISATION_KINDS, additive: true },
} as const;
type Measure = keyof typeof MEASURES;
const MONEY_PARTS = [...FUND_SOURCES, "received", "allocated", "disbursed"] as const;

/** The residual of a province: what its own unions and households hold, under no prefecture. */
const ownOf = (province: string) => `${province}+own`;
const key = (node: string, measure: string, part: string) => `${node}|${measure}|${part}`;
const isResidual = (cell: string) => cell.includes("+own|");

/** The published regions a stored code counts in; a province-level code counts in its residual too. */
function nodesOf(code: string): string[] {
  const province = code.slice(0, 2);
  return code.length >= 4 ? [SITE, province, code.slice(0, 4)] : [SITE, province, ownOf(province)];
}

/** Suppresses the figures of every region together (see the rule in suppress-small-cells.ts). */
export function buildImpactTable(rows: ImpactRows): ImpactTable {
  const counts = new Map<string, number>();
  const households = new Map<string, number>();
  const nodes = new Set<string>([SITE]);
  const add = (map: Map<string, number>, code: string, measure: Measure, part: string, value: number) => {
    for (const node of nodesOf(code)) {
      nodes.add(node);
      map.set(key(node, measure, part), (map.get(key(node, measure, part)) ?? 0) + value);
    }
  };
  for (const r of rows.households) {
    add(counts, r.region, "households", r.tier, r.households);
    add(counts, r.region, "households", TOTAL, r.households);
    add(counts, r.region, "helped", TOTAL, r.helped);
  }
  for (const r of rows.causes) add(counts, r.region, "causes", r.cause, r.households);
  for (const r of rows.needs) {
    add(counts, r.region, "published", r.category, r.published);
    add(counts, r.region, "published", TOTAL, r.published);
    add(households, r.region, "published", r.category, r.publishedHouseholds);
    add(counts, r.region, "fulfilled", r.category, r.fulfilled);
    add(counts, r.region, "fulfilled", TOTAL, r.fulfilled);
    add(households, r.region, "fulfilled", r.category, r.fulfilledHouseholds);
  }
  for (const r of rows.needHouseholds) {
    add(households, r.region, "published", TOTAL, r.published);
    add(households, r.region, "fulfilled", TOTAL, r.fulfilled);
  }
  for (const r of rows.matches) {
    add(counts, r.region, "matches", r.kind, r.fulfilled);
    add(counts, r.region, "matches", TOTAL, r.fulfilled);
    add(households, r.region, "matches", r.kind, r.households);
  }
  for (const r of rows.matchHouseholds) add(households, r.region, "matches", TOTAL, r.households);
  for (const r of rows.money) for (const node of nodesOf(r.region)) nodes.add(node);

  const published = [...nodes].filter((n) => !n.includes("+own"));
  const provinces = published.filter((n) => n.length === 2).sort();
  const prefecturesOf = (province: string) => published.filter((n) => n.length === 4 && n.startsWith(province)).sort();
  const membersOfHierarchy = (part: (node: string) => string): Equation[] => [
    { total: part(SITE), parts: provinces.map(part) },
    ...provinces.map((p) => ({ total: part(p), parts: [...prefecturesOf(p), ownOf(p)].map(part) })),
  ];

  // Every cell of every published region and residual exists, zeros included, so equations are complete.
  const equations: Equation[] = [];
  for (const [measure, { parts, additive }] of Object.entries(MEASURES)) {
    const all = additive ? [...parts, TOTAL] : [...parts];
    for (const node of [...published, ...provinces.map(ownOf)]) for (const part of all) if (!counts.has(key(node, measure, part))) counts.set(key(node, measure, part), 0);
    if (additive && parts.length) for (const node of published) equations.push({ total: key(node, measure, TOTAL), parts: parts.map((p) => key(node, measure, p)) });
    for (const part of all) equations.push(...membersOfHierarchy((node) => key(node, measure, part)));
  }
  const hidden = suppressSmallCells(counts, equations, { isFixed: isResidual, householdsOf: (cell) => households.get(cell) });

  // Money follows the households it helped: a region whose helped households are hidden or fewer
  // than 5 shows none of its money; the site's totals are public anyway (/transparency).
  const amounts = new Map<string, Money>();
  const addMoneyCell = (code: string, part: string, amount: Money) => {
    for (const node of nodesOf(code)) amounts.set(key(node, "money", part), addMoney(amounts.get(key(node, "money", part)) ?? ZERO_MONEY, amount));
  };
  for (const r of rows.money) {
    if (r.source) addMoneyCell(r.region, r.source, r.received);
    addMoneyCell(r.region, "received", r.received);
    addMoneyCell(r.region, "allocated", r.allocated);
    addMoneyCell(r.region, "disbursed", r.disbursed);
  }
  const amountOf = (cell: string) => amounts.get(cell) ?? ZERO_MONEY;
  const moneyEquations: Equation[] = [
    ...published.map((node) => ({ total: key(node, "money", "received"), parts: FUND_SOURCES.map((s) => key(node, "money", s)) })),
    ...MONEY_PARTS.flatMap((part) => membersOfHierarchy((node) => key(node, "money", part))),
  ];
  const fewHelped = published.filter((node) => hidden.has(key(node, "helped", TOTAL)) || (counts.get(key(node, "helped", TOTAL)) ?? 0) < SMALL_CELL_THRESHOLD);
  const hiddenMoney = suppressAlong(
    moneyEquations,
    fewHelped.flatMap((node) => MONEY_PARTS.map((part) => key(node, "money", part))),
    { isFixed: (cell) => isResidual(cell) || cell.startsWith(`${SITE}|`), smallerFirst: (a, b) => compareMoney(amountOf(a), amountOf(b)) },
  );

  const count = (node: string, measure: Measure, part: string) => publicCount(counts, hidden, key(node, measure, part));
  const cash = (node: string, part: string): PublicMoney => {
    const why = hiddenMoney.get(key(node, "money", part));
    return why ? { amount: null, hidden: why } : { amount: amountOf(key(node, "money", part)), hidden: null };
  };
  return {
    figuresOf(region) {
      const node = region;
      return {
        households: {
          registered: count(node, "households", TOTAL),
          helped: count(node, "helped", TOTAL),
          byTier: CASE_TIERS.map((tier) => ({ tier, count: count(node, "households", tier) })),
          byCause: HARDSHIP_CAUSES.map((cause) => ({ cause, count: count(node, "causes", cause) })),
        },
        needs: {
          published: count(node, "published", TOTAL),
          fulfilled: count(node, "fulfilled", TOTAL),
          byCategory: NEED_CATEGORIES.map((category) => ({ category, published: count(node, "published", category), fulfilled: count(node, "fulfilled", category) })),
        },
        matches: { fulfilled: count(node, "matches", TOTAL), byProviderKind: ORGANISATION_KINDS.map((kind) => ({ kind, fulfilled: count(node, "matches", kind) })) },
        money: { received: cash(node, "received"), bySource: FUND_SOURCES.map((source) => ({ source, amount: cash(node, source) })), allocated: cash(node, "allocated"), disbursed: cash(node, "disbursed") },
      };
    },
    childrenOf(region) {
      if (region === SITE) return provinces;
      return region.length === 2 ? prefecturesOf(region) : [];
    },
  };
}
