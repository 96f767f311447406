// The cost of a ledger write against the length of the unsealed tail (ADR 010: committed
// transactions the sealer has not linked yet), in the database alone: `ledger_post_transaction`
// called in a loop inside one DO block (no network, no Node), for a receipt into a general fund.
//   (a) `inOneTransaction`: every call in one database transaction, so the tail grows to `count`;
//   (b) `commitEach`: a COMMIT after every call, nothing sealed, so the tail again grows to `count`;
//   (c) `seal`: then `ledger_seal_pending` links all of them in one call.
// A write whose triggers search the tail instead of reading its own transaction by key costs more
// the longer the tail, so compare the figures for two counts. Prints one JSON line; ms per item.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/ledger-unsealed-tail.ts [count=1000] [count=3000]
// With DATABASE_URL each count gets a database of its own on that server (dropped after); without,
// an in-memory PGlite.
import { cpus } from "node:os";
import { sql } from "drizzle-orm";
import { financeBooksOf, rememberedUnionAccounts } from "../app/domain/ledger/ledger-accounts.server";
import { recordReceipt } from "../app/domain/ledger/record-receipt.server";
import { verifyLedger } from "../app/domain/ledger/verify-ledger.server";
import { migrateDatabase } from "../db/migrate.server";
import { openBenchDatabase } from "./bench-database";
import { createFinanceWorld } from "../tests/finance-fixture";

const counts = process.argv.slice(2).map(Number);
if (counts.length === 0) counts.push(1000, 3000);


async function measure(count: number) {
  const { handle, drop } = await openBenchDatabase({ poolSize: 2 });
  try {
    await migrateDatabase(handle);
    const world = await createFinanceWorld(handle);
    const finance = world.actors.finance;
    const books = financeBooksOf(finance);
    // Two receipts open the union's accounts and let the domain remember them.
    for (const key of ["warm-1", "warm-2"]) {
      await recordReceipt({
        db: handle.db,
        actor: finance,
        receipt: { target: { source: "donations", needRef: null }, amount: "1.00", valueDate: "2026-12-05", method: "bank-transfer", bankReference: null, memo: null, idempotencyKey: key },
      });
    }
    const accounts = rememberedUnionAccounts(handle.db, books.organisationId);
    if (!accounts) throw new Error("the union's accounts are not known");
    const loop = (prefix: string, commit: boolean) =>
      sql.raw(`DO $$ BEGIN FOR i IN 1..${count} LOOP
        PERFORM * FROM ledger_post_transaction('${books.organisationId}'::uuid, 'receipt', '${prefix}-' || i, '2026-12-05'::date, '${finance.userId}'::uuid,
          null, null, 'donations', 'bank-transfer', null, null, null, '{${accounts.bank},${accounts.general.donations}}'::uuid[], '{1.00,-1.00}'::numeric[], true);
        ${commit ? "COMMIT;" : ""}
      END LOOP; END $$`);
    const timed = async (work: () => Promise<unknown>, items: number) => {
      const started = performance.now();
      await work();
      return Math.round(((performance.now() - started) / items) * 1000) / 1000;
    };
    const inOneTransaction = await timed(() => handle.db.execute(loop("one", false)), count);
    // PGlite runs a DO block inside the statement's transaction, where COMMIT is refused.
    const commitEach = handle.driver === "pg" ? await timed(() => handle.db.execute(loop("each", true)), count) : null;
    const written = handle.driver === "pg" ? 2 * count : count;
    const seal = await timed(() => handle.db.execute(sql`select ledger_seal_pending(${written + 10})`), written);
    const verification = await verifyLedger({ db: handle.db });
    return { count, msEach: { inOneTransaction, commitEach, seal }, verified: verification.ok };
  } finally {
    await handle.close();
    await drop();
  }
}

const results = [];
for (const count of counts) results.push(await measure(count));
console.log(
  JSON.stringify({
    benchmark: "ledger-unsealed-tail",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    driver: process.env.DATABASE_URL ? "pg" : "pglite",
    results,
  }),
);
