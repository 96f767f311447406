// Staff and public reports at scale on PostgreSQL (the team's target: each report answers in ≤ 1 s
// with 50,000 households, 100,000 needs and 200,000 ledger transactions). Seeds a database of its
// own with bench/report-data.ts (one province, ≈ 2 years), folds the ledger's month totals (as the
// server does at start), analyses it, then times readRegionReport
// for the province, a prefecture and a county over 12 and 24 months — the whole report and each of
// its parts — and the public impact figures, each after one warm-up call. Prints one JSON line.
//   scripts/with-throwaway-postgres.sh node --import tsx bench/reports.ts [--runs 5] [--cases 50000] [--needs 100000] [--transactions 200000]
//   --explain 200   also print to stderr the plan (EXPLAIN ANALYZE, through auto_explain) of every
//                   statement of one more round that takes 200 ms or more
//   --verify        run verifyLedger over the seeded ledger (≈ 15 s at 200,000 transactions)
//   --keep          leave the database on the server (its URL goes to stderr), to look at plans by hand
//   --reuse NAME    time the reports on a database kept by an earlier --keep run (migrated and its
//                   month totals folded first, as a server start would), without seeding
//   --ledger-batch N  ledger transactions per database transaction while seeding (1000)
// DATABASE_URL (or TEST_DATABASE_URL, which scripts/with-throwaway-postgres.sh sets) names the
// server; the database is created there and dropped after (unless --keep).
import { randomBytes } from "node:crypto";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Actor } from "../app/domain/auth/actor";
import { verifyLedger } from "../app/domain/ledger/verify-ledger.server";
import { foldLedgerMonthTotals } from "../app/domain/reports/ledger-month-totals.server";
import { readChildRegionFigures } from "../app/domain/reports/child-region-figures.server";
import { readHouseholdFigures } from "../app/domain/reports/household-figures.server";
import { readMatchFigures } from "../app/domain/reports/match-figures.server";
import { readMoneyFigures } from "../app/domain/reports/money-figures.server";
import { readNeedFigures } from "../app/domain/reports/need-figures.server";
import { readPublicImpact } from "../app/domain/reports/public-impact.server";
import { readRegionReport } from "../app/domain/reports/region-report.server";
import { getRegionDirectory } from "../app/domain/regions/region-directory.server";
import type { ReportPeriod } from "../app/domain/reports/report-period";
import { periodBounds, periodMonths } from "../app/domain/reports/report-period";
import type { Database } from "../db/client.server";
import { openDatabase } from "../db/client.server";
import { migrateDatabase } from "../db/migrate.server";
import { createTestUser } from "../tests/accounts";
import { actorOf } from "../tests/actors";
import { createTestCipher } from "../tests/identity";
import { seedReportData } from "./report-data";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    cases: { type: "string", default: "50000" },
    needs: { type: "string", default: "100000" },
    transactions: { type: "string", default: "200000" },
    explain: { type: "string" },
    verify: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    "ledger-batch": { type: "string", default: "1000" },
  },
});
const RUNS = Number(values.runs);
const PROVINCE = "53";
const PREFECTURE = "5329";
const COUNTY = "532923";
const TODAY = "2026-12-05";
const PERIODS: Record<string, ReportPeriod> = { "12 months": { from: "2026-01-01", to: TODAY }, "24 months": { from: "2025-01-01", to: TODAY } };
const TARGET_MS = 1_000;

const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!url) throw new Error("DATABASE_URL (or TEST_DATABASE_URL) must name a PostgreSQL server: the report queries are timed on PostgreSQL.");

const round = (ms: number) => Math.round(ms * 10) / 10;
async function timeRuns(work: () => Promise<unknown>, runs: number) {
  const warm = performance.now();
  await work();
  const warmUp = performance.now() - warm;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: round(times[Math.floor((times.length - 1) / 2)] ?? NaN), max: round(times[times.length - 1] ?? NaN), warmUp: round(warmUp) };
}

