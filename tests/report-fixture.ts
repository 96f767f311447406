// A small region for the staff reports, with figures one can count by hand. Dali prefecture (5329)
// has two county unions: Xiangyun (xy-union, 532923) and Binchuan (bc-union, 532924).
//
// Xiangyun: four households — c1 general/disability (job need, published 10 days ago, matched to the
// employer's vacancy, fulfilled, then the household exited), c2 severe/illness+unemployment (medical
// need, published 4 days ago, the charity declined), c3 sudden/illness (tuition need, published 2
// days ago, no match; the household exited and relapsed), c4 general/housing (registered, no need).
// Money: ¥1,000 from government and ¥300 of donations for c2's need received, ¥200 allocated from
// the government fund to c3's need, ¥150 paid to a hospital from c2's need, ¥50 from the union
// received and reversed.
// Binchuan: one household, c99 severe/accident (job need, proposed to the employer); ¥500 from
// government received.
// Names, numbers and addresses are obviously fake (tests/factories.ts).
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../app/domain/auth/actor";
import { moveCase } from "../app/domain/cases/move-case.server";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { allocateFunds } from "../app/domain/ledger/allocate-funds.server";
import { decideDisbursement } from "../app/domain/ledger/decide-disbursement.server";
import { recordReceipt } from "../app/domain/ledger/record-receipt.server";
import { requestDisbursement } from "../app/domain/ledger/request-disbursement.server";
import { reverseTransaction } from "../app/domain/ledger/reverse-transaction.server";
import { acceptMatch } from "../app/domain/matching/accept-match.server";
import { declineMatch } from "../app/domain/matching/decline-match.server";
import { fulfilMatch } from "../app/domain/matching/finish-match.server";
import { markNeedFulfilled } from "../app/domain/matching/mark-need-fulfilled.server";
import { proposeMatch } from "../app/domain/matching/propose-match.server";
import { chinaToday } from "../app/domain/reports/report-period";
import type { DatabaseHandle } from "../db/client.server";
import type { TestUser } from "./accounts";
import { createTestUser } from "./accounts";
import { actorOf } from "./actors";
import { fakeCase, fakeDocument, fakeOffer, fakeResidentId } from "./factories";
import { createTestCipher } from "./identity";
import { rowsOf } from "./ledger-fixture";

export const reportCipher = createTestCipher();

type Role = "xyCaseworker" | "xyFinance" | "xyChecker" | "bcCaseworker" | "bcFinance" | "daliAuditor" | "employer" | "charity" | "xyFinanceOnly";

export interface ReportWorld {
  users: Record<Role, TestUser>;
  actors: Record<Role, Actor>;
  /** Names of the households, to check that no report shows one. */
  householdNames: string[];
}

function need(n: number, category: "job" | "medical" | "tuition") {
  return { key: `need-${n}`, category, title: `测试需要 ${n}`, story: "测试用的需要说明，没有真实的人。", skills: [], amount: null, publish: true };
}

