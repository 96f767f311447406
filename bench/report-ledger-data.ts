// The ledger of bench/report-data.ts: receipts, allocations, disbursements and a few reversals, day
// by day over the span, in the books of the province's unions.
//
// It goes in as unsealed transactions with their postings, a batch per database transaction: the
// database's own triggers move the balances (refusing any overdraft, so the generator keeps its own
// balances and never draws more than a fund holds) and check each transaction at commit; then the
// database's sealer links the batch into the hash chain (ADR 010), as after postTransaction.
// Inserting rows already sealed is not an option: a seal is only ever the database's next link.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { AuditAction } from "../app/domain/audit/audit-actions";
import type { FundSource } from "../app/domain/ledger/ledger-vocabulary";
import { FUND_SOURCES, PAYEE_KINDS, RECEIPT_METHODS } from "../app/domain/ledger/ledger-vocabulary";
import type { Money } from "../app/domain/money/money";
import { ZERO_MONEY, addMoney, compareMoney, isPositiveMoney, moneyToString, negateMoney, subtractMoney } from "../app/domain/money/money";
import type { NeedCategory } from "../app/domain/needs/need-category";
import type { Column, Random } from "./bulk-seed";
import { DAY_MS, at, chinaDay, insertRows } from "./bulk-seed";

export interface Union {
  id: string;
  region: string;
  accounts: { bank: string; funds: Record<FundSource, string> };
}
export interface SeededNeed {
  id: string;
  caseId: string;
  region: string;
  category: NeedCategory;
  publishedAt: number | null;
}


export interface LedgerOptions {
  random: Random;
  from: Date;
  to: Date;
  transactions: number;
  /** The two finance users a disbursement names (requester and approver must differ). */
  financeUserIds: readonly [string, string];
  /** Ledger transactions per database transaction (each batch sealed after its commit). */
  ledgerBatch?: number;
  unions: Map<string, Union>;
  seededNeeds: readonly SeededNeed[];
  audit: unknown[][];
  timed: (step: string, work: () => Promise<void>) => Promise<void>;
}

type Leg = readonly [account: string, amount: Money];
interface Pending {
  tx: unknown[];
  legs: readonly Leg[];
  request: unknown[] | null;
}

const LEDGER_COLUMNS: Record<"accounts" | "requests" | "transactions" | "postings", Column[]> = {
  accounts: [["id", "text", "uuid"], ["organisation_id", "text", "uuid"], ["kind", "text"], ["source", "text"], ["need_id", "text", "uuid"]],
  requests: [
    ["id", "text", "uuid"],
    ["ref", "text"],
    ["organisation_id", "text", "uuid"],
    ["fund_account_id", "text", "uuid"],
    ["payee_name", "text"],
    ["payee_kind", "text"],
    ["purpose", "text"],
    ["amount", "text", "numeric"],
    ["status", "text"],
    ["requested_by", "text", "uuid"],
    ["approved_by", "text", "uuid"],
    ["decided_at", "text", "timestamptz"],
    ["idempotency_key", "text"],
    ["created_at", "text", "timestamptz"],
  ],
  transactions: [
    ["id", "text", "uuid"],
    ["organisation_id", "text", "uuid"],
    ["kind", "text"],
    ["value_date", "text", "date"],
    ["recorded_at", "text", "timestamptz"],
    ["actor_user_id", "text", "uuid"],
    ["memo", "text"],
    ["idempotency_key", "text"],
    ["reverses_id", "text", "uuid"],
    ["source", "text"],
    ["method", "text"],
    ["disbursement_request_id", "text", "uuid"],
  ],
  postings: [["transaction_id", "text", "uuid"], ["account_id", "text", "uuid"], ["amount", "text", "numeric"]],
};

/**
 * The ledger, day by day over the span: each transaction in one union's books, drawing only on
 * what its funds hold (kept here as the triggers keep ledger_balances), a few reversed at once.
 */
