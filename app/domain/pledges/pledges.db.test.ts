// Pledges against a real database (PGlite, and PostgreSQL when the run has one): one pledge per form
// key however often it is sent, a conflict for a key reused with another amount, the journey a
// tracking code opens (receipts net of reversals, the need fund's allocations and disbursements by
// kind of provider), a neutral answer for any other code, expiry and cancellation.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../../db/client.server";
import { pledges } from "../../../db/schema/ledger";
import { organisations } from "../../../db/schema/organisations";
import { createTestActor } from "../../../tests/actors";
import { createTestDatabase } from "../../../tests/database";
import { fakeDocument } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { createLedgerUser, rowsOf } from "../../../tests/ledger-fixture";
import { isDomainError } from "../errors/domain-error";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { postTransaction } from "../ledger/post-transaction.server";
import { money } from "../money/money";
import { cancelPledge } from "./cancel-pledge.server";
import { createPledge } from "./create-pledge.server";
import { expirePledges } from "./expire-pledges.server";
import type { PledgeInput } from "./pledge-form";
import { readPledgeJourney } from "./read-pledge-journey.server";
import { newPledgeKey } from "./tracking-code.server";

let handle: DatabaseHandle;
let needRefs: Record<string, string>;
let unionId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const parsed = parseImportDocument(fakeDocument({ cases: 3, offers: 0 }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRefs = imported.result.needs;
  const [union] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "祥云县总工会"));
  if (!union) throw new Error("no union");
  unionId = union.id;
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

const needRef = (key: string) => {
  const ref = needRefs[key];
  if (!ref) throw new Error(`no need ${key}`);
  return ref;
};

function pledgeInput(overrides: Partial<PledgeInput> = {}): PledgeInput {
  return { key: newPledgeKey(), target: { kind: "need", needRef: needRef("need-1") }, amount: "200.00", displayName: "测试捐赠人", contact: null, message: null, ...overrides };
}

const give = (input: PledgeInput, now?: Date) => createPledge({ db: handle.db, input, expiryDays: 30, now });

async function pledgesWithKeyOf(input: PledgeInput) {
  const created = await give(input);
  return handle.db.select({ ref: pledges.ref }).from(pledges).where(eq(pledges.ref, created.ref));
}

async function countPledges() {
  const [row] = await rowsOf(handle.db, z.object({ n: z.coerce.number() }), sql`select count(*) as n from pledges`);
  return row?.n;
}

describe("createPledge", () => {
  it("goes to the union holding the need's case, expires after the configured days and stores only the code's hash", async () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const created = await give(pledgeInput({ amount: "1234.50", contact: "donor@example.invalid" }), now);
    expect(created).toMatchObject({ amount: "1234.50", unionName: "祥云县总工会", need: { ref: needRef("need-1") }, replayed: false, bank: null });
    expect(created.ref).toMatch(/^P-[2-9A-HJKMNP-TV-Z]{7}$/);
    expect(created.trackingCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(created.expiresAt.toISOString()).toBe("2026-12-31T00:00:00.000Z");
    const [row] = await handle.db.select().from(pledges).where(eq(pledges.ref, created.ref));
    expect(row).toMatchObject({ organisationId: unionId, isAnonymous: false, displayName: "测试捐赠人", contact: "donor@example.invalid", status: "open" });
    expect(JSON.stringify(row)).not.toContain(created.trackingCode.replaceAll("-", ""));
  });

  it("keeps an anonymous donor unnamed", async () => {
    const created = await give(pledgeInput({ displayName: null }));
    const [row] = await handle.db.select({ displayName: pledges.displayName, isAnonymous: pledges.isAnonymous }).from(pledges).where(eq(pledges.ref, created.ref));
    expect(row).toEqual({ displayName: null, isAnonymous: true });
  });

  it("answers a second submission of one key with the same pledge and code", async () => {
    const input = pledgeInput();
    const first = await give(input);
    const second = await give(input);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await pledgesWithKeyOf(input)).toHaveLength(1);
  });

  it("makes one pledge of 20 concurrent submissions of one key", async () => {
    const input = pledgeInput({ amount: "50" });
    const before = await countPledges();
    const answers = await Promise.all(Array.from({ length: 20 }, () => give(input)));
    expect(new Set(answers.map((a) => a.ref)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await countPledges()).toBe((before ?? 0) + 1);
  });

  it("refuses the same key with another amount as a conflict and writes nothing", async () => {
    const input = pledgeInput();
    await give(input);
    const before = await countPledges();
    const refused = await give({ ...input, amount: "201.00" }).catch((error: unknown) => error);
    expect(isDomainError(refused) && refused.kind).toBe("conflict");
    expect(await countPledges()).toBe(before);
  });

  it("gives to a union's general fund, and refuses a need that is not public", async () => {
    const general = await give(pledgeInput({ target: { kind: "union", organisationId: unionId } }));
    expect(general).toMatchObject({ need: null, unionName: "祥云县总工会" });
    await handle.db.execute(sql`update needs set status = 'withdrawn' where ref = ${needRef("need-3")}`);
    const refused = await give(pledgeInput({ target: { kind: "need", needRef: needRef("need-3") } })).catch((error: unknown) => error);
    expect(isDomainError(refused) && refused.kind).toBe("not-found");
  });
});

