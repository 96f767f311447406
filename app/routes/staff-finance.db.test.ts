// /staff/finance pages through their real loaders and actions: the workspace for finance staff only,
// a receipt recorded from the form (bad input kept with a 400, a double submit one receipt), a
// disbursement approved by a second user and refused to its requester, a reversal, bank details.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import type { TestUser } from "../../tests/accounts";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import type { FinanceWorld } from "../../tests/finance-fixture";
import { countRows, createFinanceWorld, financeCipher, fundBalance, insertPledge, pledgeStatus } from "../../tests/finance-fixture";
import { rowsOf } from "../../tests/ledger-fixture";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import * as allocationRoute from "./staff.finance.allocations.new";
import * as bankRoute from "./staff.finance.bank-details";
import * as disbursementRoute from "./staff.finance.disbursements.new";
import * as staffLayout from "./staff";
import * as workspaceRoute from "./staff.finance._index";
import * as receiptRoute from "./staff.finance.receipts.new";
import * as transactionRoute from "./staff.finance.transactions.$id";

let handle: DatabaseHandle;
let context: AppLoadContext;
let world: FinanceWorld;
let needRef: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher: financeCipher });
  world = await createFinanceWorld(handle);
  needRef = world.needRefs["need-1"] ?? "";
}, 60_000);
afterAll(() => handle?.close());

const get = (route: { loader: (args: LoaderFunctionArgs) => Promise<unknown> }, url: string, user: TestUser, params: Record<string, string> = {}) =>
  settle(route.loader({ request: userRequest(url, { cookie: user.cookie }), context, params }));
const post = (route: { action: (args: ActionFunctionArgs) => Promise<unknown> }, url: string, user: TestUser, form: Record<string, string>, params: Record<string, string> = {}) =>
  settle(route.action({ request: userRequest(url, { cookie: user.cookie, form }), context, params }));

const receiptForm = (overrides: Record<string, string> = {}) => ({
  idempotencyKey: `form-${Math.random().toString(36).slice(2)}`,
  source: "donations",
  needRef: "",
  pledgeRef: "",
  amount: "1,200.00",
  valueDate: "2026-12-03",
  method: "bank-transfer",
  bankReference: "TEST-777",
  memo: "",
  ...overrides,
});

describe("the staff menu", () => {
  it("links the finance workspace for finance staff, the bank details for admins, neither for caseworkers", async () => {
    const sections = async (user: TestUser) => (payloadOf(await get(staffLayout, "/staff", user)) as Awaited<ReturnType<typeof staffLayout.loader>>).sections;
    expect(await sections(world.users.finance)).toMatchObject({ finance: true, bankDetails: false });
    expect(await sections(world.users.admin)).toMatchObject({ finance: false, bankDetails: true });
    expect(await sections(world.users.caseworker)).toMatchObject({ finance: false, bankDetails: false });
  });
});

