// Reversal with a reason, once; refused when it would overdraw (the allocation is reversed first);
// a reversed receipt against a pledge sets the pledge back; finance staff of the union only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { countRows, createFinanceWorld, fundBalance, insertPledge, pledgeStatus, refusal } from "../../../tests/finance-fixture";
import { allocateFunds } from "./allocate-funds.server";
import type { ReceiptInput } from "./record-receipt.server";
import { recordReceipt } from "./record-receipt.server";
import { reverseTransaction } from "./reverse-transaction.server";

let handle: DatabaseHandle;
let world: FinanceWorld;
let needRef: string;
let keys = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFinanceWorld(handle);
  needRef = world.needRefs["need-1"] ?? "";
}, 60_000);
afterAll(() => handle?.close());

const receive = async (target: ReceiptInput["target"], amount: string) =>
  (
    await recordReceipt({
      db: handle.db,
      actor: world.actors.finance,
      receipt: { target, amount, valueDate: "2026-12-01", method: "bank-transfer", bankReference: null, memo: null, idempotencyKey: `reverse-${++keys}` },
    })
  ).transactionId;

describe("reverseTransaction", () => {
  it("reverses a receipt once, with its reason; a second reversal is refused (409)", async () => {
    const id = await receive({ source: "government", needRef: null }, "40.00");
    await reverseTransaction({ db: handle.db, actor: world.actors.checker, transactionId: id, reason: "录错金额" });
    expect(await fundBalance(handle.db, world.actors.finance, { source: "government" })).toBe("0.00");
    expect(await refusal(reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: id, reason: "again" }))).toMatchObject({ status: 409, messageKey: "ledgerTransactionReversed" });
  });

  it("refuses to reverse a receipt whose money was allocated, until the allocation is reversed", async () => {
    const id = await receive({ source: "donations", needRef: null }, "100.00");
    const allocation = await allocateFunds({ db: handle.db, actor: world.actors.finance, allocation: { source: "donations", needRef, amount: "80.00", memo: null, idempotencyKey: "to-undo" } });
    const count = await countRows(handle.db, "ledger_transactions");
    expect(await refusal(reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: id, reason: "退回" }))).toMatchObject({ status: 409, messageKey: "reversalOverdraws" });
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count);
    await reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: allocation.transactionId, reason: "拨错需求" });
    await reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: id, reason: "退回" });
    expect(await fundBalance(handle.db, world.actors.finance, { source: "donations" })).toBe("0.00");
  });

  it("sets a pledge back when its receipt is reversed", async () => {
    const pledgeRef = await insertPledge(handle.db, world.actors.finance, { amount: "30.00" });
    const id = await receive({ pledgeRef }, "30.00");
    expect(await pledgeStatus(handle.db, pledgeRef)).toBe("received");
    await reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: id, reason: "银行退票" });
    expect(await pledgeStatus(handle.db, pledgeRef)).toBe("open");
  });

  it("refuses no reason (400), a reversal of a reversal (409), a caseworker (403) and another union (404)", async () => {
    const id = await receive({ source: "union", needRef: null }, "5.00");
    expect((await refusal(reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: id, reason: "" }))).status).toBe(400);
    expect((await refusal(reverseTransaction({ db: handle.db, actor: world.actors.caseworker, transactionId: id, reason: "x" }))).status).toBe(403);
    expect(await refusal(reverseTransaction({ db: handle.db, actor: world.actors.otherFinance, transactionId: id, reason: "x" }))).toMatchObject({ status: 404, messageKey: "ledgerTransactionNotFound" });
    const reversal = await reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: id, reason: "重复登记" });
    expect(await refusal(reverseTransaction({ db: handle.db, actor: world.actors.finance, transactionId: reversal.transactionId, reason: "x" }))).toMatchObject({ status: 409, messageKey: "reversalOfReversal" });
  });
});
