// An in-memory model of one union's books for the ledger's model-based test
// (app/domain/ledger/ledger-model.db.test.ts): what each command should do — accepted or refused,
// and with which DomainError — and the balance every account should then hold. It is written from
// docs/ledger.md, not from the use cases: balances are kept on each account's normal side as the
// effect a transaction has on them, never as signed postings. Pure: no database, amounts only as
// Money from the money module.
import fc from "fast-check";
import type { FundSource, PledgeStatus, ReceiptMethod } from "../app/domain/ledger/ledger-vocabulary";
import { FUND_SOURCES, RECEIPT_METHODS } from "../app/domain/ledger/ledger-vocabulary";
import type { Money } from "../app/domain/money/money";
import { addMoney, compareMoney, isNegativeMoney, isPositiveMoney, isZeroMoney, money, moneyToString, negateMoney, subtractMoney, ZERO_MONEY } from "../app/domain/money/money";

/** Each union of the test has two published needs and two finance users. */
export type NeedSlot = 0 | 1;
export type UserSlot = 0 | 1;
export type AccountKey = "bank" | "clearing" | `general:${FundSource}` | `need:${NeedSlot}`;
export const ACCOUNT_KEYS: readonly AccountKey[] = ["bank", "clearing", "general:government", "general:union", "general:donations", "need:0", "need:1"];

/**
 * An amount as sent, or one taken from the books when the command runs: all of what the fund it
 * draws on holds (or, against a pledge, what is still to come), or one fen more than that.
 */
export type AmountSpec = string | "all" | "all+0.01";
/** A general fund, or the one that holds the most when the command runs ("richest" of all funds, for a request). */
export type SourceSpec = FundSource | "richest";

/**
 * What the test asks for. Numbers that name an earlier pledge, request or transaction are taken
 * modulo how many there are when the command runs (none: one that does not exist); a decision
 * may look among pending requests only. `retry` sends the latest earlier command of a kind that
 * carried a form key again, with its key, the same amount or another one.
 */
export type LedgerCommand =
  | { type: "pledge"; need: NeedSlot | null; amount: string }
  | { type: "receive-pledge"; pledge: number; amount: AmountSpec }
  | { type: "receive"; source: FundSource; need: NeedSlot | null; amount: string; method: ReceiptMethod }
  | { type: "allocate"; source: SourceSpec; need: NeedSlot; amount: AmountSpec }
  | { type: "request"; fund: FundSource | NeedSlot | "richest"; amount: AmountSpec; by: UserSlot }
  | { type: "decide"; request: number; pending: boolean; by: "checker" | "requester"; decision: "approve" | "reject"; reason: string }
  | { type: "reverse"; transaction: number; reason: string }
  | { type: "cancel-pledge"; pledge: number }
  | { type: "retry"; of: KeyedType; amount: "same" | "other" };

/** A command with its targets resolved: `key` is the step whose form key it carries; null targets do not exist. */
export type LedgerStep =
  | { type: "pledge"; key: number; need: NeedSlot | null; amount: string }
  | { type: "receive-pledge"; key: number; pledge: number | null; amount: string }
  | { type: "receive"; key: number; source: FundSource; need: NeedSlot | null; amount: string; method: ReceiptMethod }
  | { type: "allocate"; key: number; source: FundSource; need: NeedSlot; amount: string }
  | { type: "request"; key: number; fund: FundSource | NeedSlot; amount: string; by: UserSlot }
  | { type: "decide"; request: number | null; by: UserSlot; decision: "approve" | "reject"; reason: string }
  | { type: "reverse"; transaction: number | null; reason: string }
  | { type: "cancel-pledge"; pledge: number | null };

type KeyedStep = Extract<LedgerStep, { key: number }>;
type KeyedType = KeyedStep["type"];

/** Accepted (a retry of the same content answers what was written: `replayed`), or refused with a DomainError's kind and key. */
export type Outcome = { ok: true; replayed: boolean } | { ok: false; kind: string; messageKey: string };

/** Refusals that are not DomainErrors: the pledge form's own schema. */
export const FORM_REFUSAL = { ok: false, kind: "invalid", messageKey: "form" } as const;

