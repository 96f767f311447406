// The demo data set's money, so /transparency (by source, by month), the needs' progress bars, the
// pledge pages and /staff/finance are alive on first start: the Xiangyun union's bank details
// (obviously fake), pledges (named and anonymous, to needs and to the general fund: open, partly
// received, received, cancelled, expired), receipts from every source, allocations to needs,
// disbursements asked by the demo finance officer and approved by the second one, one awaiting
// approval, one rejected, and a receipt entered twice and reversed.
//
// Written through the use cases (they keep the rules) with fixed keys, so a second seed changes
// nothing. Value dates lie up to six months before the day the demo ledger was first seeded, which
// is read back from the ledger itself: re-seeding on a later day posts the same dates.
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { allocateFunds } from "../../app/domain/ledger/allocate-funds.server";
import { decideDisbursement } from "../../app/domain/ledger/decide-disbursement.server";
import type { FundSource, PayeeKind, ReceiptMethod } from "../../app/domain/ledger/ledger-vocabulary";
import { recordReceipt } from "../../app/domain/ledger/record-receipt.server";
import { requestDisbursement } from "../../app/domain/ledger/request-disbursement.server";
import { reverseTransaction } from "../../app/domain/ledger/reverse-transaction.server";
import { updateUnionBankDetails } from "../../app/domain/ledger/union-bank-details.server";
import type { NeedCategory } from "../../app/domain/needs/need-category";
import { PUBLIC_NEED_STATUSES } from "../../app/domain/needs/need-category";
import { beijingDay } from "../../app/domain/pledges/beijing-day";
import { cancelPledge } from "../../app/domain/pledges/cancel-pledge.server";
import { createPledge } from "../../app/domain/pledges/create-pledge.server";
import { expirePledges } from "../../app/domain/pledges/expire-pledges.server";
import type { Database } from "../client.server";
import { cases } from "../schema/cases";
import { disbursementRequests, ledgerTransactions, pledges } from "../schema/ledger";
import { needs } from "../schema/needs";
import { organisations } from "../schema/organisations";
import { demoActor } from "./demo-matches.server";

const FINANCE = "finance@demo.xiangyun.invalid";
const APPROVER = "finance-approver@demo.xiangyun.invalid";
const UNION = "demo-union-xiangyun";
const DAY_MS = 24 * 60 * 60 * 1000;
const PLEDGE_EXPIRY_DAYS = 30;

/** The needs the demo money goes to: the first public Xiangyun need with a target of each category. */
const FUNDED = ["medical", "tuition", "living", "goods", "housing"] as const satisfies readonly NeedCategory[];
type Funded = (typeof FUNDED)[number];

interface DemoReceipt {
  key: string;
  source: FundSource;
  /** Into this need's fund; the source's general fund otherwise. */
  need?: Funded;
  amount: string;
  daysAgo: number;
  method: ReceiptMethod;
  bankReference: string | null;
  memo: string;
}

const RECEIPTS: readonly DemoReceipt[] = [
  { key: "government-relief", source: "government", amount: "50000.00", daysAgo: 170, method: "bank-transfer", bankReference: "DEMO-GOV-0001", memo: "演示：县民政局拨付困难职工临时救助资金" },
  { key: "union-assistance", source: "union", amount: "20000.00", daysAgo: 140, method: "bank-transfer", bankReference: "DEMO-UNION-0001", memo: "演示：县总工会帮扶专项资金划入" },
  { key: "walk-in-spring", source: "donations", amount: "800.00", daysAgo: 110, method: "cash", bankReference: null, memo: "演示：工会服务站现场捐款，捐赠人未留姓名" },
  { key: "government-housing", source: "government", need: "housing", amount: "3000.00", daysAgo: 80, method: "bank-transfer", bankReference: "DEMO-GOV-0002", memo: "演示：县住建局农村危房改造补助" },
  { key: "union-education", source: "union", amount: "10000.00", daysAgo: 50, method: "bank-transfer", bankReference: "DEMO-UNION-0002", memo: "演示：县总工会金秋助学配套资金" },
  // The same bank slip entered a second time: reversed below, with the reason.
  { key: "government-relief-again", source: "government", amount: "5000.00", daysAgo: 45, method: "bank-transfer", bankReference: "DEMO-GOV-0001", memo: "演示：县民政局拨付困难职工临时救助资金" },
  { key: "walk-in-autumn", source: "donations", amount: "1200.00", daysAgo: 20, method: "cash", bankReference: null, memo: "演示：工会服务站现场捐款" },
];
const REVERSED_RECEIPT = "government-relief-again";
const REVERSAL_REASON = "演示：同一张银行回单（DEMO-GOV-0001）录入了两次，冲正重复的一笔";