describe("/staff/finance", () => {
  it("opens for finance staff only: a caseworker and an admin get 403", async () => {
    expect(statusOf(await get(workspaceRoute, "/staff/finance", world.users.caseworker))).toBe(403);
    expect(statusOf(await get(workspaceRoute, "/staff/finance", world.users.admin))).toBe(403);
    expect(statusOf(await get(workspaceRoute, "/staff/finance", world.users.finance))).toBe(200);
  });

  it("records a receipt from the form; a double submit is one receipt; a bad amount is a 400 with the input kept", async () => {
    const bad = await post(receiptRoute, "/staff/finance/receipts/new", world.users.finance, receiptForm({ amount: "12.345", bankReference: "KEEP-ME" }));
    expect(statusOf(bad)).toBe(400);
    expect(JSON.stringify(payloadOf(bad))).toContain("KEEP-ME");
    const count = await countRows(handle.db, "ledger_transactions");
    const form = receiptForm();
    expect(statusOf(await post(receiptRoute, "/staff/finance/receipts/new", world.users.finance, form))).toBe(302);
    expect(statusOf(await post(receiptRoute, "/staff/finance/receipts/new", world.users.finance, form))).toBe(302);
    expect(await countRows(handle.db, "ledger_transactions")).toBe(count + 1);
    expect(await fundBalance(handle.db, world.actors.finance, { source: "donations" })).toBe("1200.00");
  });

  it("records money against a pledge shown as awaiting money, and another union's pledge is a 404 on the form", async () => {
    const pledgeRef = await insertPledge(handle.db, world.actors.finance, { amount: "500.00", needRef });
    const page = payloadOf(await get(workspaceRoute, "/staff/finance", world.users.finance)) as Awaited<ReturnType<typeof workspaceRoute.loader>>;
    expect(page.pledges.map((p) => p.ref)).toContain(pledgeRef);
    expect(statusOf(await post(receiptRoute, "/staff/finance/receipts/new", world.users.finance, receiptForm({ pledgeRef, source: "", amount: "200" })))).toBe(302);
    expect(await pledgeStatus(handle.db, pledgeRef)).toBe("partly-received");
    const theirs = await insertPledge(handle.db, world.actors.otherFinance, { amount: "10.00" });
    expect(statusOf(await post(receiptRoute, "/staff/finance/receipts/new", world.users.finance, receiptForm({ pledgeRef: theirs, source: "" })))).toBe(404);
  });

  it("allocates, requests a disbursement, refuses the requester's approval and pays on a second user's", async () => {
    const alloc = { idempotencyKey: "route-alloc", source: "donations", needRef, amount: "300", memo: "" };
    expect(statusOf(await post(allocationRoute, "/staff/finance/allocations/new", world.users.finance, alloc))).toBe(302);
    expect(statusOf(await post(allocationRoute, "/staff/finance/allocations/new", world.users.finance, { ...alloc, idempotencyKey: "too-much", amount: "99999" }))).toBe(409);
    const ask = { idempotencyKey: "route-ask", fund: `need:${needRef}`, payeeName: "测试县第二中学", payeeKind: "school", purpose: "学费", invoiceRef: "", amount: "250.00" };
    expect(statusOf(await post(disbursementRoute, "/staff/finance/disbursements/new", world.users.finance, ask))).toBe(302);
    const page = payloadOf(await get(workspaceRoute, "/staff/finance", world.users.checker)) as Awaited<ReturnType<typeof workspaceRoute.loader>>;
    const ref = page.pending[0]?.ref ?? "";
    expect(page.pending[0]?.isOwn).toBe(false);
    expect(statusOf(await post(workspaceRoute, "/staff/finance", world.users.finance, { intent: "approve", ref }))).toBe(403);
    expect(statusOf(await post(workspaceRoute, "/staff/finance", world.users.checker, { intent: "reject", ref, reason: "" }))).toBe(400);
    expect(statusOf(await post(workspaceRoute, "/staff/finance", world.users.checker, { intent: "approve", ref }))).toBe(302);
    expect(await fundBalance(handle.db, world.actors.finance, { needRef })).toBe("250.00");
  });

  it("shows a transaction and reverses it with a reason; a second reversal is a 409", async () => {
    // The receipt against the pledge: its need fund still holds it.
    const [row] = await rowsOf(handle.db, z.object({ id: z.string() }), sql`select id from ledger_transactions where pledge_id is not null`);
    const id = row?.id ?? "";
    const shown = payloadOf(await get(transactionRoute, `/staff/finance/transactions/${id}`, world.users.finance, { id })) as Awaited<ReturnType<typeof transactionRoute.loader>>;
    expect(shown.transaction.postings).toHaveLength(2);
    expect(statusOf(await get(transactionRoute, `/staff/finance/transactions/${id}`, world.users.otherFinance, { id }))).toBe(404);
    expect(statusOf(await post(transactionRoute, `/staff/finance/transactions/${id}`, world.users.otherFinance, { reason: "" }, { id }))).toBe(404);
    expect(statusOf(await post(transactionRoute, `/staff/finance/transactions/${id}`, world.users.finance, { reason: "" }, { id }))).toBe(400);
    const reversed = await post(transactionRoute, `/staff/finance/transactions/${id}`, world.users.finance, { reason: "银行退回" }, { id });
    expect(statusOf(reversed)).toBe(302);
    expect(statusOf(await post(transactionRoute, `/staff/finance/transactions/${id}`, world.users.finance, { reason: "again" }, { id }))).toBe(409);
  });

  it("bank details: finance staff and admins save them, a caseworker gets 403, an empty field is a 400", async () => {
    const form = { accountName: "测试县总工会", bankName: "测试银行", accountNumber: "6222 0000 0000 0001", contact: "0872-0000001" };
    expect(statusOf(await get(bankRoute, "/staff/finance/bank-details", world.users.caseworker))).toBe(403);
    expect(statusOf(await post(bankRoute, "/staff/finance/bank-details", world.users.admin, { ...form, bankName: "" }))).toBe(400);
    expect(statusOf(await post(bankRoute, "/staff/finance/bank-details", world.users.admin, form))).toBe(302);
    const page = payloadOf(await get(bankRoute, "/staff/finance/bank-details", world.users.finance)) as Awaited<ReturnType<typeof bankRoute.loader>>;
    expect(page.details?.accountNumber).toBe("6222 0000 0000 0001");
  });
});
