// Allocation from a general fund to a need's fund: moves the balances, once per key, never beyond
// what the general fund holds, by the union's finance staff for needs of its region only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { countRows, createFinanceWorld, fundBalance, refusal } from "../../../tests/finance-fixture";
import { allocateFunds } from "./allocate-funds.server";
import { recordReceipt } from "./record-receipt.server";

let handle: DatabaseHandle;
let world: FinanceWorld;
let needRef: string;
let keys = 0;
const key = () => `allocate-${++keys}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFinanceWorld(handle);
  needRef = world.needRefs["need-1"] ?? "";
  await recordReceipt({
    db: handle.db,
    actor: world.actors.finance,
    receipt: { target: { source: "government", needRef: null }, amount: "500.00", valueDate: "2026-12-01", method: "bank-transfer", bankReference: null, memo: null, idempotencyKey: "seed-receipt" },
  });
}, 60_000);
afterAll(() => handle?.close());

const allocation = (amount: string, idempotencyKey = key(), ref = needRef) => ({ source: "government" as const, needRef: ref, amount, memo: null, idempotencyKey });

describe("allocateFunds", () => {
  it("moves money from the general fund to the need's fund, once per key", async () => {
    const { finance } = world.actors;
    const first = await allocateFunds({ db: handle.db, actor: finance, allocation: allocation("120.00", "alloc-once") });
    const again = await allocateFunds({ db: handle.db, actor: finance, allocation: allocation("120.00", "alloc-once") });
    expect(again).toEqual({ transactionId: first.transactionId, replayed: true });
    expect(await fundBalance(handle.db, finance, { source: "government" })).toBe("380.00");
    expect(await fundBalance(handle.db, finance, { needRef })).toBe("120.00");
  });

  it("refuses more than the general fund holds (409) and bad amounts (400), writing nothing", async () => {
    const count = await countRows(handle.db, "ledger_transactions");
    expect(await refusal(allocateFunds({ db: handle.db, actor: world.actors.finance, allocation: allocation("10000") }))).toMatchObject({ status: 409, messageKey: "fundOverdrawn" });
    expect((await refusal(allocateFunds({ db: handle.db, actor: world.actors.finance, allocation: allocation("0.00") }))).status).toBe(400);
    expect((await refusal(allocateFunds({ db: handle.db, actor: world.actors.finance, allocation: allocation("1.001") }))).status).toBe(400);
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count);
  });

  it("refuses a caseworker (403) and another union's finance staff find the need nowhere (404)", async () => {
    expect((await refusal(allocateFunds({ db: handle.db, actor: world.actors.caseworker, allocation: allocation("1") }))).status).toBe(403);
    expect((await refusal(allocateFunds({ db: handle.db, actor: world.actors.otherFinance, allocation: allocation("1") }))).status).toBe(404);
  });
});
