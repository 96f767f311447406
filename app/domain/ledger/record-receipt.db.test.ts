// Money received: against a pledge (partial receipts move its status), standalone by source into a
// general or a need's fund; once per form key; refused for the wrong people and bad amounts.
import { moneyFromDb, moneyToString, subtractMoney } from "../money/money";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { countRows, createFinanceWorld, fundBalance, insertPledge, pledgeStatus, refusal } from "../../../tests/finance-fixture";
import type { ReceiptInput } from "./record-receipt.server";
import { recordReceipt } from "./record-receipt.server";

let handle: DatabaseHandle;
let world: FinanceWorld;
let keys = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFinanceWorld(handle);
}, 60_000);
afterAll(() => handle?.close());

const receipt = (target: ReceiptInput["target"], amount: string, idempotencyKey = `receipt-${++keys}`): ReceiptInput => ({
  target,
  amount,
  valueDate: "2026-12-01",
  method: "bank-transfer",
  bankReference: "TEST-REF-1",
  memo: null,
  idempotencyKey,
});

describe("recordReceipt", () => {
  it("records partial receipts against a pledge to a need: open → partly-received → received", async () => {
    const { finance } = world.actors;
    const needRef = world.needRefs["need-1"] ?? "";
    const pledgeRef = await insertPledge(handle.db, finance, { amount: "300.00", needRef });
    await recordReceipt({ db: handle.db, actor: finance, receipt: receipt({ pledgeRef }, "100") });
    expect(await pledgeStatus(handle.db, pledgeRef)).toBe("partly-received");
    expect(await fundBalance(handle.db, finance, { needRef })).toBe("100.00");
    await recordReceipt({ db: handle.db, actor: finance, receipt: receipt({ pledgeRef }, "200.00") });
    expect(await pledgeStatus(handle.db, pledgeRef)).toBe("received");
    expect(await fundBalance(handle.db, finance, { needRef })).toBe("300.00");
  });

  it("records a standalone receipt by source into the general fund of that source", async () => {
    const { finance } = world.actors;
    const before = await fundBalance(handle.db, finance, { source: "government" });
    await recordReceipt({ db: handle.db, actor: finance, receipt: receipt({ source: "government", needRef: null }, "1,000.50") });
    expect(moneyToString(subtractMoney(moneyFromDb(await fundBalance(handle.db, finance, { source: "government" })), moneyFromDb(before === "none" ? "0.00" : before)))).toBe("1000.50");
  });

  it("posts one transaction for a double submit with the same key", async () => {
    const { finance } = world.actors;
    const first = await recordReceipt({ db: handle.db, actor: finance, receipt: receipt({ source: "union", needRef: null }, "50", "same-key") });
    const count = await countRows(handle.db, "ledger_transactions");
    const again = await recordReceipt({ db: handle.db, actor: finance, receipt: receipt({ source: "union", needRef: null }, "50", "same-key") });
    expect(again).toEqual({ transactionId: first.transactionId, replayed: true });
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count);
  });

  it("posts one transaction for ten simultaneous submits of one form", async () => {
    const count = await countRows(handle.db, "ledger_transactions");
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => recordReceipt({ db: handle.db, actor: world.actors.finance, receipt: receipt({ source: "donations", needRef: null }, "7.00", "racing-key") })),
    );
    expect(new Set(answers.map((a) => a.transactionId)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count + 1);
  });

  it("refuses zero, negative, malformed and three-decimal amounts with nothing written", async () => {
    const count = await countRows(handle.db, "ledger_transactions");
    for (const amount of ["0", "-5", "abc", "1.234", ""]) {
      const refused = await refusal(recordReceipt({ db: handle.db, actor: world.actors.finance, receipt: receipt({ source: "union", needRef: null }, amount) }));
      expect(refused.status).toBe(400);
    }
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count);
  });

  it("refuses a caseworker and an admin (403) and finds no other union's pledge or need (404)", async () => {
    const target = { source: "union" as const, needRef: null };
    expect((await refusal(recordReceipt({ db: handle.db, actor: world.actors.caseworker, receipt: receipt(target, "10") }))).status).toBe(403);
    expect((await refusal(recordReceipt({ db: handle.db, actor: world.actors.admin, receipt: receipt(target, "10") }))).status).toBe(403);
    const theirs = await insertPledge(handle.db, world.actors.otherFinance, { amount: "80.00" });
    expect(await refusal(recordReceipt({ db: handle.db, actor: world.actors.finance, receipt: receipt({ pledgeRef: theirs }, "10") }))).toMatchObject({ status: 404, messageKey: "pledgeNotFound" });
    expect((await refusal(recordReceipt({ db: handle.db, actor: world.actors.finance, receipt: receipt({ source: "donations", needRef: world.otherNeedRef }, "10") }))).status).toBe(404);
    expect(await pledgeStatus(handle.db, theirs)).toBe("open");
  });
});
