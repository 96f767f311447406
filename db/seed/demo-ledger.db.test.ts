// The demo data set's ledger: written once however often the demo is seeded, verified end to end,
// with a disbursement awaiting its second approver, needs whose progress bars move, every source
// and several months on the transparency page, and no donor's contact or message in public.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadFinanceWorkspace } from "../../app/domain/ledger/finance-workspace.server";
import { verifyLedger } from "../../app/domain/ledger/verify-ledger.server";
import { isPositiveMoney, isZeroMoney } from "../../app/domain/money/money";
import { findBankTransferDetails } from "../../app/domain/pledges/pledge-destination.server";
import { readPledgeJourney } from "../../app/domain/pledges/read-pledge-journey.server";
import { listLedgerActivity } from "../../app/domain/transparency/ledger-activity.server";
import { readLedgerTotals } from "../../app/domain/transparency/ledger-totals.server";
import { listNeedProgress } from "../../app/domain/transparency/need-progress.server";
import { createTestDatabase } from "../../tests/database";
import { createTestCipher } from "../../tests/identity";
import type { DatabaseHandle } from "../client.server";
import { users } from "../schema/accounts";
import { disbursementRequests, ledgerChainHead, ledgerTransactions, pledges } from "../schema/ledger";
import { organisations } from "../schema/organisations";
import { demoActor } from "./demo-matches.server";
import { seedDemo } from "./seed.server";

let handle: DatabaseHandle;
let first: Awaited<ReturnType<typeof seedDemo>>;
let second: Awaited<ReturnType<typeof seedDemo>>;
let rowsAfterFirst: { transactions: number; pledges: number; requests: number; head: string };

async function ledgerRows() {
  const db = handle.db;
  const [transactions] = await db.select({ n: count() }).from(ledgerTransactions);
  const [pledged] = await db.select({ n: count() }).from(pledges);
  const [requests] = await db.select({ n: count() }).from(disbursementRequests);
  const [head] = await db.select({ hash: ledgerChainHead.hash }).from(ledgerChainHead);
  return { transactions: transactions?.n ?? 0, pledges: pledged?.n ?? 0, requests: requests?.n ?? 0, head: head?.hash ?? "" };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  first = await seedDemo({ db: handle.db, cipher: createTestCipher() });
  rowsAfterFirst = await ledgerRows();
  // Seeded again some days later: the same value dates, read back from the ledger, so nothing moves.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000));
  try {
    second = await seedDemo({ db: handle.db, cipher: createTestCipher() });
  } finally {
    vi.useRealTimers();
  }
}, 300_000);
afterAll(() => handle?.close());