interface DemoPledge {
  /** 26 characters of the form key's alphabet: the donor's tracking code derives from it. */
  formKey: string;
  need: Funded | null;
  amount: string;
  displayName: string | null;
  contact: string | null;
  message: string | null;
  /** Money received against it, on the day the demo ledger was seeded. */
  received: string | null;
  outcome?: "cancelled" | "expired";
}

const pledgeKey = (n: number) => `XYDEM0${String(n).padStart(20, "0")}`;

const PLEDGES: readonly DemoPledge[] = [
  { formKey: pledgeKey(1), need: "medical", amount: "2000.00", displayName: "演示爱心人士甲", contact: "donor-a@demo.xiangyun.invalid", message: "演示留言：祝孩子早日康复。", received: "2000.00" },
  { formKey: pledgeKey(2), need: "tuition", amount: "1500.00", displayName: null, contact: "donor-b@demo.xiangyun.invalid", message: null, received: "500.00" },
  { formKey: pledgeKey(3), need: null, amount: "5000.00", displayName: "演示爱心企业", contact: "csr@demo.xiangyun.invalid", message: "演示留言：用于最需要的家庭。", received: "5000.00" },
  { formKey: pledgeKey(4), need: null, amount: "500.00", displayName: null, contact: null, message: null, received: null },
  { formKey: pledgeKey(5), need: "housing", amount: "300.00", displayName: "演示爱心人士乙", contact: null, message: "演示留言：一点心意。", received: null },
  { formKey: pledgeKey(6), need: "living", amount: "1000.00", displayName: "演示爱心人士丙", contact: "donor-c@demo.xiangyun.invalid", message: null, received: null, outcome: "cancelled" },
  { formKey: pledgeKey(7), need: null, amount: "200.00", displayName: null, contact: null, message: null, received: null, outcome: "expired" },
];

const ALLOCATIONS: readonly { key: string; source: FundSource; need: Funded; amount: string; memo: string }[] = [
  { key: "medical", source: "government", need: "medical", amount: "20000.00", memo: "演示：临时救助资金用于医疗救助" },
  { key: "housing", source: "government", need: "housing", amount: "8000.00", memo: "演示：临时救助资金补足危房修缮" },
  { key: "living", source: "union", need: "living", amount: "3400.00", memo: "演示：帮扶资金用于生活救助" },
  { key: "tuition", source: "union", need: "tuition", amount: "1000.00", memo: "演示：金秋助学" },
  { key: "goods", source: "donations", need: "goods", amount: "600.00", memo: "演示：现场捐款用于冬季物资" },
];

interface DemoDisbursement {
  key: string;
  need: Funded;
  payeeName: string;
  payeeKind: PayeeKind;
  purpose: string;
  invoiceRef: string | null;
  amount: string;
  decision: { decision: "approve" } | { decision: "reject"; reason: string } | null;
}

