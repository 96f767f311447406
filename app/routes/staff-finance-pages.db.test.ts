// The /staff/finance pages rendered through Remix's own request handler (the app built in memory):
// every page answers 200 with its words in the page's language and labelled fields, the workspace
// shows approve and reject to a second finance user only, and a refused form says why with what
// was typed kept.
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import type { TestUser } from "../../tests/accounts";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import type { FinanceWorld } from "../../tests/finance-fixture";
import { createFinanceWorld, financeCipher, insertPledge, pledgeStatus } from "../../tests/finance-fixture";
import { rowsOf } from "../../tests/ledger-fixture";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { createTestLoadContext } from "../../tests/load-context";
import type { LoadedServerBuild } from "../../tests/server-build";
import { loadServerBuild } from "../../tests/server-build";
import { withDomainErrorPages } from "../../server/domain-error-pages.server";
import { recordReceipt } from "../domain/ledger/record-receipt.server";
import { requestDisbursement } from "../domain/ledger/request-disbursement.server";

let handle: DatabaseHandle;
let loaded: LoadedServerBuild;
let build: ServerBuild;
let context: AppLoadContext;
let world: FinanceWorld;
let requestRef: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher: financeCipher });
  world = await createFinanceWorld(handle);
  const needRef = world.needRefs["need-1"] ?? "";
  await recordReceipt({
    db: handle.db,
    actor: world.actors.finance,
    receipt: { target: { source: "donations", needRef }, amount: "900.00", valueDate: "2026-12-01", method: "bank-transfer", bankReference: null, memo: null, idempotencyKey: "pages-receipt" },
  });
  requestRef = (
    await requestDisbursement({
      db: handle.db,
      actor: world.actors.finance,
      request: { fund: { needRef }, payeeName: "测试县人民医院", payeeKind: "hospital", purpose: "住院费用", invoiceRef: null, amount: "100.00", idempotencyKey: "pages-request" },
    })
  ).ref;
  loaded = await loadServerBuild();
  build = withDomainErrorPages(loaded.build);
}, 120_000);
afterAll(async () => {
  await loaded?.close();
  await handle?.close();
});

async function page(url: string, user: TestUser, form?: Record<string, string>): Promise<{ status: number; html: string }> {
  const request = userRequest(url, { cookie: user.cookie, form });
  request.headers.set("X-Forwarded-Host", "localhost:3000");
  request.headers.set("Accept-Language", "en");
  const response = await createRequestHandler(build, "production")(request, context);
  return { status: response.status, html: (await response.text()).replace(/<!-- -->/g, "") };
}

describe("the finance pages", () => {
  it("render for finance staff, with their words and labelled fields", async () => {
    const expected: Record<string, string[]> = {
      "/staff/finance": ["Disbursements awaiting a second approver", "Fund balances", "Recent transactions", "Pledges awaiting money"],
      "/staff/finance/receipts/new": ["Record money received", "Pledge reference", "Bank reference"],
      "/staff/finance/allocations/new": ["Allocate to a need", "Need reference"],
      "/staff/finance/disbursements/new": ["Request a disbursement", "Payee (the provider, never a worker)", "Invoice reference"],
      "/staff/finance/bank-details": ["Bank details for donors", "Account number"],
    };
    for (const [url, words] of Object.entries(expected)) {
      const { status, html } = await page(url, world.users.finance);
      expect(status, url).toBe(200);
      for (const w of words) expect(html, `${url}: ${w}`).toContain(w);
      // A missing message shows as its key in a text node or an attribute.
      expect(html, url).not.toMatch(/[>"]finance\.[a-zA-Z]+(\.[a-zA-Z-]+)*[<"]/);
    }
  });

  it("shows approve and reject to a second finance user, and to the requester only that someone else decides", async () => {
    const checker = await page("/staff/finance", world.users.checker);
    expect(checker.html).toContain(`Approve and pay ${requestRef}`);
    expect(checker.html).toContain(`Reject ${requestRef}`);
    const requester = await page("/staff/finance", world.users.finance);
    expect(requester.html).not.toContain(`Approve and pay ${requestRef}`);
    expect(requester.html).toContain("another finance user decides it");
  });

  it("says why a form was refused and keeps what was typed", async () => {
    const refused = await page("/staff/finance/disbursements/new", world.users.finance, {
      idempotencyKey: "pages-too-much",
      fund: "general:union",
      payeeName: "测试培训学校",
      payeeKind: "training",
      purpose: "学费",
      invoiceRef: "",
      amount: "50.00",
    });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain("The fund holds ¥0");
    expect(refused.html).toContain("测试培训学校");
  });

  it("shows finance staff who pledged, with the contact and message the donor left for the union", async () => {
    const ref = await insertPledge(handle.db, world.actors.finance, { amount: "60.00" });
    await handle.db.execute(sql`update pledges set is_anonymous = false, display_name = '测试捐赠人乙', contact = 'donor-b@test.xiangyun.invalid', message = '请用于学费' where ref = ${ref}`);
    const { html } = await page("/staff/finance", world.users.finance);
    for (const shown of ["测试捐赠人乙", "donor-b@test.xiangyun.invalid", "请用于学费"]) expect(html).toContain(shown);
  });

  it("cancels an open pledge from the workspace once, with an audit row; a second cancel says why", async () => {
    const ref = await insertPledge(handle.db, world.actors.finance, { amount: "80.00" });
    const workspace = (await page("/staff/finance", world.users.finance)).html;
    expect(workspace).toContain(`Cancel pledge ${ref}`);
    expect(workspace).toContain("Anonymous");
    const cancelled = await page("/staff/finance", world.users.finance, { intent: "cancel-pledge", ref });
    expect(cancelled.status).toBe(302);
    expect(await pledgeStatus(handle.db, ref)).toBe("cancelled");
    const audit = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from audit_log where action = 'ledger.pledge-cancel' and summary->'after'->>'ref' = ${ref}`);
    expect(audit[0]?.n).toBe(1);
    const again = await page("/staff/finance", world.users.finance, { intent: "cancel-pledge", ref });
    expect(again.status).toBe(409);
    expect(again.html).not.toContain(`Cancel pledge ${ref}`);
  });

  it("answers 403 to a caseworker", async () => {
    expect((await page("/staff/finance", world.users.caseworker)).status).toBe(403);
  });
});
