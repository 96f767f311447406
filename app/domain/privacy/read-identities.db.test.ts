// readIdentities with an async `use`: the reader works across awaits until `use` settles, and not
// after; the record is written once `use` has finished, and not when it fails.
import { eq } from "drizzle-orm";
import { setTimeout } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { createTestActor } from "../../../tests/actors";
import { createTestDatabase } from "../../../tests/database";
import { fakeDocument } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { importTestDocument } from "../../../tests/import-test-document";
import type { Actor } from "../auth/actor";
import type { IdentityReadAudit, ReadIdentity } from "./read-identities.server";
import { readIdentities } from "./read-identities.server";

let handle: DatabaseHandle;
let actor: Actor;
const cipher = createTestCipher();
const record = { name: cipher.encrypt("name", "测试甲") };

beforeAll(async () => {
  handle = await createTestDatabase();
  await importTestDocument(handle.db, cipher, fakeDocument({ cases: 0, offers: 0 }));
  actor = await createTestActor(handle.db, "xy-union", "caseworker");
}, 60_000);
afterAll(() => handle.close());

const records = async () => handle.db.select({ summary: auditLog.summary }).from(auditLog).where(eq(auditLog.action, "identity.reveal"));
const audit = (count: number): IdentityReadAudit => ({ actor, action: "identity.reveal", entity: "case", after: { count } });

describe("reading identities in an async use", () => {
  it("reads across awaits, records the result, and refuses a read once use has settled", async () => {
    let kept: ReadIdentity<"name"> | undefined;
    const names = await readIdentities(handle.db, {
      cipher,
      fields: ["name"] as const,
      use: async (read) => {
        kept = read;
        const first = read(record, "name");
        await setTimeout(10);
        return [first, read(record, "name")];
      },
      audit: (read) => audit(read.length),
    });
    expect(names).toEqual(["测试甲", "测试甲"]);
    expect(await records()).toEqual([{ summary: { after: { count: 2 } } }]);
    expect(() => kept?.(record, "name")).toThrow("read outside readIdentities");
  });

  it("records nothing, and refuses later reads, when use fails", async () => {
    const before = await records();
    let kept: ReadIdentity<"name"> | undefined;
    const failing = readIdentities(handle.db, {
      cipher,
      fields: ["name"] as const,
      use: async (read): Promise<number> => {
        kept = read;
        read(record, "name");
        await setTimeout(10);
        throw new Error("the sheet could not be written");
      },
      audit,
    });
    await expect(failing).rejects.toThrow("the sheet could not be written");
    expect(await records()).toEqual(before);
    expect(() => kept?.(record, "name")).toThrow("read outside readIdentities");
  });
});
