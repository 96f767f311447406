// Many donors at once, each sending their form up to three times — a double click racing the first
// answer, a retry after it, or both: one pledge per form key, each with one tracking code. On a
// PostgreSQL server the submissions share a pool of their own, so retries race on separate
// connections; PGlite runs one statement at a time and interleaves them.
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../../db/client.server";
import { pledges } from "../../../db/schema/ledger";
import { organisations } from "../../../db/schema/organisations";
import { createTestDatabase, openConcurrentDatabase } from "../../../tests/database";
import { fakeDocument } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { rowsOf } from "../../../tests/ledger-fixture";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { moneyFromDb, moneyToString } from "../money/money";
import type { CreatedPledge } from "./create-pledge.server";
import { createPledge } from "./create-pledge.server";
import type { PledgeInput, PledgeTarget } from "./pledge-form";
import { hashTrackingCode, newPledgeKey } from "./tracking-code.server";

const DONORS = 1_000;

let handle: DatabaseHandle;
let targets: PledgeTarget[];

beforeAll(async () => {
  handle = await createTestDatabase();
  const parsed = parseImportDocument(fakeDocument({ cases: 2, offers: 0 }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const [union] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "祥云县总工会"));
  if (!union) throw new Error("no union");
  const needRefs = Object.values(imported.result.needs);
  targets = [...needRefs.map((needRef): PledgeTarget => ({ kind: "need", needRef })), { kind: "union", organisationId: union.id }];
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

/** Each submission its own connection where the driver has them (as requests of a web server would). */
const concurrentDatabase = () => openConcurrentDatabase(handle, 20);

async function countPledges() {
  const [row] = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from pledges`);
  return row?.n ?? -1;
}

/**
 * Donor i sends 1 + i % 3 times. With two sends the retry races the first answer for every other
 * donor and follows it for the rest; with three, one retry races and one follows.
 */
function plan(i: number): { racing: number; after: number } {
  const sends = 1 + (i % 3);
  if (sends === 1) return { racing: 0, after: 0 };
  if (sends === 2) return Math.floor(i / 3) % 2 === 0 ? { racing: 1, after: 0 } : { racing: 0, after: 1 };
  return { racing: 1, after: 1 };
}

describe("createPledge under load", () => {
  it(`makes exactly ${DONORS.toLocaleString("en")} pledges, one tracking code each, of ${DONORS.toLocaleString("en")} donors sending their forms up to three times at once`, async () => {
    const before = await countPledges();
    const wide = await concurrentDatabase();
    const give = (input: PledgeInput) => createPledge({ db: wide.db, input, expiryDays: 30 });
    const donors = Array.from({ length: DONORS }, (_, i) => {
      const target = targets[i % targets.length];
      if (!target) throw new Error("no target");
      const input: PledgeInput = { key: newPledgeKey(), target, amount: `${10 + (i % 90)}.50`, displayName: i % 4 === 0 ? null : `测试捐赠人${i}`, contact: null, message: null };
      return { input, ...plan(i) };
    });
    let answers: CreatedPledge[][];
    try {
      answers = await Promise.all(
        donors.map(async ({ input, racing, after }) => {
          const sent = await Promise.all(Array.from({ length: 1 + racing }, () => give(input)));
          for (let n = 0; n < after; n++) sent.push(await give(input));
          return sent;
        }),
      );
    } finally {
      await wide.close();
    }

    expect(answers.flat()).toHaveLength(DONORS + donors.reduce((sum, d) => sum + d.racing + d.after, 0));
    expect(await countPledges()).toBe(before + DONORS);
    // Every submission of one form answers the same pledge and code, and exactly one made it.
    const firsts = answers.map((sent) => {
      const [first] = sent;
      if (!first) throw new Error("no answer");
      expect(new Set(sent.map((a) => `${a.ref} ${a.trackingCode}`)).size).toBe(1);
      expect(sent.filter((a) => !a.replayed)).toHaveLength(1);
      return first;
    });
    expect(new Set(firsts.map((a) => a.ref)).size).toBe(DONORS);
    expect(new Set(firsts.map((a) => a.trackingCode)).size).toBe(DONORS);
    // The stored rows: one per donor, with the hash of the code that donor was shown and their amount.
    const rows = await handle.db
      .select({ ref: pledges.ref, trackingCodeHash: pledges.trackingCodeHash, amount: pledges.amount })
      .from(pledges)
      .where(
        inArray(
          pledges.ref,
          firsts.map((a) => a.ref),
        ),
      );
    const stored = new Map(rows.map((r) => [r.ref, r]));
    expect(stored.size).toBe(DONORS);
    firsts.forEach((answer, i) => {
      const row = stored.get(answer.ref);
      expect(row?.trackingCodeHash).toBe(hashTrackingCode(answer.trackingCode));
      expect(row && moneyToString(moneyFromDb(row.amount))).toBe(moneyToString(moneyFromDb(donors[i]?.input.amount ?? "")));
    });
  }, 60_000);
});
