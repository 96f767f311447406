// The ledger's month totals: a report reads the same money whether the fold has run or not, for
// whole months, partial first and last months, a single day and all time; what is posted after a
// fold (even into a month already folded) counts at once; a fold never sums a transaction twice; a
// need's money follows its category when that is edited after the fold.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import { rowsOf } from "../../../tests/ledger-fixture";
import type { ReportWorld } from "../../../tests/report-fixture";
import { seedReportWorld } from "../../../tests/report-fixture";
import { recordReceipt } from "../ledger/record-receipt.server";
import { reverseTransaction } from "../ledger/reverse-transaction.server";
import { moneyToString } from "../money/money";
import { foldLedgerMonthTotals, wholeMonthsOf } from "./ledger-month-totals.server";
import type { LedgerMoneyRow } from "./money-figures.server";
import { readLedgerMoney, readMoneyFigures } from "./money-figures.server";
import { readImpactRows } from "./public-impact.server";
import type { ReportPeriod } from "./report-period";
import { chinaToday, periodMonths } from "./report-period";

let handle: DatabaseHandle;
let world: ReportWorld;

const receipt = (key: string, amount: string, valueDate: string, source: "government" | "union" | "donations" = "government") =>
  recordReceipt({
    db: handle.db,
    actor: world.actors.xyFinance,
    receipt: { target: { source, needRef: null }, amount, valueDate, method: "bank-transfer", bankReference: null, memo: null, idempotencyKey: key },
  });

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await seedReportWorld(handle);
  // Money on days around the months' edges (the fixture's own is on today's date).
  await receipt("edge-mar-15", "10.00", "2026-03-15");
  await receipt("edge-mar-16", "20.00", "2026-03-16", "union");
  await receipt("edge-apr-01", "40.00", "2026-04-01");
  const reversed = await receipt("edge-apr-30", "80.00", "2026-04-30", "donations");
  await receipt("edge-may-31", "160.00", "2026-05-31");
  // Reversed today: it counts in April, the month of what it undoes.
  await reverseTransaction({ db: handle.db, actor: world.actors.xyFinance, transactionId: reversed.transactionId, reason: "测试：重复入账" });
}, 120_000);
afterAll(() => handle?.close());

const today = () => chinaToday(new Date());
const PERIODS: ReportPeriod[] = [
  { from: "2026-03-01", to: "2026-05-31" },
  { from: "2026-03-16", to: "2026-04-30" },
  { from: "2026-04-01", to: "2026-04-29" },
  { from: "2026-03-15", to: "2026-03-15" },
  { from: "2026-02-01", to: "2026-03-31" },
  { from: "2025-01-01", to: "2026-12-31" },
];
const REGIONS = ["532923", "5329", "53"];

/** The rows as text, in a fixed order, to compare two reads. */
const asText = (rows: LedgerMoneyRow[]) =>
  rows.map((r) => [r.code, r.month, r.kind, r.source ?? "-", r.accountKind, r.category ?? "-", moneyToString(r.amount), moneyToString(r.moved)].join(" ")).sort();

async function readEverything() {
  const reads: Record<string, string[]> = {};
  for (const region of REGIONS) {
    for (const period of [...PERIODS, { from: "2026-01-01", to: today() }]) {
      reads[`${region} ${period.from}…${period.to}`] = asText(await readLedgerMoney({ db: handle.db, region, period }));
    }
  }
  const impact = await readImpactRows(handle.db);
  reads.impact = impact.money.map((r) => [r.region, r.source ?? "-", moneyToString(r.received), moneyToString(r.allocated), moneyToString(r.disbursed)].join(" ")).sort();
  return reads;
}

const received = (rows: LedgerMoneyRow[]) => rows.filter((r) => r.kind === "receipt" && r.accountKind === "bank").reduce((sum, r) => sum + Number(moneyToString(r.amount)) * 100, 0) / 100;

describe("the whole months of a period", () => {
  it("are those it covers from their first day to their last", () => {
    expect(wholeMonthsOf({ from: "2026-03-01", to: "2026-05-31" })).toEqual({ first: "2026-03-01", last: "2026-05-01" });
    expect(wholeMonthsOf({ from: "2026-03-16", to: "2026-04-30" })).toEqual({ first: "2026-04-01", last: "2026-04-01" });
    expect(wholeMonthsOf({ from: "2026-02-01", to: "2026-02-28" })).toEqual({ first: "2026-02-01", last: "2026-02-01" });
    expect(wholeMonthsOf({ from: "2024-02-01", to: "2024-02-28" })).toBeNull();
    expect(wholeMonthsOf({ from: "2026-04-01", to: "2026-04-29" })).toBeNull();
    expect(wholeMonthsOf({ from: "2026-03-15", to: "2026-03-15" })).toBeNull();
    expect(wholeMonthsOf({ from: "2025-12-02", to: "2026-01-30" })).toBeNull();
    expect(wholeMonthsOf({ from: "2025-11-30", to: "2026-01-31" })).toEqual({ first: "2025-12-01", last: "2026-01-01" });
  });
});