export async function seedLedger(client: pg.ClientBase, context: LedgerOptions) {
  const { random, unions } = context;
  const from = context.from.getTime();
  const to = context.to.getTime();
  const batchSize = context.ledgerBatch ?? 1_000;
  const [requester, approver] = context.financeUserIds;
  const unionList = [...unions.values()];
  // County unions keep most books; the province's and the prefectures' receive and pay from their general funds.
  const unionWeights = unionList.map((u) => (u.region.length === 6 ? 4 : u.region.length === 4 ? 2 : 6));
  const pickUnion = () => random.weighted(unionList, unionWeights);
  // A need's fund is in the books of its household's county union, for the needs money is raised for.
  const fundedCategories = new Set(["tuition", "medical", "living", "housing", "care"]);
  const needsByRegion = new Map<string, SeededNeed[]>();
  for (const need of context.seededNeeds) {
    if (need.publishedAt === null || !fundedCategories.has(need.category)) continue;
    const list = needsByRegion.get(need.region) ?? [];
    list.push(need);
    needsByRegion.set(need.region, list);
  }
  for (const list of needsByRegion.values()) list.sort((a, b) => (a.publishedAt ?? 0) - (b.publishedAt ?? 0));
  /** A need of the union's county published by `moment`, or null. */
  const publishedNeed = (union: Union, moment: number) => {
    const list = needsByRegion.get(union.region) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.publishedAt ?? Infinity) <= moment) lo = mid + 1;
      else hi = mid;
    }
    return lo ? (list[random.int(0, lo - 1)] ?? null) : null;
  };

  // Balances on each account's normal side, and per union the need funds holding money.
  const balances = new Map<string, Money>();
  const balanceOf = (account: string) => balances.get(account) ?? ZERO_MONEY;
  const needFunds = new Map<string, string>();
  const needFundAccounts = new Set<string>();
  const fundsWithMoney = new Map<Union, Set<string>>(unionList.map((u) => [u, new Set<string>()]));

  let newAccounts: unknown[][] = [];
  for (const union of unionList) {
    newAccounts.push([union.accounts.bank, union.id, "bank", null, null], [randomUUID(), union.id, "clearing", null, null]);
    for (const source of FUND_SOURCES) newAccounts.push([union.accounts.funds[source], union.id, "general-fund", source, null]);
  }
  const accountCount = newAccounts.length;
  const needFund = (union: Union, need: SeededNeed) => {
    let account = needFunds.get(need.id);
    if (!account) {
      account = randomUUID();
      needFunds.set(need.id, account);
      needFundAccounts.add(account);
      newAccounts.push([account, union.id, "need-fund", null, need.id]);
    }
    return account;
  };

  let batch: Pending[] = [];
  let transactions = 0;
  let postings = 0;
  let requests = 0;
  const flush = async () => {
    await client.query("begin");
    await insertRows(client, "ledger_accounts", LEDGER_COLUMNS.accounts, newAccounts);
    await insertRows(client, "disbursement_requests", LEDGER_COLUMNS.requests, batch.flatMap((p) => (p.request ? [p.request] : [])));
    await insertRows(client, "ledger_transactions", LEDGER_COLUMNS.transactions, batch.map((p) => p.tx));
    await insertRows(client, "ledger_postings", LEDGER_COLUMNS.postings, batch.flatMap((p) => p.legs.map(([account, amount]) => [p.tx[0], account, moneyToString(amount)])));
    // The deferred triggers check every transaction of the batch here; the sealer then links them.
    await client.query("commit");
    for (;;) {
      const sealed = await client.query<{ sealed: number }>("select ledger_seal_pending(1000) as sealed");
      if ((sealed.rows[0]?.sealed ?? 0) < 1000) break;
    }
    newAccounts = [];
    batch = [];
  };

  const add = async (union: Union, moment: number, fields: { kind: string; source?: FundSource; method?: string; memo?: string; reverses?: string; request?: unknown[]; key?: string; action: AuditAction }, legs: readonly Leg[]) => {
    const id = randomUUID();
    for (const [account, amount] of legs) {
      // Debits raise the bank, credits every other account.
      const raises = isPositiveMoney(amount) === (account === union.accounts.bank);
      const size = isPositiveMoney(amount) ? amount : negateMoney(amount);
      const balance = raises ? addMoney(balanceOf(account), size) : subtractMoney(balanceOf(account), size);
      balances.set(account, balance);
      if (needFundAccounts.has(account)) {
        if (isPositiveMoney(balance)) fundsWithMoney.get(union)?.add(account);
        else fundsWithMoney.get(union)?.delete(account);
      }
    }
    const key = fields.key ?? `bench:${transactions + 1}`;
    batch.push({
      tx: [id, union.id, fields.kind, chinaDay(moment), at(moment), requester, fields.memo ?? null, key, fields.reverses ?? null, fields.source ?? null, fields.method ?? null, fields.request?.[0] ?? null],
      legs,
      request: fields.request ?? null,
    });
    context.audit.push([at(moment), fields.action, "ledger-transaction", id, union.id, union.region, null]);
    transactions++;
    postings += legs.length;
    if (batch.length >= batchSize) await flush();
    return { id, legs };
  };
  const reverse = (union: Union, moment: number, original: { id: string; legs: readonly Leg[] }) =>
    add(union, moment, { kind: "reversal", memo: "测试：重复入账", reverses: original.id, key: `reversal:${original.id}`, action: "ledger.reverse" }, original.legs.map(([account, amount]) => [account, negateMoney(amount)] as const));
  /** Up to `wanted`, what `fund` holds. */
  const atMost = (wanted: Money, fund: string) => (compareMoney(wanted, balanceOf(fund)) > 0 ? balanceOf(fund) : wanted);

  const transact = async (union: Union, moment: number) => {
    const generalWithMoney = FUND_SOURCES.filter((s) => isPositiveMoney(balanceOf(union.accounts.funds[s])));
    const needFundsWithMoney = [...(fundsWithMoney.get(union) ?? [])];
    const need = publishedNeed(union, moment);
    const roll = random.next();
    if (roll < 0.3 && generalWithMoney.length && need) {
      const fund = union.accounts.funds[random.pick(generalWithMoney)];
      const amount = atMost(random.amount(100, 5_000), fund);
      const allocation = await add(union, moment, { kind: "allocation", action: "ledger.allocate" }, [[fund, amount], [needFund(union, need), negateMoney(amount)]]);
      if (random.chance(0.02)) await reverse(union, moment, allocation);
    } else if (roll < 0.55 && (needFundsWithMoney.length || generalWithMoney.length)) {
      const fromNeed = needFundsWithMoney.length > 0 && (random.chance(0.7) || !generalWithMoney.length);
      const fund = fromNeed ? random.pick(needFundsWithMoney) : union.accounts.funds[random.pick(generalWithMoney)];
      const amount = atMost(random.amount(100, 8_000), fund);
      const requestId = randomUUID();
      requests++;
      const request = [requestId, `D-BENCH${requests}`, union.id, fund, "测试收款单位", random.pick(PAYEE_KINDS), "测试用途", moneyToString(amount), "approved", requester, approver, at(moment), `bench-request:${requests}`, at(moment - 3_600_000)];
      await add(union, moment, { kind: "disbursement", request, key: `disbursement:${requestId}`, action: "ledger.disbursement-approve" }, [[fund, amount], [union.accounts.bank, negateMoney(amount)]]);
    } else {
      const source = random.pick(FUND_SOURCES);
      const amount = random.amount(100, 20_000);
      const target = need && random.chance(0.25) ? needFund(union, need) : union.accounts.funds[source];
      const receipt = await add(union, moment, { kind: "receipt", source, method: random.pick(RECEIPT_METHODS), action: "ledger.receipt" }, [[union.accounts.bank, amount], [target, negateMoney(amount)]]);
      if (random.chance(0.02)) await reverse(union, moment, receipt);
    }
  };

  await context.timed("ledger", async () => {
    // Busier and quieter days; by the end of each day the count reaches its share of the total.
    const days = Math.max(1, Math.ceil((to - from) / DAY_MS));
    const weights = Array.from({ length: days }, () => 0.5 + random.next());
    const total = weights.reduce((a, b) => a + b, 0);
    let share = 0;
    for (const [d, weight] of weights.entries()) {
      share += weight;
      const due = d === days - 1 ? context.transactions : Math.round((context.transactions * share) / total);
      const day = from + d * DAY_MS;
      while (transactions < due) await transact(pickUnion(), Math.min(to, day + random.int(0, DAY_MS / 1000 - 1) * 1000));
    }
    if (batch.length) await flush();
  });
  return { ledgerAccounts: accountCount + needFunds.size, ledgerTransactions: transactions, ledgerPostings: postings, disbursementRequests: requests };
}
