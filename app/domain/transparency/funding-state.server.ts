// A need's funding as the public reads it, and the state its search document would carry. Pure.
import type { Money } from "../money/money";
import { ZERO_MONEY, addMoney, compareMoney, isPositiveMoney, negateMoney } from "../money/money";

/** Net of reversals: money that reached the need's fund from receipts, from general funds, and paid out. */
export interface NeedFunding {
  /** Receipts and attributions into the need's fund. */
  raised: Money;
  /** Allocations from the union's general funds. */
  allocated: Money;
  /** Disbursements from the need's fund to providers. */
  disbursed: Money;
}

export const NO_FUNDING: NeedFunding = { raised: ZERO_MONEY, allocated: ZERO_MONEY, disbursed: ZERO_MONEY };

export const FUNDING_STATES = ["none", "partly", "fully"] as const;
export type FundingState = (typeof FUNDING_STATES)[number];

/**
 * A need fund's funding after one posting to it (credit-normal: money in is a negative posting,
 * money out a positive one), by the posting's movement — its transaction's kind, or for a
 * reversal the kind it undoes.
 */
export function addNeedMovement(current: NeedFunding, movement: string, amount: Money): NeedFunding {
  if (movement === "receipt" || movement === "attribution") return { ...current, raised: addMoney(current.raised, negateMoney(amount)) };
  if (movement === "allocation") return { ...current, allocated: addMoney(current.allocated, negateMoney(amount)) };
  if (movement === "disbursement") return { ...current, disbursed: addMoney(current.disbursed, amount) };
  return current;
}

/** Everything that reached the need: raised plus allocated. */
export function fundedOf(funding: NeedFunding): Money {
  return addMoney(funding.raised, funding.allocated);
}

/** none until money reaches the need, fully once it reaches the target (a need without a target is never fully funded). */
export function fundingStateOf(funding: NeedFunding, target: Money | null): FundingState {
  const funded = fundedOf(funding);
  if (!isPositiveMoney(funded)) return "none";
  if (target && isPositiveMoney(target) && compareMoney(funded, target) >= 0) return "fully";
  return "partly";
}
