// The caseworker's dashboard at /staff, through its real loader: follow-ups due within a week
// (soonest first), cases by status and tier, needs published over 30 days and unmatched, and the
// latest activity — each within the actor's region only, and with no identity on the page.
import type { AppLoadContext } from "@remix-run/node";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { cases } from "../../db/schema/cases";
import { needs } from "../../db/schema/needs";
import type { TestUser } from "../../tests/accounts";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeCase, fakeDocument, fakeResidentId } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { recordAudit } from "../domain/audit/record-audit.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader } from "./staff._index";

let handle: DatabaseHandle;
let context: AppLoadContext;
const cipher = createTestCipher();
let ids: Record<string, string>;
let refs: Record<string, string>;

const DAY = 24 * 60 * 60 * 1000;
const chinaDay = (offsetDays: number) => new Date(Date.now() + 8 * 60 * 60 * 1000 + offsetDays * DAY).toISOString().slice(0, 10);
const need = (key: string) => ({ key, category: "job" as const, title: `需求 ${key}`, story: "需要一份工作。", skills: [], amount: null, publish: true });

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(9, { organisation: "bc-union", region: "532924", status: "assisting", tier: "severe", needs: [need("bc-old")] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(9, { region: "532924" }) };
  document.cases = [
    // Needs are published for households being assisted; the exited ones are monitored.
    fakeCase(1, { status: "assisting", tier: "general", needs: [need("xy-old"), need("xy-recent")] }),
    fakeCase(2, { status: "exited", tier: "sudden", needs: [] }),
    fakeCase(3, { status: "exited", tier: "severe", needs: [] }),
    binchuan,
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  ids = imported.result.cases;
  refs = imported.result.needs;
  const setFollowUp = (key: string, day: string) => handle.db.update(cases).set({ followUpOn: day }).where(eq(cases.id, ids[key] ?? ""));
  await setFollowUp("case-1", chinaDay(3));
  await setFollowUp("case-2", chinaDay(-2));
  await setFollowUp("case-3", chinaDay(20));
  await setFollowUp("case-9", chinaDay(1));
  const old = new Date(Date.now() - 40 * DAY);
  await handle.db.update(needs).set({ publishedAt: old }).where(inArray(needs.ref, [refs["xy-old"] ?? "", refs["bc-old"] ?? ""]));
  await handle.db.update(needs).set({ publishedAt: new Date(Date.now() - 10 * DAY) }).where(eq(needs.ref, refs["xy-recent"] ?? ""));
  const entry = (region: string, n: number) => ({ actor: null, action: "case.visit" as const, entity: "case", entityId: ids[region === "532923" ? "case-1" : "case-9"] ?? null, regionCode: region, note: `visit ${n}` });
  for (let n = 0; n < 25; n++) await recordAudit(handle.db, entry("532923", n));
  await recordAudit(handle.db, entry("532924", 99));
  await recordAudit(handle.db, { actor: null, action: "auth.sign-in", entity: "user", entityId: null, regionCode: "532923" });
}, 60_000);
afterAll(() => handle.close());

async function dashboardOf(user: TestUser) {
  const data = await loader({ request: userRequest("/staff", { cookie: user.cookie }), context, params: {} });
  return data.dashboard;
}

describe("the staff dashboard", () => {
  it("lists a Xiangyun caseworker's follow-ups due within a week, overdue first, and none from Binchuan", async () => {
    const dashboard = await dashboardOf(await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" }));
    expect(dashboard?.followUps.items.map((f) => [f.id, f.dueOn, f.overdue])).toEqual([
      [ids["case-2"], chinaDay(-2), true],
      [ids["case-1"], chinaDay(3), false],
    ]);
    expect(dashboard?.followUps.total).toBe(2);
  });

  it("counts cases by status and tier within the region", async () => {
    const xiangyun = await dashboardOf(await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" }));
    expect(xiangyun?.cases.total).toBe(3);
    expect(xiangyun?.cases.byStatus).toEqual([
      { status: "registered", count: 0 },
      { status: "verified", count: 0 },
      { status: "assisting", count: 1 },
      { status: "exited", count: 2 },
    ]);
    expect(xiangyun?.cases.byTier).toEqual([
      { tier: "general", count: 1 },
      { tier: "sudden", count: 1 },
      { tier: "severe", count: 1 },
    ]);
    const dali = await dashboardOf(await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" }));
    expect(dali?.cases.total).toBe(4);
    expect(dali?.followUps.items.map((f) => f.id)).toEqual([ids["case-2"], ids["case-9"], ids["case-1"]]);
  });

  it("lists needs published over 30 days ago and still unmatched, in the region only", async () => {
    const xiangyun = await dashboardOf(await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" }));
    expect(xiangyun?.staleNeeds.items.map((n) => [n.ref, n.days])).toEqual([[refs["xy-old"], 40]]);
    const dali = await dashboardOf(await createTestUser(handle.db, { organisation: "dali-union", role: "auditor", totp: true, cipher }));
    expect(new Set(dali?.staleNeeds.items.map((n) => n.ref))).toEqual(new Set([refs["xy-old"], refs["bc-old"]]));
  });

  it("shows the last 20 actions on the region's records, newest first, linked to the record", async () => {
    const xiangyun = await dashboardOf(await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" }));
    expect(xiangyun?.activity).toHaveLength(20);
    expect(xiangyun?.activity.every((a) => a.action === "case.visit" && a.href === `/staff/cases/${ids["case-1"]}`)).toBe(true);
    const times = xiangyun?.activity.map((a) => a.at) ?? [];
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("carries no identity, and no dashboard at all for staff who do not read cases", async () => {
    const caseworker = await createTestUser(handle.db, { organisation: "dali-union", role: "caseworker" });
    const text = JSON.stringify(await loader({ request: userRequest("/staff", { cookie: caseworker.cookie }), context, params: {} }));
    for (const n of [1, 2, 3, 9]) {
      const { name, idNumber, phone, address } = fakeCase(n).head;
      for (const value of [name, idNumber, phone, address]) expect(text).not.toContain(value);
    }
    const finance = await createTestUser(handle.db, { organisation: "xy-union", role: "finance", totp: true, cipher });
    expect(await dashboardOf(finance)).toBeNull();
  });
});
