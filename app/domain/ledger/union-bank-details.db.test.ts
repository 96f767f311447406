// The bank account donors pay into: set and changed by the union's finance staff or admins, each
// union its own; others are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { createTestDatabase } from "../../../tests/database";
import type { FinanceWorld } from "../../../tests/finance-fixture";
import { createFinanceWorld, refusal } from "../../../tests/finance-fixture";
import { readUnionBankDetails, updateUnionBankDetails } from "./union-bank-details.server";

let handle: DatabaseHandle;
let world: FinanceWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createFinanceWorld(handle);
}, 60_000);
afterAll(() => handle?.close());

const details = { accountName: "测试县总工会", bankName: "测试银行测试支行", accountNumber: "6222 0000 0000 0000", contact: "0872-0000000" };

describe("union bank details", () => {
  it("finance staff set them and an admin changes them; each union reads its own", async () => {
    expect(await readUnionBankDetails({ db: handle.db, actor: world.actors.finance })).toBeNull();
    await updateUnionBankDetails({ db: handle.db, actor: world.actors.finance, details });
    await updateUnionBankDetails({ db: handle.db, actor: world.actors.admin, details: { ...details, contact: "0872-1111111" } });
    expect(await readUnionBankDetails({ db: handle.db, actor: world.actors.checker })).toEqual({ ...details, contact: "0872-1111111" });
    expect(await readUnionBankDetails({ db: handle.db, actor: world.actors.otherFinance })).toBeNull();
  });

  it("refuses a caseworker (403) and an empty field (400)", async () => {
    expect((await refusal(updateUnionBankDetails({ db: handle.db, actor: world.actors.caseworker, details }))).status).toBe(403);
    expect((await refusal(readUnionBankDetails({ db: handle.db, actor: world.actors.caseworker }))).status).toBe(403);
    expect((await refusal(updateUnionBankDetails({ db: handle.db, actor: world.actors.finance, details: { ...details, accountNumber: " " } }))).status).toBe(400);
  });
});
