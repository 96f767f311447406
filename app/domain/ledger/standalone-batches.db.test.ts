// Standalone writes (receipts into a general fund) that arrive together are posted in shared
// batches (ADR 014): each writer still gets its own answer — posted, replayed, refused — exactly as
// alone, the audit rows and balances are those of the writes one by one, and a batch with a refused
// item posts the others. On PostgreSQL the writers use a pool of their own, as a web server's
// requests would.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database, DatabaseHandle } from "../../../db/client.server";
import { executeRows } from "../../../db/client.server";
import { createTestDatabase, openConcurrentDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { createFinanceWorld, fundBalance, refusal } from "../../../tests/finance-fixture";
import { isDomainError } from "../errors/domain-error";
import { moneyFromDb, moneyToString, negateMoney, parseMoney, subtractMoney } from "../money/money";
import type { FundSource } from "./ledger-vocabulary";
import { financeBooksOf, rememberedUnionAccounts } from "./ledger-accounts.server";
import { postStandalone } from "./post-transaction.server";
import type { ReceiptInput } from "./record-receipt.server";
import { recordReceipt } from "./record-receipt.server";
import { verifyLedger } from "./verify-ledger.server";

let handle: DatabaseHandle;
let world: FinanceWorld;
let db: Database;
let closeWriters: () => Promise<void>;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFinanceWorld(handle);
  const writers = await openConcurrentDatabase(handle, 8);
  db = writers.db;
  closeWriters = writers.close;
  // A union's first receipt opens its books, its second finds them committed; after that its receipts are standalone writes.
  for (const actor of [world.actors.finance, world.actors.otherFinance]) {
    for (const n of [1, 2]) await recordReceipt({ db, actor, receipt: receipt("union", "1.00", `open-books-${n}-${actor.userId}`) });
  }
}, 60_000);
afterAll(async () => {
  await closeWriters?.();
  await handle?.close();
});

function receipt(source: FundSource, amount: string, idempotencyKey: string): ReceiptInput {
  return { target: { source, needRef: null }, amount, valueDate: "2026-12-01", method: "bank-transfer", bankReference: null, memo: null, idempotencyKey };
}

const SOURCES: FundSource[] = ["donations", "government", "union"];
const balances = async () => Object.fromEntries(await Promise.all(SOURCES.map(async (source) => [source, await fundBalance(db, world.actors.finance, { source })])));