interface ModelPledge {
  need: NeedSlot | null;
  amount: Money;
  status: PledgeStatus;
}

interface ModelRequest {
  fund: AccountKey;
  amount: Money;
  by: UserSlot;
  status: "pending" | "approved" | "rejected";
}

interface ModelTransaction {
  kind: "receipt" | "allocation" | "disbursement" | "reversal";
  /** How much each account's balance (on its normal side) moved. */
  effects: ReadonlyMap<AccountKey, Money>;
  pledge: number | null;
  reversed: boolean;
}

/** What one form key wrote: its content (to tell a retry from a reuse with other content). */
interface KeyRecord {
  content: string;
}

const refused = (kind: string, messageKey: string): Outcome => ({ ok: false, kind, messageKey });
const ACCEPTED: Outcome = { ok: true, replayed: false };
const REPLAYED: Outcome = { ok: true, replayed: true };

/** An amount as a person might type it, canonical and more than zero, or null. Plain digits only: that is all the generator writes. */
export function modelAmount(text: string): Money | null {
  if (!/^(0|[1-9]\d{0,6})(\.\d{1,2})?$/.test(text)) return null;
  const amount = money(text);
  return isZeroMoney(amount) ? null : amount;
}

export function fundKey(fund: FundSource | NeedSlot): AccountKey {
  return typeof fund === "number" ? `need:${fund}` : `general:${fund}`;
}

export class LedgerModel {
  readonly balances = new Map<AccountKey, Money>(ACCOUNT_KEYS.map((k) => [k, ZERO_MONEY]));
  readonly pledges: ModelPledge[] = [];
  readonly requests: ModelRequest[] = [];
  readonly transactions: ModelTransaction[] = [];
  private readonly keys = new Map<number, KeyRecord>();
  private readonly keyedSteps: KeyedStep[] = [];
  private steps = 0;

  /** The step a command becomes now, or null for a retry with nothing to retry. */
  resolve(command: LedgerCommand): LedgerStep | null {
    const key = this.steps++;
    const pick = (n: number, count: number) => (count === 0 ? null : n % count);
    let step: KeyedStep;
    switch (command.type) {
      case "retry": {
        const original = this.keyedSteps.findLast((s) => s.type === command.of);
        if (!original) return null;
        return command.amount === "same" ? original : { ...original, amount: otherAmount(original.amount) };
      }
      case "receive-pledge": {
        const pledge = pick(command.pledge, this.pledges.length);
        const model = pledge === null ? undefined : this.pledges[pledge];
        const outstanding = model && pledge !== null ? subtractMoney(model.amount, this.receivedAgainst(pledge)) : ZERO_MONEY;
        step = { ...command, key, pledge, amount: amountOf(command.amount, outstanding) };
        break;
      }
      case "allocate": {
        const source = this.sourceOf(command.source);
        step = { ...command, key, source, amount: amountOf(command.amount, this.balance(`general:${source}`)) };
        break;
      }
      case "request": {
        const fund = command.fund === "richest" ? this.richestFund() : command.fund;
        step = { ...command, key, fund, amount: amountOf(command.amount, this.balance(fundKey(fund))) };
        break;
      }
      case "decide": {
        const pending = this.requests.flatMap((r, i) => (r.status === "pending" ? [i] : []));
        const request = command.pending && pending.length > 0 ? (pending[command.request % pending.length] ?? null) : pick(command.request, this.requests.length);
        const requester = request === null ? 0 : (this.requests[request]?.by ?? 0);
        return { ...command, request, by: command.by === "requester" ? requester : requester === 0 ? 1 : 0 };
      }
      case "cancel-pledge":
        return { ...command, pledge: pick(command.pledge, this.pledges.length) };
      case "reverse":
        return { ...command, transaction: pick(command.transaction, this.transactions.length) };
      default:
        step = { ...command, key };
    }
    this.keyedSteps.push(step);
    return step;
  }

  /** Of all the union's funds, general or a need's, the one that holds the most (the first on a tie). */
  private richestFund(): FundSource | NeedSlot {
    const funds: (FundSource | NeedSlot)[] = [...FUND_SOURCES, 0, 1];
    return funds.reduce((best, f) => (compareMoney(this.balance(fundKey(f)), this.balance(fundKey(best))) > 0 ? f : best));
  }