describe("readPledgeJourney", () => {
  it("shows receipts net of reversals and the need fund's allocations and disbursements by kind of provider", async () => {
    const created = await give(pledgeInput({ target: { kind: "need", needRef: needRef("need-2") }, amount: "500" }));
    const staff = await createLedgerUser(handle.db);
    const approver = await createLedgerUser(handle.db);
    const account = async (kind: string, source: string | null, needKey: string | null) => {
      const [row] = await rowsOf(
        handle.db,
        z.object({ id: z.string() }),
        sql`insert into ledger_accounts (organisation_id, kind, source, need_id)
            values (${unionId}, ${kind}, ${source}, ${needKey ? sql`(select id from needs where ref = ${needRef(needKey)})` : null}) returning id`,
      );
      if (!row) throw new Error("no account");
      return row.id;
    };
    const bank = await account("bank", null, null);
    const general = await account("general-fund", "government", null);
    const needFund = await account("need-fund", null, "need-2");
    const [pledge] = await handle.db.select({ id: pledges.id }).from(pledges).where(eq(pledges.ref, created.ref));
    const post = (key: string, transaction: Omit<Parameters<typeof postTransaction>[0]["transaction"], "organisationId" | "idempotencyKey">) =>
      postTransaction({ db: handle.db, actorUserId: staff, transaction: { organisationId: unionId, idempotencyKey: `journey-${key}`, ...transaction } });
    const receipt = (key: string, amount: string) =>
      post(key, { kind: "receipt", source: "donations", method: "bank-transfer", pledgeId: pledge?.id, valueDate: "2026-12-02", postings: [{ accountId: bank, amount: money(amount) }, { accountId: needFund, amount: money(`-${amount}`) }] });
    await receipt("r1", "200");
    const wrong = await receipt("r2", "30");
    await post("rev", { kind: "reversal", reversesId: wrong.id, memo: "recorded twice", postings: [{ accountId: bank, amount: money("-30") }, { accountId: needFund, amount: money("30") }] });
    await post("gov", { kind: "receipt", source: "government", method: "bank-transfer", postings: [{ accountId: bank, amount: money("1000") }, { accountId: general, amount: money("-1000") }] });
    await post("alloc", { kind: "allocation", postings: [{ accountId: general, amount: money("300") }, { accountId: needFund, amount: money("-300") }] });
    const [request] = await rowsOf(
      handle.db,
      z.object({ id: z.string() }),
      sql`insert into disbursement_requests (ref, organisation_id, fund_account_id, payee_name, payee_kind, purpose, amount, status, requested_by, approved_by, decided_at, idempotency_key)
          values ('D-JRNY234', ${unionId}, ${needFund}, '测试职业技能培训学校', 'training', '电工培训学费', '450.00', 'approved', ${staff}, ${approver}, now(), 'journey-req') returning id`,
    );
    await post("pay", { kind: "disbursement", disbursementRequestId: request?.id, valueDate: "2026-12-04", postings: [{ accountId: needFund, amount: money("450") }, { accountId: bank, amount: money("-450") }] });

    const journey = await readPledgeJourney(handle.db, created.trackingCode.toLowerCase().replaceAll("-", " "));
    expect(journey).toMatchObject({
      ref: created.ref,
      amount: "500.00",
      unionName: "祥云县总工会",
      receipts: [{ valueDate: "2026-12-02", amount: "200.00", method: "bank-transfer" }],
      received: "200.00",
      need: {
        ref: needRef("need-2"),
        status: "published",
        fund: { received: "200.00", allocated: "300.00", disbursed: "450.00" },
        disbursements: [{ valueDate: "2026-12-04", amount: "450.00", payeeKind: "training" }],
      },
    });
    // Providers are named by kind only: a payee's name or purpose may describe the worker.
    expect(JSON.stringify(journey)).not.toMatch(/测试职业技能培训学校|电工培训学费/);
  });

  it("answers a code that names no pledge, or is not a code at all, with the same null", async () => {
    expect(await readPledgeJourney(handle.db, "0000-0000-0000-0000-0000-0000-0000")).toBeNull();
    expect(await readPledgeJourney(handle.db, "not a code")).toBeNull();
    expect(await readPledgeJourney(handle.db, "")).toBeNull();
  });
});

describe("expirePledges", () => {
  it("expires open pledges past their expiry only", async () => {
    const old = await give(pledgeInput(), new Date("2020-01-01T00:00:00Z"));
    const fresh = await give(pledgeInput());
    const expired = await expirePledges(handle.db, new Date());
    expect(expired).toContain(old.ref);
    expect(expired).not.toContain(fresh.ref);
    expect(await expirePledges(handle.db, new Date())).toEqual([]);
    expect((await readPledgeJourney(handle.db, old.trackingCode))?.status).toBe("expired");
  });
});

describe("cancelPledge", () => {
  it("lets the union's finance staff cancel an open pledge once, and nobody else", async () => {
    const created = await give(pledgeInput());
    const caseworker = await createTestActor(handle.db, "xy-union", "caseworker");
    const refused = await cancelPledge({ db: handle.db, actor: caseworker, ref: created.ref }).catch((error: unknown) => error);
    expect(isDomainError(refused) && refused.kind).toBe("forbidden");
    const otherFinance = await createTestActor(handle.db, "dali-union", "finance");
    const elsewhere = await cancelPledge({ db: handle.db, actor: otherFinance, ref: created.ref }).catch((error: unknown) => error);
    expect(isDomainError(elsewhere) && elsewhere.kind).toBe("not-found");
    const finance = await createTestActor(handle.db, "xy-union", "finance");
    expect(await cancelPledge({ db: handle.db, actor: finance, ref: created.ref })).toEqual({ ref: created.ref });
    const again = await cancelPledge({ db: handle.db, actor: finance, ref: created.ref }).catch((error: unknown) => error);
    expect(isDomainError(again) && again.kind).toBe("conflict");
    const [row] = await handle.db.select({ status: pledges.status, cancelledBy: pledges.cancelledBy }).from(pledges).where(eq(pledges.ref, created.ref));
    expect(row).toEqual({ status: "cancelled", cancelledBy: finance.userId });
  });
});
