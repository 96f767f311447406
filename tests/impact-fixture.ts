// A small site for the public impact figures, with counts worked out by hand (names are fake):
//   Yunnan 53 — Dali 5329: Xiangyun 532923 6 households (general; 5 helped: need fulfilled and a
//               fulfilled match with an employer), Binchuan 532924 2 (severe);
//             — Kunming 5301: 530102 3 households (general, cause illness): the small region.
//   Guangdong 44 — Guangzhou 4401: 440103 7 households (5 general, 2 sudden; 6 helped: need fulfilled).
// Every household has one published job need. Money: Xiangyun's union received ¥1,000 of
// donations, Kunming's ¥300 from the government.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import type { Database } from "../db/client.server";
import { fakeCase, fakeDocument, fakeResidentId } from "./factories";
import { createTestCipher } from "./identity";
import { openTestBooks, postRaw, rowsOf } from "./ledger-fixture";

type Case = ReturnType<typeof fakeCase>;

const household = (n: number, organisation: string, region: string, overrides: Partial<Case> = {}): Case => {
  const c = fakeCase(n, { ...overrides, key: `impact-${n}`, organisation, region });
  return { ...c, head: { ...c.head, idNumber: fakeResidentId(n, { region }) } };
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export async function seedImpactSite(db: Database): Promise<void> {
  const document = fakeDocument({ cases: 0, offers: 1 });
  document.organisations?.push(
    { key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" },
    { key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" },
    { key: "gz-union", kind: "union", name: "广州市总工会", region: "4401" },
  );
  document.cases = [
    ...range(1, 6).map((n) => household(n, "xy-union", "532923")),
    ...range(11, 12).map((n) => household(n, "bc-union", "532924", { tier: "severe" })),
    ...range(21, 23).map((n) => household(n, "km-union", "530102", { causes: ["illness"] })),
    ...range(31, 35).map((n) => household(n, "gz-union", "440103")),
    ...range(36, 37).map((n) => household(n, "gz-union", "440103", { tier: "sudden" })),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const needRef = (n: number) => imported.result.needs[`need-${n}`] ?? "";
  const offerRef = imported.result.offers["offer-1"] ?? "";
  const helped = [...range(1, 5), ...range(31, 36)].map(needRef);
  await db.execute(sql`update needs set status = 'fulfilled' where ref in ${helped}`);
  for (const n of range(1, 5)) {
    await db.execute(sql`insert into matches (ref, need_id, offer_id, origin, status, outcome_note)
      values (${`M-IMP${n}`}, (select id from needs where ref = ${needRef(n)}), (select id from offers where ref = ${offerRef}), 'proposed', 'fulfilled', '已上岗')`);
  }
  const xiangyun = await openTestBooks(db);
  const kunming = await openTestBooks(db);
  await db.execute(sql`update organisations set region_code = '5301' where id = ${kunming.organisationId}`);
  await postRaw(db, { organisationId: xiangyun.organisationId, kind: "receipt", key: "impact-1", source: "donations", method: "bank-transfer" }, [
    [xiangyun.bank, "1000.00"],
    [xiangyun.general.donations, "-1000.00"],
  ]);
  await postRaw(db, { organisationId: kunming.organisationId, kind: "receipt", key: "impact-2", source: "government", method: "bank-transfer" }, [
    [kunming.bank, "300.00"],
    [kunming.general.government, "-300.00"],
  ]);
  const [check] = await rowsOf(db, z.object({ n: z.number() }), sql`select count(*)::int as n from cases`);
  if (check?.n !== 18) throw new Error(`impact fixture: ${check?.n} households`);
}