  private sourceOf(spec: SourceSpec): FundSource {
    if (spec !== "richest") return spec;
    return FUND_SOURCES.reduce((best, s) => (compareMoney(this.balance(`general:${s}`), this.balance(`general:${best}`)) > 0 ? s : best));
  }

  /** Applies a step to the model; answers what the use case should answer. */
  apply(step: LedgerStep): Outcome {
    switch (step.type) {
      case "pledge":
        return this.pledge(step);
      case "receive-pledge":
      case "receive":
        return this.receive(step);
      case "allocate":
        return this.allocate(step);
      case "request":
        return this.request(step);
      case "decide":
        return this.decide(step);
      case "reverse":
        return this.reverse(step);
      case "cancel-pledge":
        return this.cancel(step);
    }
  }

  /** Every account's balance as exact money text. */
  balanceTexts(): Record<string, string> {
    return Object.fromEntries(ACCOUNT_KEYS.map((k) => [k, moneyToString(this.balance(k))]));
  }

  private pledge(step: Extract<LedgerStep, { type: "pledge" }>): Outcome {
    const amount = modelAmount(step.amount);
    if (!amount) return FORM_REFUSAL;
    const content = `pledge ${step.need ?? "general"} ${moneyToString(amount)}`;
    const known = this.knownKey(step.key, content);
    if (known) return known;
    this.pledges.push({ need: step.need, amount, status: "open" });
    this.keys.set(step.key, { content });
    return ACCEPTED;
  }

  private receive(step: Extract<LedgerStep, { type: "receive-pledge" | "receive" }>): Outcome {
    const amount = modelAmount(step.amount);
    if (!amount) return refused("invalid", "invalidInput");
    let into: AccountKey;
    let pledgeIndex: number | null = null;
    let source: FundSource;
    if (step.type === "receive-pledge") {
      const pledge = step.pledge === null ? undefined : this.pledges[step.pledge];
      if (!pledge || step.pledge === null) return refused("not-found", "pledgeNotFound");
      if (pledge.status === "cancelled") return refused("conflict", "pledgeClosed");
      pledgeIndex = step.pledge;
      source = "donations";
      into = pledge.need === null ? "general:donations" : `need:${pledge.need}`;
    } else {
      source = step.source;
      into = step.need === null ? `general:${step.source}` : `need:${step.need}`;
    }
    const content = `receipt ${into} ${moneyToString(amount)} ${source} ${step.type === "receive" ? step.method : "bank-transfer"} ${pledgeIndex ?? "-"}`;
    const known = this.knownKey(step.key, content);
    if (known) return known;
    this.post({ kind: "receipt", effects: new Map([["bank", amount], [into, amount]]), pledge: pledgeIndex, reversed: false });
    this.keys.set(step.key, { content });
    if (pledgeIndex !== null) this.settlePledge(pledgeIndex);
    return ACCEPTED;
  }

  private allocate(step: Extract<LedgerStep, { type: "allocate" }>): Outcome {
    const amount = modelAmount(step.amount);
    if (!amount) return refused("invalid", "invalidInput");
    const from: AccountKey = `general:${step.source}`;
    const to: AccountKey = `need:${step.need}`;
    const content = `allocation ${from} ${to} ${moneyToString(amount)}`;
    const known = this.knownKey(step.key, content);
    if (known) return known;
    const effects = new Map<AccountKey, Money>([[from, negateMoney(amount)], [to, amount]]);
    if (!this.affordable(effects)) return refused("conflict", "fundOverdrawn");
    this.post({ kind: "allocation", effects, pledge: null, reversed: false });
    this.keys.set(step.key, { content });
    return ACCEPTED;
  }

  private request(step: Extract<LedgerStep, { type: "request" }>): Outcome {
    const amount = modelAmount(step.amount);
    if (!amount) return refused("invalid", "invalidInput");
    const fund = fundKey(step.fund);
    // One request per form key: the same form sent again answers its request; another amount under it is a reuse.
    const content = `request ${fund} ${moneyToString(amount)} ${step.by}`;
    const known = this.knownKey(step.key, content);
    if (known) return known;
    if (compareMoney(amount, this.balance(fund)) > 0) return refused("conflict", "disbursementOverFund");
    this.requests.push({ fund, amount, by: step.by, status: "pending" });
    this.keys.set(step.key, { content });
    return ACCEPTED;
  }

