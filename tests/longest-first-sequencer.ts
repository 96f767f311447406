// Vitest runs the files it has no timings for by size, largest first, and a project's files after the
// previous project's: on a clean clone (CI) the longest files, which are short in bytes, started
// late, and the PostgreSQL model test ran alone at the very end while a core idled. This sequencer
// starts each project's files known to be long first, longest first; the rest follow in Vitest's
// own order. The seconds are those of a clean-clone `.ci/run` on the 2-core machine
// (2026-12-07, loaded, files of 8 s or more); they only order the files, so a stale figure costs
// time, never a test.
import { relative } from "node:path";
import type { TestSpecification } from "vitest/node";
import { BaseSequencer } from "vitest/node";

const SECONDS: Record<string, number> = {
  "pglite:app/domain/ledger/ledger-model.db.test.ts": 187,
  "pglite:server/runtime.server.test.ts": 55,
  "postgres:app/domain/ledger/ledger-model.db.test.ts": 41,
  "pglite:app/routes/staff-finance-pages.db.test.ts": 40,
  "pglite:app/domain/pledges/pledge-retries.db.test.ts": 37,
  "pglite:cli/suggest-command.test.ts": 36,
  "pglite:search/search-drift.db.test.ts": 33,
  "pglite:app/routes/retry-after.db.test.ts": 32,
  "postgres:app/routes/staff-reports.db.test.ts": 30,
  "pglite:app/routes/staff-reports.db.test.ts": 28,
  "pglite:cli/ledger-command.test.ts": 24,
  "postgres:app/routes/staff-finance-pages.db.test.ts": 22,
  "pglite:app/routes/transparency.db.test.ts": 22,
  "pglite:app/domain/auth/sign-in.db.test.ts": 22,
  "pglite:search/reindex.db.test.ts": 20,
  "postgres:app/domain/auth/sign-in.db.test.ts": 18,
  "pglite:search/outbox-catch-up.db.test.ts": 18,
  "pglite:server/domain-error-pages.db.test.ts": 17,
  "pglite:search/outbox-concurrency.db.test.ts": 17,
  "pglite:app/routes/staff-households-import.db.test.ts": 17,
  "pglite:search/outbox-backlog.db.test.ts": 16,
  "postgres:app/domain/pledges/pledge-retries.db.test.ts": 14,
  "pglite:db/ledger-balance-shards-migration.db.test.ts": 14,
  "pglite:app/domain/matching/match-lifecycle.db.test.ts": 14,
  "postgres:search/search-drift.db.test.ts": 12,
  "pglite:db/seed/demo-accounts.db.test.ts": 12,
  "postgres:app/routes/transparency.db.test.ts": 11,
  "pglite:db/ledger-need-movements-migration.db.test.ts": 11,
  "pglite:cli/user-commands.test.ts": 11,
  "pglite:cli/search-commands.test.ts": 11,
  "pglite:app/domain/reports/ledger-month-totals.db.test.ts": 11,
  "postgres:search/reindex.db.test.ts": 10,
  "postgres:app/routes/staff-households-import.db.test.ts": 10,
  "pglite:db/seed/demo-ledger.db.test.ts": 10,
  "pglite:cli/export-audit.test.ts": 10,
  "pglite:app/routes/public-api.db.test.ts": 10,
  "pglite:db/offer-types-backfill.db.test.ts": 9,
  "pglite:db/case-number-backfill.db.test.ts": 9,
  "pglite:app/domain/ledger/post-transaction.db.test.ts": 9,
  "pglite:app/domain/ledger/balance-shards.db.test.ts": 9,
  "pglite:app/domain/reports/public-impact.db.test.ts": 8,
};

/** The database projects in the order their files are run; other projects run in processes of their own. */
const PROJECTS = ["pglite", "postgres"];

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const seconds = (file: TestSpecification) => SECONDS[`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`] ?? 0;
    // A worker goes on to the next file only when it is of the same project; otherwise the worker
    // is stopped and a new one started, importing every module again. So a project's files come
    // together, PGlite's first (its files are the longest), and the PostgreSQL files after them.
    const group = (file: TestSpecification) => PROJECTS.indexOf(file.project.name);
    // A stable sort: files of no known length keep Vitest's order after the known ones.
    return base.sort((a, b) => group(a) - group(b) || seconds(b) - seconds(a));
  }
}