describe("standalone writes posted together", () => {
  it("answers each of many concurrent receipts its own: posted, replayed or refused, as alone", async () => {
    const { finance } = world.actors;
    const before = await balances();
    const fresh = Array.from({ length: 30 }, (_, i) => receipt(SOURCES[i % 3] ?? "union", `${i + 1}.00`, `batch-fresh-${i}`));
    // Five writers with one key, one of them with another amount: the first posts it; the same
    // content is then a replay of it, the other amount a reused key.
    const sameKey = [receipt("donations", "7.00", "batch-dup"), receipt("donations", "7.00", "batch-dup"), receipt("donations", "8.00", "batch-dup"), receipt("donations", "7.00", "batch-dup"), receipt("donations", "7.00", "batch-dup")];
    const all = [...fresh.slice(0, 15), ...sameKey, ...fresh.slice(15)];
    const answers = await Promise.allSettled(all.map((r) => recordReceipt({ db, actor: finance, receipt: r })));

    const freshAnswers = answers.filter((_, i) => all[i]?.idempotencyKey !== "batch-dup");
    const ids = freshAnswers.map((a) => (a.status === "fulfilled" && !a.value.replayed ? a.value.transactionId : null));
    expect(new Set(ids).size).toBe(30);
    expect(ids).not.toContain(null);

    const [posted] = await executeRows(db, z.object({ id: z.string(), amount: z.string() }), sql`select t.id, p.amount::text as amount from ledger_transactions t
      join ledger_postings p on p.transaction_id = t.id join ledger_accounts a on a.id = p.account_id and a.kind = 'bank' where t.idempotency_key = 'batch-dup'`);
    if (!posted) throw new Error("batch-dup was not posted");
    const winner = moneyToString(moneyFromDb(posted.amount));
    const dupAnswers = answers.filter((_, i) => all[i]?.idempotencyKey === "batch-dup");
    expect(dupAnswers.filter((a) => a.status === "fulfilled" && !a.value.replayed)).toHaveLength(1);
    sameKey.forEach((r, i) => {
      const answer = dupAnswers[i];
      if (r.amount === winner) expect(answer).toMatchObject({ status: "fulfilled", value: { transactionId: posted.id } });
      else expect(answer?.status === "rejected" && isDomainError(answer.reason) ? answer.reason.messageKey : answer).toBe("ledgerKeyReused");
    });

    // The balances and the audit are those of the writes one by one.
    const after = await balances();
    for (const [i, source] of SOURCES.entries()) {
      const paid = fresh.filter((_, k) => k % 3 === i).reduce((sum, r) => sum + Number.parseInt(r.amount, 10), 0) + (source === "donations" ? Number.parseInt(winner, 10) : 0);
      expect(moneyToString(subtractMoney(moneyFromDb(after[source] ?? "0"), moneyFromDb(before[source] ?? "0"))), source).toBe(moneyToString(parseMoney(`${paid}`)));
    }
    const allIds = [...(ids as string[]), posted.id];
    const auditRow = z.object({ entity_id: z.string(), actor_user_id: z.string(), actor_email: z.string(), entity: z.string(), organisation_id: z.string(), summary: z.unknown() });
    const audits = await executeRows(db, auditRow, sql`select entity_id, actor_user_id, actor_email, entity, organisation_id, summary from audit_log where action = 'ledger.receipt' and entity_id in ${allIds}`);
    expect(audits).toHaveLength(31);
    // Each as a single write records it: who, which books, and what was received (the last of the
    // wave, which went in a batch: the first found both batches free and went alone).
    const last = fresh[29];
    expect(audits.find((row) => row.entity_id === ids[29])).toEqual({
      entity_id: ids[29],
      actor_user_id: finance.userId,
      actor_email: finance.email,
      entity: "ledger-transaction",
      organisation_id: financeBooksOf(finance).organisationId,
      summary: { after: { amount: "30.00", source: last && "source" in last.target ? last.target.source : null, method: "bank-transfer", pledge: null, need: null } },
    });

    // They went to the database together: several share one database transaction (their postings'
    // xmin: the seal rewrites the transaction rows), and all are sealed.
    const [shape] = await executeRows(
      db,
      z.object({ transactions: z.coerce.number(), commits: z.coerce.number(), unsealed: z.coerce.number() }),
      sql`select count(distinct t.id) as transactions, count(distinct p.xmin::text) as commits, count(distinct t.id) filter (where t.sequence is null) as unsealed
        from ledger_transactions t join ledger_postings p on p.transaction_id = t.id where t.id in ${allIds}`,
    );
    expect(shape?.transactions).toBe(31);
    expect(shape?.commits).toBeLessThan(31);
    expect(shape?.unsealed).toBe(0);
    expect(await verifyLedger({ db })).toMatchObject({ ok: true });

    // Keys taken before the batch: the same content is a replay, other content a reused key.
    const again = await Promise.allSettled([
      recordReceipt({ db, actor: finance, receipt: fresh[3] ?? receipt("union", "1.00", "none") }),
      ...Array.from({ length: 6 }, (_, i) => recordReceipt({ db, actor: finance, receipt: receipt("donations", "2.00", `batch-second-${i}`) })),
      recordReceipt({ db, actor: finance, receipt: { ...(fresh[4] ?? receipt("union", "1.00", "none")), amount: "99.00" } }),
    ]);
    expect(again[0]).toMatchObject({ status: "fulfilled", value: { transactionId: ids[3], replayed: true } });
    expect(again.slice(1, 7).every((a) => a.status === "fulfilled" && !a.value.replayed)).toBe(true);
    const reused = again[7];
    expect(reused?.status === "rejected" && isDomainError(reused.reason) ? reused.reason.messageKey : reused).toBe("ledgerKeyReused");
  });

  it("posts a batch with decreases item by item, each checked against what the items before it left", async () => {
    const { finance } = world.actors;
    const organisationId = financeBooksOf(finance).organisationId;
    const ours = rememberedUnionAccounts(db, organisationId);
    if (!ours) throw new Error("books not open");
    await recordReceipt({ db, actor: finance, receipt: receipt("union", "5.00", "batch-refundable") });
    const before = await fundBalance(db, finance, { source: "union" });
    // Money handed back from the union fund: the fund and the bank both decrease.
    const refunds = Array.from({ length: 4 }, (_, i) =>
      postStandalone({
        db,
        actorUserId: finance.userId,
        transaction: { organisationId, kind: "receipt", idempotencyKey: `batch-decrease-${i}`, source: "union", method: "cash", postings: [{ accountId: ours.bank, amount: negateMoney(parseMoney("1.00")) }, { accountId: ours.general.union, amount: parseMoney("1.00") }] },
      }),
    );
    const receipts = Array.from({ length: 8 }, (_, i) => recordReceipt({ db, actor: finance, receipt: receipt("union", "2.00", `batch-with-decreases-${i}`) }));
    const answers = await Promise.all([...refunds, ...receipts.map((r) => r.then((a) => ({ id: a.transactionId, replayed: a.replayed })))]);
    expect(new Set(answers.map((a) => a.id)).size).toBe(12);
    expect(moneyToString(subtractMoney(moneyFromDb(await fundBalance(db, finance, { source: "union" })), moneyFromDb(before)))).toBe("12.00");
    expect(await verifyLedger({ db })).toMatchObject({ ok: true });
  });

  it("refuses an item the database refuses, alone: the rest of its batch is posted", async () => {
    const { finance, otherFinance } = world.actors;
    const ours = rememberedUnionAccounts(db, financeBooksOf(finance).organisationId);
    const theirs = rememberedUnionAccounts(db, financeBooksOf(otherFinance).organisationId);
    if (!ours || !theirs) throw new Error("books not open");
    const organisationId = financeBooksOf(finance).organisationId;
    const one = parseMoney("1.00");
    const unionBefore = await fundBalance(db, finance, { source: "union" });
    // Its refusal is taken at once: a rejection left unhandled across an await fails the run.
    const foreignRefusal = refusal(postStandalone({
      db,
      actorUserId: finance.userId,
      transaction: { organisationId, kind: "receipt", idempotencyKey: "batch-foreign", source: "donations", method: "cash", postings: [{ accountId: ours.bank, amount: one }, { accountId: theirs.general.donations, amount: negateMoney(one) }] },
    }));
    // A refund from the union fund: a decrease of the fund and the bank, locked on all their rows; then one the fund cannot pay.
    const refund = (key: string, amount: string) =>
      postStandalone({
        db,
        actorUserId: finance.userId,
        transaction: { organisationId, kind: "receipt", idempotencyKey: key, source: "union", method: "cash", postings: [{ accountId: ours.bank, amount: negateMoney(parseMoney(amount)) }, { accountId: ours.general.union, amount: parseMoney(amount) }] },
      });
    const good = Array.from({ length: 10 }, (_, i) => recordReceipt({ db, actor: finance, receipt: receipt("government", "3.00", `batch-good-${i}`) }));
    const [refunded, overdrawn, ...goodAnswers] = await Promise.all([refund("batch-refund", "2.00"), refusal(refund("batch-overdraw", "1000000.00")), ...good]);
    expect(await foreignRefusal).toMatchObject({ messageKey: "invalidInput", status: 400 });
    expect(overdrawn).toMatchObject({ messageKey: "fundOverdrawn", status: 409 });
    expect(refunded.replayed).toBe(false);
    expect(new Set(goodAnswers.map((a) => a.transactionId)).size).toBe(10);
    expect(moneyToString(subtractMoney(moneyFromDb(unionBefore), moneyFromDb(await fundBalance(db, finance, { source: "union" }))))).toBe("2.00");
    const [written] = await executeRows(db, z.object({ n: z.coerce.number() }), sql`select count(*) as n from ledger_transactions where idempotency_key in ('batch-foreign', 'batch-overdraw')`);
    expect(written?.n).toBe(0);
    expect(await verifyLedger({ db })).toMatchObject({ ok: true });
  });
});