export async function seedReportWorld(handle: DatabaseHandle): Promise<ReportWorld> {
  const { db } = handle;
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push(
    { key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" },
    { key: "dali-charity", kind: "charity", name: "测试慈善会", region: "5329" },
  );
  const bc = fakeCase(99, { organisation: "bc-union", region: "532924", tier: "severe", causes: ["accident"], needs: [need(99, "job")] });
  bc.head = { ...bc.head, idNumber: fakeResidentId(99, { region: "532924" }) };
  document.cases = [
    fakeCase(1, { tier: "general", causes: ["disability"], needs: [need(1, "job")] }),
    fakeCase(2, { tier: "severe", causes: ["illness", "unemployment"], needs: [need(2, "medical")] }),
    fakeCase(3, { tier: "sudden", causes: ["illness"], needs: [need(3, "tuition")] }),
    fakeCase(4, { tier: "general", causes: ["housing"], needs: [] }),
    bc,
  ];
  document.offers = [
    fakeOffer(1, { capacity: 5 }),
    fakeOffer(2, { organisation: "dali-charity", category: "medical", title: "测试医疗救助", description: "测试用的医疗救助。", skills: [] }),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db, cipher: reportCipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const needRef = (key: string) => imported.result.needs[key] ?? "";
  const offerRef = (key: string) => imported.result.offers[key] ?? "";

  const user = (organisation: string, role: "caseworker" | "finance" | "auditor" | "member") => createTestUser(db, { organisation, role, totp: role === "finance", cipher: reportCipher });
  const users: Record<Role, TestUser> = {
    xyCaseworker: await user("xy-union", "caseworker"),
    xyFinance: await user("xy-union", "finance"),
    xyChecker: await user("xy-union", "finance"),
    xyFinanceOnly: await user("xy-union", "finance"),
    bcCaseworker: await user("bc-union", "caseworker"),
    bcFinance: await user("bc-union", "finance"),
    daliAuditor: await user("dali-union", "auditor"),
    employer: await user("dali-employer", "member"),
    charity: await user("dali-charity", "member"),
  };
  const actors: Record<Role, Actor> = {
    xyCaseworker: await actorOf(db, users.xyCaseworker),
    xyFinance: await actorOf(db, users.xyFinance),
    xyChecker: await actorOf(db, users.xyChecker),
    xyFinanceOnly: await actorOf(db, users.xyFinanceOnly),
    bcCaseworker: await actorOf(db, users.bcCaseworker),
    bcFinance: await actorOf(db, users.bcFinance),
    daliAuditor: await actorOf(db, users.daliAuditor),
    employer: await actorOf(db, users.employer),
    charity: await actorOf(db, users.charity),
  };

  // Publication dates moved back, so the waits have lengths one can compute.
  for (const [key, days] of [["need-1", 10], ["need-2", 4], ["need-3", 2]] as const) {
    await db.execute(sql`update needs set published_at = now() - make_interval(days => ${days}) where ref = ${needRef(key)}`);
  }

  const m1 = await proposeMatch({ db, actor: actors.xyCaseworker, needRef: needRef("need-1"), offerRef: offerRef("offer-1") });
  await acceptMatch({ db, actor: actors.employer, matchRef: m1.ref });
  await fulfilMatch({ db, actor: actors.employer, matchRef: m1.ref, note: "已上岗" });
  await markNeedFulfilled({ db, actor: actors.xyCaseworker, matchRef: m1.ref });
  const m2 = await proposeMatch({ db, actor: actors.xyCaseworker, needRef: needRef("need-2"), offerRef: offerRef("offer-2") });
  await declineMatch({ db, actor: actors.charity, matchRef: m2.ref, reason: "名额已满" });
  await proposeMatch({ db, actor: actors.bcCaseworker, needRef: needRef("need-99"), offerRef: offerRef("offer-1") });

  const caseId = async (key: string) => {
    const [row] = await rowsOf(db, z.object({ id: z.string() }), sql`select id from cases where import_key = ${key}`);
    if (!row) throw new Error(`no case ${key}`);
    return row.id;
  };
  const followUpOn = "2027-06-01";
  await moveCase({ db, actor: actors.xyCaseworker, caseId: await caseId("case-1"), move: { from: "assisting", to: "exited", followUpOn }, ip: null });
  const c3 = await caseId("case-3");
  await moveCase({ db, actor: actors.xyCaseworker, caseId: c3, move: { from: "assisting", to: "exited", followUpOn }, ip: null });
  await moveCase({ db, actor: actors.xyCaseworker, caseId: c3, move: { from: "exited", to: "assisting" }, ip: null });

  const valueDate = chinaToday(new Date());
  const receipt = (actor: Actor, key: string, amount: string, source: "government" | "union" | "donations", need: string | null) =>
    recordReceipt({ db, actor, receipt: { target: { source, needRef: need }, amount, valueDate, method: "bank-transfer", bankReference: null, memo: null, idempotencyKey: key } });
  await receipt(actors.xyFinance, "report-gov", "1000.00", "government", null);
  await receipt(actors.xyFinance, "report-donations", "300.00", "donations", needRef("need-2"));
  const unionReceipt = await receipt(actors.xyFinance, "report-union", "50.00", "union", null);
  await reverseTransaction({ db, actor: actors.xyFinance, transactionId: unionReceipt.transactionId, reason: "测试：重复入账" });
  await allocateFunds({ db, actor: actors.xyFinance, allocation: { source: "government", needRef: needRef("need-3"), amount: "200.00", memo: null, idempotencyKey: "report-allocation" } });
  const request = await requestDisbursement({
    db,
    actor: actors.xyFinance,
    request: { fund: { needRef: needRef("need-2") }, payeeName: "测试县人民医院", payeeKind: "hospital", purpose: "住院费用", invoiceRef: null, amount: "150.00", idempotencyKey: "report-request" },
  });
  await decideDisbursement({ db, actor: actors.xyChecker, ref: request.ref, decision: { decision: "approve" } });
  await receipt(actors.bcFinance, "report-bc-gov", "500.00", "government", null);

  return { users, actors, householdNames: document.cases.map((c) => c.head.name) };
}
