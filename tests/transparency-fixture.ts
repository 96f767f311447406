// A small public ledger for transparency tests, written through postTransaction: three published
// needs (one later withdrawn) with funds, receipts from each source, a named and an anonymous
// pledge, an allocation, a disbursement and a reversed receipt. Names are obviously fake.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { postTransaction } from "../app/domain/ledger/post-transaction.server";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { money } from "../app/domain/money/money";
import type { Database } from "../db/client.server";
import { fakeCase, fakeDocument } from "./factories";
import { createTestCipher } from "./identity";
import { createLedgerUser, openTestBooks, rowsOf } from "./ledger-fixture";

export const NAMED_DONOR = "测试捐赠人甲";
export const ANONYMOUS_DONOR_CONTACT = "anon-donor@test.xiangyun.invalid";
export const HIDDEN_DONOR_NAME = "不应出现的名字";

export interface TransparencyLedger {
  refs: { funded: string; partly: string; withdrawn: string };
  needIds: { funded: string; partly: string; withdrawn: string };
  fundOf: { funded: string; partly: string; withdrawn: string };
  books: Awaited<ReturnType<typeof openTestBooks>>;
  actor: string;
  /** A formula-looking title on a public need, for the CSV guard. */
  formulaTitle: string;
}

let run = 0;

export async function seedTransparencyLedger(db: Database): Promise<TransparencyLedger> {
  const n = ++run * 100;
  const formulaTitle = `=HYPERLINK("http://x.invalid","点我")${n}`;
  const need = (key: string, title: string, amount: string) => ({ key, category: "tuition" as const, title, story: "学费缺口，需要帮助。", skills: [], amount, publish: true });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.cases = [
    fakeCase(n + 1, { key: `t-case-${n}-1`, needs: [need(`funded-${n}`, formulaTitle, "1000.00")] }),
    fakeCase(n + 2, { key: `t-case-${n}-2`, needs: [need(`partly-${n}`, `孩子的学费 ${n}`, "5000.00")] }),
    fakeCase(n + 3, { key: `t-case-${n}-3`, needs: [need(`withdrawn-${n}`, `已撤回的需求 ${n}`, "800.00")] }),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const ref = (key: string) => {
    const value = imported.result.needs[key];
    if (!value) throw new Error(`no need ${key}`);
    return value;
  };
  const refs = { funded: ref(`funded-${n}`), partly: ref(`partly-${n}`), withdrawn: ref(`withdrawn-${n}`) };
  const idOf = async (needRef: string) => {
    const [row] = await rowsOf(db, z.object({ id: z.string() }), sql`select id from needs where ref = ${needRef}`);
    if (!row) throw new Error(`no need ${needRef}`);
    return row.id;
  };
  const needIds = { funded: await idOf(refs.funded), partly: await idOf(refs.partly), withdrawn: await idOf(refs.withdrawn) };
  const books = await openTestBooks(db);
  const fund = async (needId: string) => {
    const [row] = await rowsOf(
      db,
      z.object({ id: z.string() }),
      sql`insert into ledger_accounts (organisation_id, kind, need_id) values (${books.organisationId}, 'need-fund', ${needId}) returning id`,
    );
    if (!row) throw new Error("no fund");
    return row.id;
  };
  const fundOf = { funded: await fund(needIds.funded), partly: await fund(needIds.partly), withdrawn: await fund(needIds.withdrawn) };
  const actor = await createLedgerUser(db);
  const pledge = async (needId: string, displayName: string | null) => {
    const [row] = await rowsOf(
      db,
      z.object({ id: z.string() }),
      sql`insert into pledges (ref, organisation_id, need_id, amount, display_name, is_anonymous, contact, message, tracking_code_hash, expires_at, idempotency_key)
          values (${`P-T${n}${displayName ? "N" : "A"}`}, ${books.organisationId}, ${needId}, '600.00', ${displayName}, ${displayName === null},
                  ${ANONYMOUS_DONOR_CONTACT}, ${HIDDEN_DONOR_NAME}, ${(displayName ? "a" : "b").repeat(63) + String(run % 10)}, now() + interval '30 days', ${`t-pledge-${n}-${displayName ? "n" : "a"}`})
          returning id`,
    );
    if (!row) throw new Error("no pledge");
    return row.id;
  };
  const named = await pledge(needIds.funded, NAMED_DONOR);
  const anonymous = await pledge(needIds.partly, null);
  let k = 0;
  const post = (input: Parameters<typeof postTransaction>[0]["transaction"]) => postTransaction({ db, actorUserId: actor, transaction: input });
  const receipt = (into: string, amount: string, source: "government" | "union" | "donations", pledgeId?: string) =>
    post({
      organisationId: books.organisationId,
      kind: "receipt",
      idempotencyKey: `t-${n}-${++k}`,
      source,
      method: "bank-transfer",
      bankReference: `TEST-${n}-${k}`,
      pledgeId: pledgeId ?? null,
      postings: [
        { accountId: books.bank, amount: money(amount) },
        { accountId: into, amount: money(`-${amount}`) },
      ],
    });
  // The named donor's 600 reaches the first need, which a ¥400 allocation from the government's fund completes.
  await receipt(fundOf.funded, "600.00", "donations", named);
  await receipt(fundOf.partly, "300.00", "donations", anonymous);
  await receipt(books.general.government, "2000.00", "government");
  await receipt(books.general.union, "500.00", "union");
  const mistaken = await receipt(books.general.union, "70.00", "union");
  await post({
    organisationId: books.organisationId,
    kind: "reversal",
    idempotencyKey: `t-${n}-${++k}`,
    reversesId: mistaken.id,
    memo: "记错了金额",
    postings: [
      { accountId: books.bank, amount: money("-70.00") },
      { accountId: books.general.union, amount: money("70.00") },
    ],
  });
  await post({
    organisationId: books.organisationId,
    kind: "allocation",
    idempotencyKey: `t-${n}-${++k}`,
    postings: [
      { accountId: books.general.government, amount: money("400.00") },
      { accountId: fundOf.funded, amount: money("-400.00") },
    ],
  });
  await receipt(fundOf.withdrawn, "100.00", "donations");
  const [request] = await rowsOf(
    db,
    z.object({ id: z.string() }),
    sql`insert into disbursement_requests (ref, organisation_id, fund_account_id, payee_name, payee_kind, purpose, amount, status, requested_by, approved_by, decided_at, idempotency_key)
        values (${`D-T${n}`}, ${books.organisationId}, ${fundOf.funded}, '测试学校', 'school', '学费', '250.00', 'pending', ${actor}, null, null, ${`t-req-${n}`}) returning id`,
  );
  if (!request) throw new Error("no request");
  const approver = await createLedgerUser(db);
  await db.execute(sql`update disbursement_requests set status = 'approved', approved_by = ${approver}, decided_at = now() where id = ${request.id}`);
  await post({
    organisationId: books.organisationId,
    kind: "disbursement",
    idempotencyKey: `t-${n}-${++k}`,
    disbursementRequestId: request.id,
    postings: [
      { accountId: fundOf.funded, amount: money("250.00") },
      { accountId: books.bank, amount: money("-250.00") },
    ],
  });
  await db.execute(sql`update needs set status = 'withdrawn' where id = ${needIds.withdrawn}`);
  return { refs, needIds, fundOf, books, actor, formulaTitle };
}