const DISBURSEMENTS: readonly DemoDisbursement[] = [
  { key: "medical", need: "medical", payeeName: "演示县人民医院", payeeKind: "hospital", purpose: "演示：住院手术费用", invoiceRef: "DEMO-INV-0001", amount: "15000.00", decision: { decision: "approve" } },
  { key: "living", need: "living", payeeName: "演示县惠民超市", payeeKind: "other", purpose: "演示：三个月的米、油和日用品", invoiceRef: "DEMO-INV-0002", amount: "2000.00", decision: { decision: "approve" } },
  { key: "goods", need: "goods", payeeName: "演示县百货商店", payeeKind: "other", purpose: "演示：棉被和取暖器", invoiceRef: "DEMO-INV-0003", amount: "600.00", decision: { decision: "approve" } },
  { key: "housing", need: "housing", payeeName: "演示建材店", payeeKind: "other", purpose: "演示：屋顶和墙体修缮材料", invoiceRef: null, amount: "11000.00", decision: { decision: "reject", reason: "演示：报价单没有盖章，请补上正式报价后重新申请。" } },
  // Awaiting the second finance officer.
  { key: "tuition", need: "tuition", payeeName: "演示职业技术学校", payeeKind: "school", purpose: "演示：本学期住宿费和伙食费", invoiceRef: "DEMO-INV-0004", amount: "1500.00", decision: null },
];

export const DEMO_BANK_DETAILS = {
  accountName: "演示账户：祥云县总工会帮扶资金专户",
  bankName: "演示银行祥云县支行",
  accountNumber: "6222 0000 0000 0000 000",
  contact: "演示：县总工会财务室，工作日 9:00–17:00",
} as const;

export interface DemoLedgerCounts {
  pledges: number;
  transactions: number;
  disbursementRequests: number;
}

const receiptKey = (key: string) => `demo-ledger:receipt:${key}`;

/** YYYY-MM-DD `days` after (or before, when negative) a YYYY-MM-DD day. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day the demo ledger was first seeded: read back from a receipt already posted, else today in Beijing. */
async function demoLedgerDay(db: Database): Promise<string> {
  const [posted] = await db
    .select({ key: ledgerTransactions.idempotencyKey, valueDate: ledgerTransactions.valueDate })
    .from(ledgerTransactions)
    .where(inArray(ledgerTransactions.idempotencyKey, RECEIPTS.map((r) => receiptKey(r.key))))
    .limit(1);
  const receipt = posted && RECEIPTS.find((r) => receiptKey(r.key) === posted.key);
  return posted && receipt ? addDays(posted.valueDate, receipt.daysAgo) : beijingDay(new Date());
}

/** The first public need with a target of each funded category, of the union's cases. */
async function fundedNeeds(db: Database): Promise<Record<Funded, string>> {
  const rows = await db
    .select({ ref: needs.ref, category: needs.category })
    .from(needs)
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(eq(organisations.importKey, UNION), inArray(needs.status, [...PUBLIC_NEED_STATUSES]), isNotNull(needs.targetAmount), inArray(needs.category, [...FUNDED])))
    .orderBy(asc(needs.importKey));
  const refOf = (category: Funded) => {
    const row = rows.find((r) => r.category === category);
    if (!row) throw new Error(`the demo data set has no public Xiangyun ${category} need with a target`);
    return row.ref;
  };
  return { medical: refOf("medical"), tuition: refOf("tuition"), living: refOf("living"), goods: refOf("goods"), housing: refOf("housing") };
}

