// Small-cell suppression for every public aggregate: no published figure may single out a household.
//
// The rule, as statistics offices apply it:
// 1. Primary: a cell counting 1–4 households is hidden (shown "<5"). A cell of 0 is shown: it
//    describes nobody, and hiding zeros would hide nothing.
// 2. Complementary: public figures are tied by sums a reader can redo — a row total is the sum of
//    its cells, a province the sum of its prefectures, the whole site the sum of its provinces. Each
//    such sum is an `Equation`. An equation may not let a reader work out a hidden cell: not by a
//    single subtraction (exactly one hidden member), and not from the bounds the page itself gives
//    (a "<5" cell lies in 1–4, a complementary cell in 5 or more), e.g. a total of 8 made of two
//    "<5" cells means both are 4. While an equation gives a hidden member away, the cheapest other
//    member is hidden too — its smallest non-zero visible part, or its total when no part can be —
//    and the equations are checked again until none does (hiding only ever grows, so it ends).
// 3. Cells that are known anyway (a residual a reader could know, or a figure published elsewhere)
//    are `fixed`: never hidden, always counted as known.
// The suppression runs once over every region's cells together, so the site page, a province page
// and the API hide the same cells and no two pages can be subtracted from each other.

/** Fewer households than this in a cell and it is hidden. */
export const SMALL_CELL_THRESHOLD = 5;

/** `total` = the sum of `parts`: a sum a reader can redo with the published figures. */
export interface Equation<K extends string = string> {
  total: K;
  parts: readonly K[];
}

/** Why a cell is hidden: it counts fewer than 5 households, or it protects such a cell. */
export type Suppression = "small" | "complementary";

/** Where a hidden value can lie, as a reader knows from how it is shown. */
interface Bounds {
  low: number;
  high: number;
}

const SMALL_BOUNDS: Bounds = { low: 1, high: SMALL_CELL_THRESHOLD - 1 };
const COMPLEMENT_BOUNDS: Bounds = { low: SMALL_CELL_THRESHOLD, high: Number.POSITIVE_INFINITY };

export interface SuppressOptions<K extends string> {
  /** Cells that must not be hidden (known anyway); they may still be members of equations. */
  isFixed?: (key: K) => boolean;
  /**
   * The households behind a cell when it counts something else (needs, matches): such a cell is
   * hidden when its households number 1–4, whatever its own count.
   */
  householdsOf?: (key: K) => number | undefined;
}

/**
 * Hides the cells of `counts` that count 1–4 households, and enough others that no equation gives
 * one away. Returns why each hidden cell is hidden; a cell not in the map is shown.
 */
