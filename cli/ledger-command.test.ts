// `npm run cli -- ledger verify` as an operator runs it (in this process, tests/cli.ts): on a fresh
// install, on the demo data set, and after a superuser changed a row behind the ledger's guards
// (triggers off, as app/domain/ledger/verify-ledger.db.test.ts does), which it names with exit 1.
// Each change is undone after its check, so the cases do not see each other's damage.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../db/client.server";
import { openDatabase } from "../db/client.server";
import { createCliDataDir, runCli } from "../tests/cli";
import { rowsOf } from "../tests/ledger-fixture";
import { startTestSearch } from "../tests/search-fixture";

const verification = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), transactions: z.number(), headHash: z.string() }),
  z.object({ ok: z.literal(false), problem: z.object({ kind: z.string(), transactionId: z.string().optional(), sequence: z.string().optional() }) }),
]);

describe("ledger verify on a fresh install", () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { DATA_DIR: await createCliDataDir() };
  });

  it("passes an empty ledger with exit 0", async () => {
    const text = await runCli(["ledger", "verify"], env);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("ledger verified: 0 transactions");
    const json = await runCli(["ledger", "verify", "--json"], env);
    expect(json.code).toBe(0);
    expect(verification.parse(JSON.parse(json.stdout))).toEqual({ ok: true, transactions: 0, headHash: "0".repeat(64) });
  });

  it("says how to use it without a subcommand, with exit 2", async () => {
    const bare = await runCli(["ledger"], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("npm run cli -- ledger verify [--json]");
  });
});

describe("ledger verify on the demo data set", { timeout: 120_000 }, () => {
  let search: Awaited<ReturnType<typeof startTestSearch>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const [started, dataDir] = await Promise.all([startTestSearch(), createCliDataDir()]);
    search = started;
    env = { IDENTITY_KEY: randomBytes(32).toString("base64"), DATA_DIR: dataDir, MEILI_URL: search.meili.url, MEILI_MASTER_KEY: search.meili.masterKey, MEILI_INDEX_PREFIX: search.indexPrefix };
    const seeded = await runCli(["seed"], env);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 300_000);
  afterAll(() => search?.meili.stop());

  /** Runs statements on the command's database as a superuser with the ledger's triggers off. */
  async function asSuperuser<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const handle = await openDatabase({ driver: "pglite", dataDir: join(env.DATA_DIR ?? "", "pglite") });
    try {
      return await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        return fn(tx);
      });
    } finally {
      await handle.close();
    }
  }

  /** Changes the first sealed transaction of this kind with `change`; answers it as it was. */
  async function tamper(kind: string, change: (id: string) => SQL): Promise<{ id: string; sequence: string; memo: string | null }> {
    return asSuperuser(async (db) => {
      const [row] = await rowsOf(
        db,
        z.object({ id: z.string(), sequence: z.string(), memo: z.string().nullable() }),
        sql`select id, sequence::text as sequence, memo from ledger_transactions where kind = ${kind} order by ledger_transactions.sequence limit 1`,
      );
      if (!row) throw new Error(`the demo ledger has no ${kind}`);
      await db.execute(change(row.id));
      return row;
    });
  }

  it("passes the seeded ledger with exit 0", async () => {
    const result = await runCli(["ledger", "verify", "--json"], env);
    expect(result.code, result.stderr).toBe(0);
    const parsed = verification.parse(JSON.parse(result.stdout));
    expect(parsed.ok && parsed.transactions).toBeGreaterThan(10);
  });

  it("names the transaction whose memo was altered, with exit 1", async () => {
    const receipt = await tamper("receipt", (id) => sql`update ledger_transactions set memo = '改过的备注' where id = ${id}`);
    try {
      const result = await runCli(["ledger", "verify"], env);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toContain(`ledger inconsistent: transaction ${receipt.id} (sequence ${receipt.sequence})`);
      expect(result.stdout).toContain("the hash does not match");
      expect(result.stdout).toMatch(/receipt of \d{4}-\d{2}-\d{2} in the books of 祥云县总工会/);
    } finally {
      await asSuperuser((db) => db.execute(sql`update ledger_transactions set memo = ${receipt.memo} where id = ${receipt.id}`));
    }
  });

  it("names the transaction whose postings were altered, still balanced, with exit 1", async () => {
    const allocation = await tamper("allocation", (id) => sql`update ledger_postings set amount = case when amount > 0 then amount + 1 else amount - 1 end where transaction_id = ${id}`);
    try {
      const result = await runCli(["ledger", "verify", "--json"], env);
      expect(result.code, result.stderr).toBe(1);
      expect(verification.parse(JSON.parse(result.stdout))).toEqual({ ok: false, problem: { kind: "hash", transactionId: allocation.id, sequence: allocation.sequence } });
    } finally {
      await asSuperuser((db) => db.execute(sql`update ledger_postings set amount = case when amount > 0 then amount - 1 else amount + 1 end where transaction_id = ${allocation.id}`));
    }
  });
});