/** Each report and each of its parts, timed: one warm-up call, then `runs` calls. */
async function timeReports(db: Database, actor: Actor, runs: number) {
  const time = (work: () => Promise<unknown>) => timeRuns(work, runs);
  const directory = await getRegionDirectory(db);
  const reports = [];
  for (const region of [PROVINCE, PREFECTURE, COUNTY]) {
    for (const [name, period] of Object.entries(PERIODS)) {
      const { start, end } = periodBounds(period);
      const months = periodMonths(period);
      const children = directory.children(region).map((c) => c.code);
      const report = await time(() => readRegionReport({ db, actor, query: { region, period } }));
      const parts = {
        households: await time(() => readHouseholdFigures({ db, region, start, end, months })),
        needs: await time(() => readNeedFigures({ db, region, start, end })),
        matches: await time(() => readMatchFigures({ db, region, start, end })),
        money: await time(() => readMoneyFigures({ db, region, period, months })),
        // The drill-down's counts alone: its money is the money part's rows.
        childCounts: await time(() => readChildRegionFigures({ db, region, children, start, end, money: [] })),
      };
      reports.push({ report: `region ${region}, ${name}`, region, period, ...report, partsP50: Object.fromEntries(Object.entries(parts).map(([part, t]) => [part, t.p50])) });
    }
  }
  const impact = [];
  for (const region of ["", PROVINCE, PREFECTURE]) impact.push({ report: `public impact ${region || "site"}`, region: region || null, ...(await time(() => readPublicImpact({ db, region }))) });
  return { reports, impact };
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const reused = values.reuse;
if (reused !== undefined && !/^xiangyun_bench_[0-9a-f]{8}$/.test(reused)) throw new Error("--reuse takes the name of a database an earlier --keep run left (xiangyun_bench_…)");
const name = reused ?? `xiangyun_bench_${randomBytes(4).toString("hex")}`;
if (!reused) await admin.query(`create database ${name}`);
const own = new URL(url);
own.pathname = `/${name}`;
const handle = await openDatabase({ driver: "pg", url: own.toString(), poolSize: 12 });
if (handle.driver !== "pg") throw new Error("not PostgreSQL");
let explainPool: pg.Pool | null = null;
try {
  const load = [loadavg()[0]];
  await migrateDatabase(handle);
  const { db } = handle;
  const cipher = createTestCipher();
  const requester = await createTestUser(db, { role: "finance" });
  const approver = await createTestUser(db, { role: "finance" });

  const seedStarted = performance.now();
  const client = await handle.pool.connect();
  let seeded;
  try {
    seeded = reused
      ? { seconds: {} as Record<string, number> }
      : await seedReportData(client, {
          province: PROVINCE,
          cases: Number(values.cases),
          needs: Number(values.needs),
          transactions: Number(values.transactions),
          from: new Date("2024-12-05T00:00:00+08:00"),
          to: new Date(`${TODAY}T12:00:00+08:00`),
          seed: 532923,
          cipher,
          financeUserIds: [requester.id, approver.id],
          ledgerBatch: Number(values["ledger-batch"]),
          onProgress: (step) => process.stderr.write(`seeding: ${step}\n`),
        });
    // As the server does at start and every minute after: the month totals take in the ledger.
    process.stderr.write("seeding: month totals\n");
    const folding = performance.now();
    await foldLedgerMonthTotals(db);
    seeded.seconds["month totals"] = round((performance.now() - folding) / 1000);
    process.stderr.write("seeding: vacuum analyze\n");
    const analyzed = performance.now();
    // As autovacuum would have done on a live site: statistics and the visibility map.
    await client.query("vacuum (analyze)");
    seeded.seconds["vacuum analyze"] = round((performance.now() - analyzed) / 1000);
  } finally {
    client.release();
  }
  const seedSeconds = round((performance.now() - seedStarted) / 1000);
  load.push(loadavg()[0]);

  const tables = ["organisations", "offers", "cases", "needs", "matches", "match_events", "audit_log", "ledger_accounts", "ledger_transactions", "ledger_postings", "disbursement_requests"];
  const counts = await handle.pool.query<Record<string, string>>(`select ${tables.map((t) => `(select count(*) from ${t}) as ${t}`).join(", ")}`);
  const rows = Object.fromEntries(Object.entries(counts.rows[0] ?? {}).map(([table, n]) => [table, Number(n)]));
  const caseworker = await createTestUser(db, { organisation: "bench-union-53", role: "caseworker" });
  const actor = await actorOf(db, caseworker);
  const settings = await handle.pool.query<{ name: string; setting: string }>("select name, setting from pg_settings where name in ('server_version', 'shared_buffers', 'work_mem', 'fsync', 'lc_collate', 'jit') order by name");

  process.stderr.write("timing\n");
  const timings = await timeReports(db, actor, RUNS);
  load.push(loadavg()[0]);

  let verification = null;
  if (values.verify) {
    process.stderr.write("verifying the ledger\n");
    const started = performance.now();
    const result = await verifyLedger({ db });
    verification = { ok: result.ok, ...(result.ok ? { transactions: result.transactions } : { problem: result.problem }), seconds: round((performance.now() - started) / 1000) };
  }

  if (values.explain) {
    // One more round on connections that log every slow statement's plan back to us as a notice.
    const explained = new URL(own);
    explained.searchParams.set("options", `-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=${Number(values.explain)} -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_level=notice`);
    explainPool = new pg.Pool({ connectionString: explained.toString(), max: 12 });
    explainPool.on("connect", (c) => c.on("notice", (notice) => process.stderr.write(`\n${notice.message}\n`)));
    const explainDb: Database = drizzle(explainPool);
    process.stderr.write("explaining\n");
    await timeReports(explainDb, actor, 0);
  }

  const slowest = Math.max(...[...timings.reports, ...timings.impact].map((r) => r.p50));
  console.log(
    JSON.stringify({
      benchmark: "reports",
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage1m: load.map((l) => round(l ?? NaN)) },
      server: Object.fromEntries(settings.rows.map((s) => [s.name, s.setting])),
      runs: RUNS,
      seed: { seconds: seedSeconds, steps: seeded.seconds },
      reused: Boolean(reused),
      generated: { ...seeded, seconds: undefined },
      rows,
      ...timings,
      ...(verification ? { verification } : {}),
      target: { ms: TARGET_MS, slowestP50: slowest, met: slowest <= TARGET_MS },
    }),
  );
} finally {
  await explainPool?.end();
  await handle.close();
  if (values.keep || reused) process.stderr.write(`kept: ${own.toString()}\n`);
  else await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
