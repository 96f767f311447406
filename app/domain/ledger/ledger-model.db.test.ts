// The ledger against a model of it (tests/ledger-model.ts): random short sequences of pledges,
// receipts (against a pledge or standalone by source), allocations, disbursement requests and
// decisions, reversals, cancellations and retries of a form — valid and invalid — run through the
// use cases on one union's books and through the model. The database must accept exactly what the
// model accepts, refuse the rest with the same DomainError, and end each sequence with the model's
// balance on every account and the model's pledge and request statuses; the hash chain and every
// balance row must verify. Each sequence gets a union of its own; one database serves the file.
// LEDGER_MODEL_RUNS sets the number of sequences (docs/ledger.md, "Model test"); LEDGER_MODEL_SEED
// replays a failing run fast-check reported.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { sessionCookie } from "../../../tests/accounts";
import { actorOf } from "../../../tests/actors";
import { createTestDatabase } from "../../../tests/database";
import { LedgerModel, ledgerCommands } from "../../../tests/ledger-model";
import { LedgerRunner, ModelUnions } from "../../../tests/ledger-model-world";
import { verifyLedger } from "./verify-ledger.server";

const RUNS = Number.parseInt(process.env.LEDGER_MODEL_RUNS ?? "1000", 10);
const SEED = process.env.LEDGER_MODEL_SEED ? Number.parseInt(process.env.LEDGER_MODEL_SEED, 10) : undefined;
/** verifyLedger walks the whole ledger, so it runs every so many sequences and once at the end. */
const VERIFY_EVERY = 200;

let handle: DatabaseHandle;
let unions: ModelUnions;

beforeAll(async () => {
  handle = await createTestDatabase();
  unions = new ModelUnions(handle.db);
}, 60_000);
afterAll(() => handle?.close());

describe("the ledger against its model", () => {
  it("gives each sequence finance users exactly as the session loader reads them", async () => {
    const union = await unions.take();
    for (const actor of union.actors) {
      const loaded = await actorOf(handle.db, { id: actor.userId, email: actor.email, cookie: await sessionCookie(handle.db, actor.userId, true) });
      expect({ ...loaded, sessionId: null }).toEqual({ ...actor, sessionId: null });
    }
  });

  it(`accepts exactly what the model accepts and ends with the model's balances (${RUNS} sequences)`, async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(ledgerCommands, async (commands) => {
        const runner = new LedgerRunner(handle.db, await unions.take());
        const model = new LedgerModel();
        const done: string[] = [];
        for (const command of commands) {
          const step = model.resolve(command);
          if (!step) continue;
          const expected = model.apply(step);
          const actual = await runner.run(step);
          done.push(JSON.stringify(step));
          expect(actual, `step ${done.length}:\n${done.join("\n")}`).toEqual(expected);
        }
        expect(await runner.balances(), `balances after:\n${done.join("\n")}`).toEqual(model.balanceTexts());
        expect(await runner.statuses()).toEqual({ pledges: model.pledges.map((p) => p.status), requests: model.requests.map((r) => r.status) });
        if (++runs % VERIFY_EVERY === 0) expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true });
  }, 120_000 + RUNS * 120);
});
