// Opening a union's chart of accounts: once, by its finance staff only, a need's fund only for a
// need of the union's region.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { createFinanceWorld, refusal } from "../../../tests/finance-fixture";
import { rowsOf } from "../../../tests/ledger-fixture";
import { ensureLedgerAccounts } from "./ledger-accounts.server";

let handle: DatabaseHandle;
let world: FinanceWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFinanceWorld(handle);
}, 60_000);
afterAll(() => handle?.close());

const accountCount = async (organisationId: string) => {
  const [row] = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from ledger_accounts where organisation_id = ${organisationId}`);
  return row?.n ?? -1;
};

describe("ensureLedgerAccounts", () => {
  it("opens the bank, clearing and three general funds once, and a need's fund on first use", async () => {
    const { finance, checker } = world.actors;
    const first = await ensureLedgerAccounts({ db: handle.db, actor: finance });
    const again = await ensureLedgerAccounts({ db: handle.db, actor: checker });
    expect(again.bank).toBe(first.bank);
    expect(again.general).toEqual(first.general);
    const organisationId = finance.membership?.organisationId ?? "";
    expect(await accountCount(organisationId)).toBe(5);
    const needRef = world.needRefs["need-1"] ?? "";
    const withNeed = await ensureLedgerAccounts({ db: handle.db, actor: finance, needRef });
    const withNeedAgain = await ensureLedgerAccounts({ db: handle.db, actor: checker, needRef });
    expect(withNeedAgain.needFund).toBe(withNeed.needFund);
    expect(await accountCount(organisationId)).toBe(6);
  });

  it("remembers a union's accounts once committed, never those of a transaction that rolled back", async () => {
    const actor = world.actors.otherFinance;
    const organisationId = actor.membership?.organisationId ?? "";
    const rolledBack = new Error("rolled back on purpose");
    const openedBanks: string[] = [];
    await expect(
      handle.db.transaction(async (tx) => {
        openedBanks.push((await ensureLedgerAccounts({ db: tx, root: handle.db, actor })).bank);
        // Read again in the same transaction: the accounts are there, but not committed.
        await ensureLedgerAccounts({ db: tx, root: handle.db, actor });
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await accountCount(organisationId)).toBe(0);
    const committed = await handle.db.transaction((tx) => ensureLedgerAccounts({ db: tx, root: handle.db, actor }));
    expect(openedBanks).toHaveLength(1);
    expect(committed.bank).not.toBe(openedBanks[0]);
    expect(await accountCount(organisationId)).toBe(5);
    // Read once committed, then remembered: the same ids without reading the table, which a
    // transaction whose search path leads nowhere could not do.
    const read = await handle.db.transaction((tx) => ensureLedgerAccounts({ db: tx, root: handle.db, actor }));
    expect(read).toEqual(committed);
    const remembered = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local search_path to pg_temp`);
      return ensureLedgerAccounts({ db: tx, root: handle.db, actor });
    });
    expect(remembered).toEqual(committed);
  });

  it("opens nothing for a caseworker or an admin (403)", async () => {
    expect((await refusal(ensureLedgerAccounts({ db: handle.db, actor: world.actors.caseworker }))).status).toBe(403);
    expect((await refusal(ensureLedgerAccounts({ db: handle.db, actor: world.actors.admin }))).status).toBe(403);
  });

  it("finds no need of another union's region (404)", async () => {
    const refused = await refusal(ensureLedgerAccounts({ db: handle.db, actor: world.actors.finance, needRef: world.otherNeedRef }));
    expect(refused).toMatchObject({ status: 404, messageKey: "needNotFound" });
  });
});