describe("the ledger's month totals", () => {
  it("give every report the same money before and after the fold", async () => {
    const before = await readEverything();
    const folded = await foldLedgerMonthTotals(handle.db);
    expect(folded.transactions).toBeGreaterThan(0);
    const [totals] = await rowsOf(handle.db, z.object({ n: z.coerce.number() }), sql`select count(*) as n from ledger_month_totals`);
    expect(totals?.n).toBeGreaterThan(0);
    expect(await readEverything()).toEqual(before);
  });

  it("sum the days of a partial month from the postings, and a reversal in the month of what it undoes", async () => {
    await foldLedgerMonthTotals(handle.db);
    const read = (period: ReportPeriod) => readLedgerMoney({ db: handle.db, region: "532923", period });
    // 03-16 (20) and 04-01 (40); 04-30's 80 is reversed, in April.
    expect(received(await read({ from: "2026-03-16", to: "2026-04-30" }))).toBe(60);
    expect(received(await read({ from: "2026-03-01", to: "2026-05-31" }))).toBe(230);
    expect(received(await read({ from: "2026-03-15", to: "2026-03-15" }))).toBe(10);
    expect(received(await read({ from: "2026-04-01", to: "2026-04-29" }))).toBe(40);
    const april = (await read({ from: "2026-04-01", to: "2026-04-30" })).filter((r) => r.kind === "receipt" && r.accountKind === "bank" && r.source === "donations");
    expect(april.map((r) => [r.month, moneyToString(r.amount)])).toEqual([["2026-04", "0.00"]]);
  });

  it("count what is posted after a fold at once, even in a month already folded, and sum it once", async () => {
    await foldLedgerMonthTotals(handle.db);
    const april = { from: "2026-04-01", to: "2026-04-30" };
    expect(received(await readLedgerMoney({ db: handle.db, region: "5329", period: april }))).toBe(40);
    await receipt("late-apr-10", "5.00", "2026-04-10", "union");
    const before = await readEverything();
    expect(received(await readLedgerMoney({ db: handle.db, region: "5329", period: april }))).toBe(45);
    expect(await foldLedgerMonthTotals(handle.db)).toMatchObject({ transactions: 1 });
    expect(await foldLedgerMonthTotals(handle.db)).toMatchObject({ transactions: 0 });
    expect(await readEverything()).toEqual(before);
  });

  it("are folded by concurrent folds once", async () => {
    for (let i = 0; i < 5; i++) await receipt(`concurrent-${i}`, "1.00", "2026-02-10");
    const before = await readEverything();
    const folds = await Promise.all([foldLedgerMonthTotals(handle.db), foldLedgerMonthTotals(handle.db), foldLedgerMonthTotals(handle.db)]);
    expect(folds.reduce((sum, f) => sum + f.transactions, 0)).toBe(5);
    expect(received(await readLedgerMoney({ db: handle.db, region: "532923", period: { from: "2026-02-01", to: "2026-02-28" } }))).toBe(5);
    expect(await readEverything()).toEqual(before);
  });

  it("move a need's folded money with its category, whoever edits it", async () => {
    await foldLedgerMonthTotals(handle.db);
    const period = { from: "2026-01-01", to: today() };
    const allocated = async () => {
      const money = await readMoneyFigures({ db: handle.db, region: "532923", period, months: periodMonths(period) });
      return Object.fromEntries(money.byCategory.filter((c) => moneyToString(c.allocated) !== "0.00").map((c) => [c.category, moneyToString(c.allocated)]));
    };
    expect(await allocated()).toEqual({ tuition: "200.00" });
    await handle.db.execute(sql`update needs set category = 'job' where category = 'tuition'`);
    expect(await allocated()).toEqual({ job: "200.00" });
    const folded = await readEverything();
    // The same from the postings alone: the totals emptied and the mark back at the start.
    await handle.db.execute(sql`delete from ledger_month_totals`);
    await handle.db.execute(sql`update ledger_month_totals_mark set sequence = 0`);
    expect(await readEverything()).toEqual(folded);
    await foldLedgerMonthTotals(handle.db);
    expect(await readEverything()).toEqual(folded);
  });
});