/** Seeds the demo ledger; answers what this run wrote (all zero on a second run). */
export async function seedDemoLedger(db: Database): Promise<DemoLedgerCounts> {
  const [finance, approver] = await Promise.all([demoActor(db, FINANCE), demoActor(db, APPROVER)]);
  if (!finance?.membership || !approver) return { pledges: 0, transactions: 0, disbursementRequests: 0 };
  const counts: DemoLedgerCounts = { pledges: 0, transactions: 0, disbursementRequests: 0 };
  const posted = (result: { replayed: boolean }) => {
    if (!result.replayed) counts.transactions++;
  };
  const today = await demoLedgerDay(db);
  const need = await fundedNeeds(db);

  await updateUnionBankDetails({ db, actor: finance, details: DEMO_BANK_DETAILS });

  const receiptIds = new Map<string, string>();
  for (const r of RECEIPTS) {
    const result = await recordReceipt({
      db,
      actor: finance,
      receipt: {
        target: { source: r.source, needRef: r.need ? need[r.need] : null },
        amount: r.amount,
        valueDate: addDays(today, -r.daysAgo),
        method: r.method,
        bankReference: r.bankReference,
        memo: r.memo,
        idempotencyKey: receiptKey(r.key),
      },
    });
    posted(result);
    receiptIds.set(r.key, result.transactionId);
  }

  for (const [i, p] of PLEDGES.entries()) {
    // The expired pledge was made before its expiry ran out; the others today.
    const madeAt = p.outcome === "expired" ? new Date(Date.parse(`${today}T04:00:00Z`) - (PLEDGE_EXPIRY_DAYS + 15) * DAY_MS) : undefined;
    const pledge = await createPledge({
      db,
      input: { key: p.formKey, target: p.need ? { kind: "need", needRef: need[p.need] } : { kind: "union", organisationId: finance.membership.organisationId }, amount: p.amount, displayName: p.displayName, contact: p.contact, message: p.message },
      expiryDays: PLEDGE_EXPIRY_DAYS,
      now: madeAt,
    });
    if (!pledge.replayed) counts.pledges++;
    if (p.received) {
      posted(
        await recordReceipt({
          db,
          actor: finance,
          receipt: { target: { pledgeRef: pledge.ref }, amount: p.received, valueDate: today, method: "bank-transfer", bankReference: `DEMO-PLEDGE-${i + 1}`, memo: null, idempotencyKey: `demo-ledger:pledge-receipt:${i + 1}` },
        }),
      );
    }
    if (p.outcome === "cancelled" && (await pledgeStatus(db, pledge.ref)) === "open") await cancelPledge({ db, actor: finance, ref: pledge.ref });
  }
  await expirePledges(db);

  for (const a of ALLOCATIONS) {
    posted(await allocateFunds({ db, actor: finance, allocation: { source: a.source, needRef: need[a.need], amount: a.amount, memo: a.memo, idempotencyKey: `demo-ledger:allocation:${a.key}` } }));
  }

  for (const d of DISBURSEMENTS) {
    const request = await requestDisbursement({
      db,
      actor: finance,
      request: { fund: { needRef: need[d.need] }, payeeName: d.payeeName, payeeKind: d.payeeKind, purpose: d.purpose, invoiceRef: d.invoiceRef, amount: d.amount, idempotencyKey: `demo-ledger:disbursement:${d.key}` },
    });
    if (!request.replayed) counts.disbursementRequests++;
    if (d.decision && (await requestStatus(db, request.ref)) === "pending") {
      const decided = await decideDisbursement({ db, actor: approver, ref: request.ref, decision: d.decision });
      if (decided.transactionId) counts.transactions++;
    }
  }

  const mistake = receiptIds.get(REVERSED_RECEIPT);
  if (mistake && !(await isReversed(db, mistake))) {
    await reverseTransaction({ db, actor: finance, transactionId: mistake, reason: REVERSAL_REASON });
    counts.transactions++;
  }
  return counts;
}

async function pledgeStatus(db: Database, ref: string) {
  const [row] = await db.select({ status: pledges.status }).from(pledges).where(eq(pledges.ref, ref));
  return row?.status ?? null;
}

async function requestStatus(db: Database, ref: string) {
  const [row] = await db.select({ status: disbursementRequests.status }).from(disbursementRequests).where(eq(disbursementRequests.ref, ref));
  return row?.status ?? null;
}

async function isReversed(db: Database, transactionId: string): Promise<boolean> {
  const [row] = await db.select({ id: ledgerTransactions.id }).from(ledgerTransactions).where(eq(ledgerTransactions.reversesId, transactionId));
  return row !== undefined;
}
