// The transparency reads on a real database, with a ledger written through postTransaction.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import { rowsOf } from "../../../tests/ledger-fixture";
import type { TransparencyLedger } from "../../../tests/transparency-fixture";
import { ANONYMOUS_DONOR_CONTACT, HIDDEN_DONOR_NAME, NAMED_DONOR, seedTransparencyLedger } from "../../../tests/transparency-fixture";
import { postStandalone, postTransaction } from "../ledger/post-transaction.server";
import type { LedgerVerification } from "../ledger/verify-ledger.server";
import { verifyLedger } from "../ledger/verify-ledger.server";
import { money, moneyToString } from "../money/money";
import { listLedgerActivity } from "./ledger-activity.server";
import { readLedgerTotals } from "./ledger-totals.server";
import { listNeedProgress, readNeedProgress } from "./need-progress.server";
import { onNeedFundBalanceChanged } from "./on-need-fund-balance-changed.server";

let handle: DatabaseHandle;
let ledger: TransparencyLedger;

beforeAll(async () => {
  handle = await createTestDatabase();
  ledger = await seedTransparencyLedger(handle.db);
}, 60_000);
afterAll(() => handle?.close());

const text = (amount: Parameters<typeof moneyToString>[0]) => moneyToString(amount);

describe("ledger totals", () => {
  it("counts receipts by source net of their reversals", async () => {
    const totals = await readLedgerTotals(handle.db);
    expect(totals.bySource.map((s) => [s.source, text(s.amount)])).toEqual([
      ["government", "2000.00"],
      ["union", "500.00"],
      ["donations", "1000.00"],
    ]);
    expect(text(totals.received)).toBe("3500.00");
    expect(text(totals.byMonth.at(-1)?.amount ?? money("0"))).toBe("3500.00");
    expect(totals.byMonth).toHaveLength(12);
  });

  it("totals allocations and disbursements and reads the chain head", async () => {
    const totals = await readLedgerTotals(handle.db);
    expect(text(totals.allocated)).toBe("400.00");
    expect(text(totals.disbursed)).toBe("250.00");
    const [head] = await rowsOf(handle.db, z.object({ sequence: z.string(), hash: z.string() }), sql`select sequence::text, hash from ledger_chain_head`);
    expect(totals.chainHead).toEqual(head);
    expect(totals.chainHead?.sequence).toBe("9");
  });
});

describe("ledger activity", () => {
  it("names a donor only where the pledge was not anonymous, and never a contact or message", async () => {
    const activity = await listLedgerActivity(handle.db, { limit: 50 });
    const receipts = activity.filter((a) => a.kind === "receipt" && a.source === "donations" && a.need);
    expect(receipts.find((a) => a.need?.ref === ledger.refs.funded)?.donorName).toBe(NAMED_DONOR);
    expect(receipts.find((a) => a.need?.ref === ledger.refs.partly)?.donorName).toBeNull();
    const everything = JSON.stringify(activity);
    expect(everything).not.toContain(ANONYMOUS_DONOR_CONTACT);
    expect(everything).not.toContain(HIDDEN_DONOR_NAME);
    expect(everything).not.toContain("测试学校");
  });

  it("shows a reversal with the kind it undoes, newest first", async () => {
    const activity = await listLedgerActivity(handle.db, { limit: 50 });
    expect(activity.map((a) => a.sequence)).toEqual(["9", "8", "7", "6", "5", "4", "3", "2", "1"]);
    const reversal = activity.find((a) => a.kind === "reversal");
    expect(reversal).toMatchObject({ reverses: "receipt", source: "union" });
    expect(text(reversal?.amount ?? money("0"))).toBe("70.00");
    expect(activity.find((a) => a.kind === "disbursement")?.payeeKind).toBe("school");
  });

  it("leaves out the need of a transaction once the need is no longer public", async () => {
    const activity = await listLedgerActivity(handle.db, { limit: 50 });
    expect(JSON.stringify(activity)).not.toContain(ledger.refs.withdrawn);
    expect(activity.filter((a) => a.need).map((a) => a.need?.ref)).not.toContain(ledger.refs.withdrawn);
  });

  it("pages on by sequence", async () => {
    const page = await listLedgerActivity(handle.db, { limit: 3, beforeSequence: "4" });
    expect(page.map((a) => a.sequence)).toEqual(["3", "2", "1"]);
  });
});