  private decide(step: Extract<LedgerStep, { type: "decide" }>): Outcome {
    if (step.decision === "reject" && step.reason.trim() === "") return refused("invalid", "invalidInput");
    const request = step.request === null ? undefined : this.requests[step.request];
    if (!request) return refused("not-found", "disbursementNotFound");
    if (request.status !== "pending") return refused("conflict", "disbursementDecided");
    if (request.by === step.by) return refused("forbidden", "disbursementOwnRequest");
    if (step.decision === "reject") {
      request.status = "rejected";
      return ACCEPTED;
    }
    const effects = new Map<AccountKey, Money>([[request.fund, negateMoney(request.amount)], ["bank", negateMoney(request.amount)]]);
    // Paid with the approval, or neither: an approval the fund cannot pay leaves the request pending.
    if (!this.affordable(effects)) return refused("conflict", "fundOverdrawn");
    request.status = "approved";
    this.post({ kind: "disbursement", effects, pledge: null, reversed: false });
    return ACCEPTED;
  }

  private reverse(step: Extract<LedgerStep, { type: "reverse" }>): Outcome {
    if (step.reason.trim() === "") return refused("invalid", "invalidInput");
    const original = step.transaction === null ? undefined : this.transactions[step.transaction];
    if (!original) return refused("not-found", "ledgerTransactionNotFound");
    if (original.kind === "reversal") return refused("conflict", "reversalOfReversal");
    if (original.reversed) return refused("conflict", "ledgerTransactionReversed");
    const effects = new Map([...original.effects].map(([k, v]) => [k, negateMoney(v)]));
    if (!this.affordable(effects)) return refused("conflict", "reversalOverdraws");
    original.reversed = true;
    this.post({ kind: "reversal", effects, pledge: null, reversed: false });
    if (original.pledge !== null) this.settlePledge(original.pledge);
    return ACCEPTED;
  }

  private cancel(step: Extract<LedgerStep, { type: "cancel-pledge" }>): Outcome {
    const pledge = step.pledge === null ? undefined : this.pledges[step.pledge];
    if (!pledge) return refused("not-found", "invalidInput");
    if (pledge.status !== "open") return refused("conflict", "invalidInput");
    pledge.status = "cancelled";
    return ACCEPTED;
  }

  /** A key already used: a replay when the content is the same, a 409 when it is not. */
  private knownKey(key: number, content: string): Outcome | null {
    const record = this.keys.get(key);
    if (!record) return null;
    return record.content === content ? REPLAYED : refused("conflict", "ledgerKeyReused");
  }

  private balance(account: AccountKey): Money {
    return this.balances.get(account) ?? ZERO_MONEY;
  }

  /** No balance may go below zero: a fund is never overdrawn, and the bank holds what the funds hold. */
  private affordable(effects: ReadonlyMap<AccountKey, Money>): boolean {
    return [...effects].every(([account, change]) => !isNegativeMoney(addMoney(this.balance(account), change)));
  }

  private post(transaction: ModelTransaction): void {
    for (const [account, change] of transaction.effects) this.balances.set(account, addMoney(this.balance(account), change));
    this.transactions.push(transaction);
  }

  /** What reached the bank against a pledge, net of reversals. */
  private receivedAgainst(index: number): Money {
    let received = ZERO_MONEY;
    for (const t of this.transactions) {
      if (t.kind === "receipt" && t.pledge === index && !t.reversed) received = addMoney(received, t.effects.get("bank") ?? ZERO_MONEY);
    }
    return received;
  }

  /** A pledge's status follows the money received against it, net of reversals. */
  private settlePledge(index: number): void {
    const pledge = this.pledges[index];
    if (!pledge) return;
    const received = this.receivedAgainst(index);
    if (compareMoney(received, pledge.amount) >= 0) pledge.status = "received";
    else if (isPositiveMoney(received)) pledge.status = "partly-received";
    else if (pledge.status === "partly-received" || pledge.status === "received") pledge.status = "open";
  }
}

