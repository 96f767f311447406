// Maker-checker: a second finance user approves (the disbursement is posted with the approval) or
// rejects with a reason; the requester cannot decide; a decided request is final; an approval the
// fund can no longer pay leaves the request pending with nothing posted.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { disbursementRequests } from "../../../db/schema/ledger";
import { createTestActor } from "../../../tests/actors";
import { createTestDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { countRows, createFinanceWorld, fundBalance, refusal } from "../../../tests/finance-fixture";
import { isDomainError } from "../errors/domain-error";
import { allocateFunds } from "./allocate-funds.server";
import { decideDisbursement } from "./decide-disbursement.server";
import { recordReceipt } from "./record-receipt.server";
import { requestDisbursement } from "./request-disbursement.server";

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
    receipt: { target: { source: "donations", needRef }, amount: "1000.00", valueDate: "2026-12-01", method: "bank-transfer", bankReference: "TEST-9", memo: null, idempotencyKey: "seed-receipt" },
  });
}, 60_000);
afterAll(() => handle?.close());

const ask = async (amount: string) =>
  (
    await requestDisbursement({
      db: handle.db,
      actor: world.actors.finance,
      request: { fund: { needRef }, payeeName: "测试县人民医院", payeeKind: "hospital", purpose: "住院费用", invoiceRef: null, amount, idempotencyKey: `decide-${++keys}` },
    })
  ).ref;

const statusOf = async (ref: string) => (await handle.db.select({ status: disbursementRequests.status }).from(disbursementRequests).where(eq(disbursementRequests.ref, ref)))[0]?.status;

describe("decideDisbursement", () => {
  it("a second finance user approves: the disbursement is posted from the fund and the bank", async () => {
    const ref = await ask("250.00");
    const decided = await decideDisbursement({ db: handle.db, actor: world.actors.checker, ref, decision: { decision: "approve" } });
    expect(decided.status).toBe("approved");
    expect(decided.transactionId).not.toBeNull();
    expect(await fundBalance(handle.db, world.actors.finance, { needRef })).toBe("750.00");
    expect(await fundBalance(handle.db, world.actors.finance, "bank")).toBe("750.00");
    expect(await refusal(decideDisbursement({ db: handle.db, actor: world.actors.checker, ref, decision: { decision: "approve" } }))).toMatchObject({ status: 409, messageKey: "disbursementDecided" });
  });

  it("two approvals at once pay once: the second is told the request was decided", async () => {
    const ref = await ask("5.00");
    const second = await createTestActor(handle.db, "xy-union", "finance");
    const outcomes = await Promise.allSettled([
      decideDisbursement({ db: handle.db, actor: world.actors.checker, ref, decision: { decision: "approve" } }),
      decideDisbursement({ db: handle.db, actor: second, ref, decision: { decision: "approve" } }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === "rejected");
    expect(failed?.status === "rejected" && isDomainError(failed.reason) ? failed.reason.messageKey : null).toBe("disbursementDecided");
  });

  it("refuses the requester's own approval or rejection with a clear message, writing nothing", async () => {
    const ref = await ask("10.00");
    const count = await countRows(handle.db, "ledger_transactions");
    expect(await refusal(decideDisbursement({ db: handle.db, actor: world.actors.finance, ref, decision: { decision: "approve" } }))).toMatchObject({ status: 403, messageKey: "disbursementOwnRequest" });
    expect((await refusal(decideDisbursement({ db: handle.db, actor: world.actors.finance, ref, decision: { decision: "reject", reason: "x" } }))).status).toBe(403);
    expect(await statusOf(ref)).toBe("pending");
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count);
  });

  it("rejects with a reason (none is a 400) and posts nothing", async () => {
    const ref = await ask("20.00");
    expect((await refusal(decideDisbursement({ db: handle.db, actor: world.actors.checker, ref, decision: { decision: "reject", reason: "  " } }))).status).toBe(400);
    const count = await countRows(handle.db, "ledger_transactions");
    expect(await decideDisbursement({ db: handle.db, actor: world.actors.checker, ref, decision: { decision: "reject", reason: "发票不符" } })).toEqual({ status: "rejected", transactionId: null });
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count);
  });

  it("an approval the fund can no longer pay is refused and the request stays pending", async () => {
    const ref = await ask("700.00");
    await requestDisbursement({
      db: handle.db,
      actor: world.actors.checker,
      request: { fund: { needRef }, payeeName: "测试县第一中学", payeeKind: "school", purpose: "学费", invoiceRef: null, amount: "700.00", idempotencyKey: "racing-request" },
    });
    const racing = (await handle.db.select({ ref: disbursementRequests.ref }).from(disbursementRequests).where(eq(disbursementRequests.idempotencyKey, "racing-request")))[0]?.ref ?? "";
    await decideDisbursement({ db: handle.db, actor: world.actors.finance, ref: racing, decision: { decision: "approve" } });
    expect(await refusal(decideDisbursement({ db: handle.db, actor: world.actors.checker, ref, decision: { decision: "approve" } }))).toMatchObject({ status: 409, messageKey: "fundOverdrawn" });
    expect(await statusOf(ref)).toBe("pending");
  });

  it("refuses a caseworker (403); another union's finance staff find no such request (404)", async () => {
    const ref = await ask("1.00");
    expect((await refusal(decideDisbursement({ db: handle.db, actor: world.actors.caseworker, ref, decision: { decision: "approve" } }))).status).toBe(403);
    expect(await refusal(decideDisbursement({ db: handle.db, actor: world.actors.otherFinance, ref, decision: { decision: "approve" } }))).toMatchObject({ status: 404, messageKey: "disbursementNotFound" });
  });
});

describe("allocation then disbursement from a general fund", () => {
  it("pays from the general fund a request names", async () => {
    await recordReceipt({
      db: handle.db,
      actor: world.actors.finance,
      receipt: { target: { source: "union", needRef: null }, amount: "60.00", valueDate: "2026-12-02", method: "cash", bankReference: null, memo: null, idempotencyKey: "union-receipt" },
    });
    await allocateFunds({ db: handle.db, actor: world.actors.finance, allocation: { source: "union", needRef, amount: "10.00", memo: null, idempotencyKey: "union-alloc" } });
    const { ref } = await requestDisbursement({
      db: handle.db,
      actor: world.actors.finance,
      request: { fund: { source: "union" }, payeeName: "测试培训中心", payeeKind: "other", purpose: "教材", invoiceRef: null, amount: "50.00", idempotencyKey: "general-request" },
    });
    await decideDisbursement({ db: handle.db, actor: world.actors.checker, ref, decision: { decision: "approve" } });
    expect(await fundBalance(handle.db, world.actors.finance, { source: "union" })).toBe("0.00");
  });
});