describe("need progress", () => {
  it("splits raised, allocated and disbursed against the target", async () => {
    const progress = await readNeedProgress(handle.db, ledger.refs.funded);
    expect(progress && { raised: text(progress.raised), allocated: text(progress.allocated), disbursed: text(progress.disbursed), balance: text(progress.balance) }).toEqual({
      raised: "600.00",
      allocated: "400.00",
      disbursed: "250.00",
      balance: "750.00",
    });
    expect(progress?.state).toBe("fully");
    expect((await readNeedProgress(handle.db, ledger.refs.partly))?.state).toBe("partly");
  });

  it("reads a need's funding from its fund's balance rows, which verifyLedger holds to the postings", async () => {
    const rows = await rowsOf(
      handle.db,
      z.object({ raised: z.string(), allocated: z.string(), disbursed: z.string() }),
      sql`select sum(raised)::text as raised, sum(allocated)::text as allocated, sum(disbursed)::text as disbursed from ledger_balances where account_id = ${ledger.fundOf.funded}`,
    );
    expect(rows).toEqual([{ raised: "600.00", allocated: "400.00", disbursed: "250.00" }]);
    // Changed behind the triggers' back (as a superuser can), in a transaction rolled back after.
    let found: LedgerVerification | null = null;
    const rolledBack = new Error("rolled back on purpose");
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update ledger_balances set raised = raised + 1 where account_id = ${ledger.fundOf.funded} and shard = 0`);
        await tx.execute(sql`set local session_replication_role = origin`);
        found = await verifyLedger({ db: tx });
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(found).toMatchObject({ ok: false, problem: { kind: "balance", accountId: ledger.fundOf.funded } });
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true });
  });

  /** A cash receipt of `amount` into a need's fund. */
  const receiptInto = (fund: string, idempotencyKey: string, amount: string) => ({
    organisationId: ledger.books.organisationId,
    kind: "receipt" as const,
    idempotencyKey,
    source: "donations" as const,
    method: "cash" as const,
    postings: [
      { accountId: ledger.books.bank, amount: money(amount) },
      { accountId: fund, amount: money(`-${amount}`) },
    ],
  });

  it("refuses a need fund posted on its own, outside a transaction that follows the need's funding state", async () => {
    const [before] = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from ledger_transactions`);
    const standalone = postStandalone({ db: handle.db, actorUserId: ledger.actor, transaction: receiptInto(ledger.fundOf.partly, "standalone-need-fund", "3.00") });
    await expect(standalone).rejects.toMatchObject({ cause: { constraint: "ledger_post_need_fund" } });
    expect(await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from ledger_transactions`)).toEqual([before]);
  });

  it("keeps a need fund's increases in one row, whichever row the writer's connection has", async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local xiangyun.ledger_shard = 9`);
      await postTransaction({ db: tx, actorUserId: ledger.actor, transaction: receiptInto(ledger.fundOf.withdrawn, "one-row-need-fund", "7.00") });
    });
    const rows = await rowsOf(handle.db, z.object({ shard: z.number(), raised: z.string() }), sql`select shard::int as shard, raised::text as raised from ledger_balances where account_id = ${ledger.fundOf.withdrawn} and raised <> 0`);
    expect(rows).toEqual([{ shard: 0, raised: expect.any(String) }]);
    const bank = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from ledger_balances where account_id = ${ledger.books.bank} and shard = 9 and balance >= 7`);
    expect(bank).toEqual([{ n: 1 }]);
  });

  it("hides needs that are not public", async () => {
    expect(await readNeedProgress(handle.db, ledger.refs.withdrawn)).toBeNull();
    const listed = await listNeedProgress(handle.db, { limit: 50 });
    expect(listed.map((n) => n.ref).sort()).toEqual([ledger.refs.funded, ledger.refs.partly].sort());
  });
});

describe("onNeedFundBalanceChanged", () => {
  const outboxRows = async (ref: string) => {
    const [row] = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from search_outbox where entity = 'need' and ref = ${ref}`);
    return row?.n ?? -1;
  };
  let k = 0;
  const receiptInside = (amount: string) =>
    handle.db.transaction(async (tx) => {
      // The writer's rows, not yet committed, as postTransaction would leave them.
      const [row] = await rowsOf(
        tx,
        z.object({ id: z.string() }),
        sql`insert into ledger_transactions (organisation_id, kind, idempotency_key, source, method)
            values (${ledger.books.organisationId}, 'receipt', ${`hook-${++k}`}, 'donations', 'cash') returning id`,
      );
      if (!row) throw new Error("no transaction");
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${row.id}, ${ledger.books.bank}, ${amount}), (${row.id}, ${ledger.fundOf.partly}, ${`-${amount}`})`);
      return onNeedFundBalanceChanged(tx, ledger.needIds.partly, row.id);
    });

  it("queues the need for the index only when its funding state changes", async () => {
    const before = await outboxRows(ledger.refs.partly);
    expect(await receiptInside("100.00")).toEqual({ state: "partly", changed: false });
    expect(await outboxRows(ledger.refs.partly)).toBe(before);
    // 300 + 100 + 4600 reaches the ¥5,000 target.
    expect(await receiptInside("4600.00")).toEqual({ state: "fully", changed: true });
    expect(await outboxRows(ledger.refs.partly)).toBe(before + 1);
  });

  it("is called by postTransaction: a receipt that keeps the state queues nothing, a reversal that ends it queues the need", async () => {
    const post = (transaction: Omit<Parameters<typeof postTransaction>[0]["transaction"], "organisationId">) =>
      postTransaction({ db: handle.db, actorUserId: ledger.actor, transaction: { organisationId: ledger.books.organisationId, ...transaction } });
    const before = await outboxRows(ledger.refs.partly);
    await post({
      kind: "receipt",
      idempotencyKey: "hook-after",
      source: "donations",
      method: "cash",
      postings: [
        { accountId: ledger.books.bank, amount: money("1.00") },
        { accountId: ledger.fundOf.partly, amount: money("-1.00") },
      ],
    });
    expect((await readNeedProgress(handle.db, ledger.refs.partly))?.state).toBe("fully");
    expect(await outboxRows(ledger.refs.partly)).toBe(before);
    // Reversing the ¥4,600 receipt takes the need back below its target.
    const [reached] = await rowsOf(handle.db, z.object({ id: z.string() }), sql`select id from ledger_transactions where idempotency_key = ${`hook-${k}`}`);
    await post({
      kind: "reversal",
      idempotencyKey: "hook-reversal",
      reversesId: reached?.id,
      memo: "测试冲正",
      postings: [
        { accountId: ledger.books.bank, amount: money("-4600.00") },
        { accountId: ledger.fundOf.partly, amount: money("4600.00") },
      ],
    });
    expect((await readNeedProgress(handle.db, ledger.refs.partly))?.state).toBe("partly");
    expect(await outboxRows(ledger.refs.partly)).toBe(before + 1);
  });
});
