// Disbursement requests: asked once per key, never beyond what the fund holds now, by finance staff
// of the fund's union only; nothing is posted until approved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { countRows, createFinanceWorld, fundBalance, refusal } from "../../../tests/finance-fixture";
import type { DisbursementRequestInput } from "./request-disbursement.server";
import { requestDisbursement } from "./request-disbursement.server";
import { recordReceipt } from "./record-receipt.server";

let handle: DatabaseHandle;
let world: FinanceWorld;
let needRef: string;
let keys = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFinanceWorld(handle);
  needRef = world.needRefs["need-1"] ?? "";
  await recordReceipt({
    db: handle.db,
    actor: world.actors.finance,
    receipt: { target: { source: "donations", needRef }, amount: "800.00", valueDate: "2026-12-01", method: "cash", bankReference: null, memo: null, idempotencyKey: "seed-receipt" },
  });
}, 60_000);
afterAll(() => handle?.close());

const request = (amount: string, idempotencyKey = `request-${++keys}`, fund: DisbursementRequestInput["fund"] = { needRef }): DisbursementRequestInput => ({
  fund,
  payeeName: "测试县职业技能培训学校",
  payeeKind: "training",
  purpose: "电工培训学费",
  invoiceRef: "INV-TEST-1",
  amount,
  idempotencyKey,
});

describe("requestDisbursement", () => {
  it("records a pending request once per key and posts nothing", async () => {
    const transactions = await countRows(handle.db, "ledger_transactions");
    const first = await requestDisbursement({ db: handle.db, actor: world.actors.finance, request: request("300", "req-once") });
    const again = await requestDisbursement({ db: handle.db, actor: world.actors.finance, request: request("300", "req-once") });
    expect(first.ref).toMatch(/^D-[2-9A-Z]{7}$/);
    expect(again).toEqual({ ref: first.ref, replayed: true });
    expect(await countRows(handle.db, "ledger_transactions")).toBe(transactions);
    expect(await fundBalance(handle.db, world.actors.finance, { needRef })).toBe("800.00");
  });

  it("refuses a key sent again with another amount, or by another union, with a 409 and asks for nothing", async () => {
    const first = await requestDisbursement({ db: handle.db, actor: world.actors.finance, request: request("40", "req-reused") });
    const requests = await countRows(handle.db, "disbursement_requests");
    expect(await refusal(requestDisbursement({ db: handle.db, actor: world.actors.finance, request: request("41", "req-reused") }))).toMatchObject({ status: 409, messageKey: "ledgerKeyReused" });
    expect(await refusal(requestDisbursement({ db: handle.db, actor: world.actors.otherFinance, request: request("40", "req-reused", { source: "government" }) }))).toMatchObject({
      status: 409,
      messageKey: "ledgerKeyReused",
    });
    expect(await requestDisbursement({ db: handle.db, actor: world.actors.finance, request: request("40.00", "req-reused") })).toEqual({ ref: first.ref, replayed: true });
    expect(await countRows(handle.db, "disbursement_requests")).toBe(requests);
  });

  it("refuses more than the fund holds with a clear message (409), and bad amounts or no payee (400)", async () => {
    const requests = await countRows(handle.db, "disbursement_requests");
    expect(await refusal(requestDisbursement({ db: handle.db, actor: world.actors.finance, request: request("800.01") }))).toMatchObject({ status: 409, messageKey: "disbursementOverFund" });
    expect((await refusal(requestDisbursement({ db: handle.db, actor: world.actors.finance, request: request("-1") }))).status).toBe(400);
    expect((await refusal(requestDisbursement({ db: handle.db, actor: world.actors.finance, request: { ...request("1"), payeeName: " " } }))).status).toBe(400);
    expect(await countRows(handle.db, "disbursement_requests")).toBe(requests);
  });

  it("refuses an admin (403) and finds no other union's need (404)", async () => {
    expect((await refusal(requestDisbursement({ db: handle.db, actor: world.actors.admin, request: request("1") }))).status).toBe(403);
    expect((await refusal(requestDisbursement({ db: handle.db, actor: world.actors.otherFinance, request: request("1") }))).status).toBe(404);
  });
});