export function suppressSmallCells<K extends string>(counts: ReadonlyMap<K, number>, equations: readonly Equation<K>[], options: SuppressOptions<K> = {}): Map<K, Suppression> {
  const isFixed = options.isFixed ?? (() => false);
  const householdsOf = options.householdsOf ?? (() => undefined);
  const hidden = new Map<K, Suppression>();
  for (const [key, count] of counts) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number ≥ 0 (${key}: ${count})`);
    const households = householdsOf(key) ?? count;
    if (count > 0 && households < SMALL_CELL_THRESHOLD && !isFixed(key)) hidden.set(key, "small");
  }
  const valueOf = (key: K): number => {
    const value = counts.get(key);
    if (value === undefined) throw new RangeError(`an equation names a cell without a count: ${key}`);
    return value;
  };
  const bounds = (key: K): Bounds => {
    const why = hidden.get(key);
    if (why === undefined) return { low: valueOf(key), high: valueOf(key) };
    if (why === "complementary") return COMPLEMENT_BOUNDS;
    // A "<5" cell of needs may hold more needs than households.
    return valueOf(key) < SMALL_CELL_THRESHOLD ? SMALL_BOUNDS : { low: 1, high: Number.POSITIVE_INFINITY };
  };
  const smallerFirst = (a: K, b: K) => valueOf(a) - valueOf(b) || byKey(a, b);
  const canProtect = (key: K) => !isFixed(key) && valueOf(key) > 0;
  return protect(equations, hidden, (equation) => givesAway(equation, hidden, bounds), canProtect, smallerFirst);
}

/**
 * Suppression that follows other figures (money of a region whose households are hidden): the
 * `primary` cells are hidden, then complements until no equation has exactly one hidden member.
 * A hidden amount tells a reader nothing of its size, so only a single subtraction gives one away;
 * for the same reason a zero may be hidden to protect another (the smallest goes first).
 */
export function suppressAlong<K extends string>(
  equations: readonly Equation<K>[],
  primary: Iterable<K>,
  options: { isFixed?: (key: K) => boolean; smallerFirst: (a: K, b: K) => number },
): Map<K, Suppression> {
  const isFixed = options.isFixed ?? (() => false);
  const hidden = new Map<K, Suppression>();
  for (const key of primary) if (!isFixed(key)) hidden.set(key, "small");
  const singleHidden = (equation: Equation<K>) => [equation.total, ...equation.parts].filter((m) => hidden.has(m)).length === 1;
  return protect(equations, hidden, singleHidden, (key) => !isFixed(key), (a, b) => options.smallerFirst(a, b) || byKey(a, b));
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Hides complements until no equation gives a hidden member away (hiding only grows, so it ends). */
function protect<K extends string>(
  equations: readonly Equation<K>[],
  hidden: Map<K, Suppression>,
  isGivenAway: (equation: Equation<K>) => boolean,
  canProtect: (key: K) => boolean,
  smallerFirst: (a: K, b: K) => number,
): Map<K, Suppression> {
  let changed = true;
  while (changed) {
    changed = false;
    for (const equation of equations) {
      if (!isGivenAway(equation)) continue;
      // The smallest visible part that can protect, else the total.
      const candidate = (key: K) => !hidden.has(key) && canProtect(key);
      const complement = equation.parts.filter(candidate).sort(smallerFirst)[0] ?? (candidate(equation.total) ? equation.total : undefined);
      if (complement === undefined) continue;
      hidden.set(complement, "complementary");
      changed = true;
    }
  }
  return hidden;
}

/** True when a reader can pin down a hidden member of `equation` from its other members. */
function givesAway<K extends string>(equation: Equation<K>, hidden: ReadonlyMap<K, Suppression>, bounds: (key: K) => Bounds): boolean {
  const members = [equation.total, ...equation.parts];
  const hiddenMembers = members.filter((m) => hidden.has(m));
  if (hiddenMembers.length === 0) return false;
  if (hiddenMembers.length === 1) return true;
  // total − Σ parts = 0: each hidden member's range follows from the others' ranges.
  const sign = (index: number) => (index === 0 ? 1 : -1);
  return members.some((member, index) => {
    if (!hidden.has(member)) return false;
    let low = 0;
    let high = 0;
    members.forEach((other, j) => {
      if (j === index) return;
      const b = bounds(other);
      // member·s_i = −Σ s_j·other_j  →  member = −s_i·Σ s_j·other_j
      const factor = -sign(index) * sign(j);
      low += factor > 0 ? b.low : -b.high;
      high += factor > 0 ? b.high : -b.low;
    });
    const own = bounds(member);
    const from = Math.max(low, own.low);
    const to = Math.min(high, own.high);
    return from === to;
  });
}

/** A published count: the figure, or why it is hidden. */
export type PublicCount = { value: number; hidden: null } | { value: null; hidden: Suppression };

/** The count of `key` as the public sees it. */
export function publicCount<K extends string>(counts: ReadonlyMap<K, number>, hidden: ReadonlyMap<K, Suppression>, key: K): PublicCount {
  const why = hidden.get(key);
  if (why) return { value: null, hidden: why };
  return { value: counts.get(key) ?? 0, hidden: null };
}