/** The amount a spec names, given what the books hold for it now. */
function amountOf(spec: AmountSpec, available: Money): string {
  if (spec === "all") return moneyToString(available);
  if (spec === "all+0.01") return moneyToString(addMoney(available, money("0.01")));
  return spec;
}

/** Another amount than the one a form was first sent with (a valid one, so only the key can refuse it). */
function otherAmount(amount: string): string {
  const valid = modelAmount(amount);
  return valid ? moneyToString(addMoney(valid, money("1"))) : "1.00";
}

// Small amounts, mostly whole yuan, so that sums meet exactly and overdrafts by a fen happen.
const validAmount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 200 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }).map((y) => `${y}.5`) },
);
const invalidAmount = fc.constantFrom("0", "0.00", "-5", "-0.01", "1.234", "10.005", "0.001", "abc", "");
const amount = fc.oneof({ weight: 9, arbitrary: validAmount }, { weight: 1, arbitrary: invalidAmount });
// What leaves a fund: smaller than what comes in, or all of it, or a fen more.
const drawn = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 60 }).map(String) },
  { weight: 1, arbitrary: invalidAmount },
  { weight: 3, arbitrary: fc.constant("all") },
  { weight: 1, arbitrary: fc.constant("all+0.01") },
);
const need = fc.constantFrom<NeedSlot>(0, 1);
const user = fc.constantFrom<UserSlot>(0, 1);
const source = fc.constantFrom(...FUND_SOURCES);
const sourceSpec = fc.oneof({ weight: 1, arbitrary: source }, { weight: 1, arbitrary: fc.constant("richest" as const) });
const index = fc.nat({ max: 7 });
const reason = fc.oneof({ weight: 9, arbitrary: fc.constant("录入有误") }, { weight: 1, arbitrary: fc.constantFrom("", "  ") });

const receipt = (amounts: fc.Arbitrary<string>) =>
  fc.record({ type: fc.constant("receive"), source, need: fc.option(need, { freq: 2 }), amount: amounts, method: fc.constantFrom(...RECEIPT_METHODS) });

/** Commands that carry a form key; one in four is sent again at once (a double submit, or the form edited and resent). */
const keyed: fc.Arbitrary<Extract<LedgerCommand, { type: KeyedType }>> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant("pledge"), need: fc.option(need, { freq: 3 }), amount }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("receive-pledge"), pledge: index, amount: drawn }) },
  { weight: 2, arbitrary: receipt(amount) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("allocate"), source: sourceSpec, need, amount: drawn }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant("request"), fund: fc.oneof(source, need, fc.constant("richest" as const), fc.constant("richest" as const)), amount: drawn, by: user }) },
);
const keyedAndRetried: fc.Arbitrary<LedgerCommand[]> = fc
  .tuple(keyed, fc.option(fc.constantFrom("same" as const, "other" as const), { freq: 4, nil: null }))
  .map(([command, again]) => (again ? [command, { type: "retry", of: command.type, amount: again }] : [command]));

const unkeyed: fc.Arbitrary<LedgerCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant("decide"),
      request: index,
      pending: fc.constantFrom(true, true, true, false),
      by: fc.constantFrom("checker", "checker", "checker", "requester"),
      decision: fc.constantFrom("approve", "approve", "reject"),
      reason,
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("reverse"), transaction: index, reason }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("cancel-pledge"), pledge: index }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant("retry"), of: fc.constantFrom<KeyedType>("pledge", "receive-pledge", "receive", "allocate", "request"), amount: fc.constantFrom("same", "other") }),
  },
);

/**
 * A short sequence: most of what goes wrong in a ledger takes a few moves. Up to two receipts come
 * first, so that allocations, disbursements and reversals find money more often than not.
 */
export const ledgerCommands: fc.Arbitrary<LedgerCommand[]> = fc
  .tuple(
    fc.array(receipt(validAmount), { maxLength: 2 }),
    fc.array(fc.oneof({ weight: 15, arbitrary: keyedAndRetried }, { weight: 10, arbitrary: unkeyed.map((c) => [c]) }), { minLength: 1, maxLength: 4 }),
  )
  .map(([first, rest]) => [...first, ...rest.flat()]);