describe("the demo ledger", () => {
  it("is written by the first seed and left as it is by a second one days later", async () => {
    expect(first.ledger).toEqual({ transactions: rowsAfterFirst.transactions, pledges: rowsAfterFirst.pledges, disbursementRequests: rowsAfterFirst.requests });
    expect(first.ledger.transactions).toBeGreaterThanOrEqual(15);
    expect(second.ledger).toEqual({ transactions: 0, pledges: 0, disbursementRequests: 0 });
    expect(await ledgerRows()).toEqual(rowsAfterFirst);
  });

  it("verifies: the hash chain, every transaction and every balance agree", async () => {
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true, transactions: rowsAfterFirst.transactions });
  });

  it("has a disbursement awaiting the second finance officer, others approved by them, one rejected with a reason", async () => {
    const finance = await demoActor(handle.db, "finance@demo.xiangyun.invalid");
    const approver = await demoActor(handle.db, "finance-approver@demo.xiangyun.invalid");
    if (!finance || !approver) throw new Error("no demo finance officers");
    const requests = await handle.db.select().from(disbursementRequests);
    expect(requests.every((r) => r.requestedBy === finance.userId)).toBe(true);
    expect(requests.filter((r) => r.status === "approved").map((r) => r.approvedBy)).toEqual([approver.userId, approver.userId, approver.userId]);
    expect(requests.filter((r) => r.status === "rejected")).toEqual([expect.objectContaining({ rejectedBy: approver.userId, rejectionReason: expect.stringContaining("演示") })]);
    // As the second officer's workspace shows it: theirs to decide.
    const workspace = await loadFinanceWorkspace({ db: handle.db, actor: approver });
    expect(workspace.pendingDisbursements).toEqual([expect.objectContaining({ amount: "1500.00", payeeKind: "school", isOwn: false })]);
  });

  it("moves some needs' progress: raised, allocated and disbursed", async () => {
    const progress = await listNeedProgress(handle.db, { limit: 50 });
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress.some((p) => isPositiveMoney(p.raised) && isPositiveMoney(p.allocated) && isPositiveMoney(p.disbursed))).toBe(true);
    expect(progress.some((p) => p.state === "fully")).toBe(true);
  });

  it("shows every source and several months on the transparency page", async () => {
    const totals = await readLedgerTotals(handle.db);
    for (const { source, amount } of totals.bySource) expect(isPositiveMoney(amount), source).toBe(true);
    expect(totals.byMonth.filter((m) => !isZeroMoney(m.amount)).length).toBeGreaterThanOrEqual(5);
    expect(isPositiveMoney(totals.disbursed)).toBe(true);
  });

  it("has pledges in every status and the union's obviously fake bank details", async () => {
    const statuses = new Set((await handle.db.select({ status: pledges.status }).from(pledges)).map((p) => p.status));
    expect(statuses).toEqual(new Set(["open", "partly-received", "received", "cancelled", "expired"]));
    const [union] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.importKey, "demo-union-xiangyun"));
    expect(await findBankTransferDetails(handle.db, union?.id ?? "")).toMatchObject({ accountName: expect.stringContaining("演示"), accountNumber: "6222 0000 0000 0000 000" });
  });

  it("finds the pledges whose tracking codes the README gives", async () => {
    expect(await readPledgeJourney(handle.db, "187F-KB08-6QSE-07HC-JDF4-Q8SX-166N")).toMatchObject({ status: "received", displayName: "演示爱心人士甲", need: { fund: { disbursed: expect.stringMatching(/^[1-9]/) } } });
    expect(await readPledgeJourney(handle.db, "22P4-SBD0-Q0GB-NCZ5-5KA3-5P80-5NE2")).toMatchObject({ status: "partly-received", displayName: null, received: "500.00" });
  });

  it("names in public only the donors who chose a name, never a contact or a message", async () => {
    const activity = await listLedgerActivity(handle.db, { limit: 100 });
    expect(activity).toHaveLength(rowsAfterFirst.transactions);
    const donors = await handle.db.select({ displayName: pledges.displayName, isAnonymous: pledges.isAnonymous, contact: pledges.contact, message: pledges.message }).from(pledges);
    const named = new Set(activity.flatMap((a) => (a.donorName ? [a.donorName] : [])));
    expect(named.size).toBeGreaterThan(0);
    for (const name of named) expect(donors.some((d) => d.displayName === name && !d.isAnonymous)).toBe(true);
    const published = JSON.stringify(activity);
    const secrets = donors.flatMap((d) => [d.contact, d.message]).filter((s): s is string => s !== null);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(published).not.toContain(secret);
    // No payee's name or purpose (they may describe a person), no staff member's name or email.
    for (const request of await handle.db.select({ payeeName: disbursementRequests.payeeName, purpose: disbursementRequests.purpose }).from(disbursementRequests)) {
      expect(published).not.toContain(request.payeeName);
      expect(published).not.toContain(request.purpose);
    }
    for (const user of await handle.db.select({ email: users.email, displayName: users.displayName }).from(users)) {
      expect(published).not.toContain(user.email);
      expect(published).not.toContain(user.displayName);
    }
  });
});
