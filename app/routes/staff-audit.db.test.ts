// The audit log page and its CSV export: each reader sees the rows of their scope and nothing
// else, the filters narrow both alike, and the table itself refuses to change what it holds.
import type { AppLoadContext } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog } from "../../db/schema/audit";
import { organisations } from "../../db/schema/organisations";
import { createTestUser, userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { fakeDocument } from "../../tests/factories";
import { createTestCipher } from "../../tests/identity";
import { createTestLoadContext } from "../../tests/load-context";
import { payloadOf, settle, statusOf } from "../../tests/route-results";
import { recordAudit } from "../domain/audit/record-audit.server";
import { parseImportDocument } from "../domain/import/import-document";
import { importDocument } from "../domain/import/import-document.server";
import { loader as csvLoader } from "./staff.audit[.]csv";
import { loader as pageLoader } from "./staff.audit";

let handle: DatabaseHandle;
const cipher = createTestCipher();
const orgId: Record<string, string> = {};
const cookies: Record<"auditor" | "admin" | "caseworker" | "platform" | "kmAuditor", string> = { auditor: "", admin: "", caseworker: "", platform: "", kmAuditor: "" };

// Marker rows, told apart by entity id.
const XY_NEED = "N-XY0001";
const XY_UNION_ONLY = "xy-union-row";
const XY_FORMULA = "xy-formula";
const KM_NEED = "N-KM0001";
const DALI_ROW = "dali-row";
const NO_REGION = "no-region";
const DATED = "dated-row";

beforeAll(async () => {
  handle = await createTestDatabase();
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "km-union", kind: "union", name: "昆明市总工会", region: "5301" });
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  for (const row of await handle.db.select({ id: organisations.id, key: organisations.importKey }).from(organisations)) if (row.key) orgId[row.key] = row.id;

  const caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker", email: "caseworker.xy@test.xiangyun.invalid" });
  cookies.caseworker = caseworker.cookie;
  cookies.auditor = (await createTestUser(handle.db, { organisation: "xy-union", role: "auditor" })).cookie;
  cookies.admin = (await createTestUser(handle.db, { organisation: "xy-union", role: "admin", totp: true, cipher })).cookie;
  cookies.platform = (await createTestUser(handle.db, { platformAdmin: true, totp: true, cipher })).cookie;
  cookies.kmAuditor = (await createTestUser(handle.db, { organisation: "km-union", role: "auditor" })).cookie;

  const xy = { organisationId: orgId["xy-union"], regionCode: "532923", ip: "192.0.2.10" };
  const actor = { userId: caseworker.id, email: "caseworker.xy@test.xiangyun.invalid" };
  await recordAudit(handle.db, { ...xy, actor, action: "need.publish", entity: "need", entityId: XY_NEED, before: { status: "draft" }, after: { status: "published" } });
  await recordAudit(handle.db, { ...xy, regionCode: null, actor, action: "membership.invite", entity: "invitation", entityId: XY_UNION_ONLY, after: { role: "finance" } });
  await recordAudit(handle.db, { ...xy, actor: { userId: caseworker.id, email: "-spreadsheet@test.xiangyun.invalid" }, action: "case.status", entity: "case", entityId: XY_FORMULA, note: '=HYPERLINK("http://example.invalid")' });
  await recordAudit(handle.db, { actor: null, organisationId: orgId["km-union"], regionCode: "530102", action: "need.publish", entity: "need", entityId: KM_NEED });
  await recordAudit(handle.db, { actor: null, organisationId: orgId["dali-union"], regionCode: "5329", action: "organisation.verify", entity: "organisation", entityId: DALI_ROW });
  await recordAudit(handle.db, { actor: null, action: "auth.sign-in-failed", entity: "user", entityId: NO_REGION, note: "unknown email" });
  // 2025-01-15 16:30 UTC is 2025-01-16 00:30 in China: the day filters count China's days.
  await handle.db.insert(auditLog).values({ occurredAt: new Date("2025-01-15T16:30:00Z"), action: "case.view", entity: "case", entityId: DATED, regionCode: "532923", organisationId: orgId["xy-union"] });
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

function contextFor(): AppLoadContext {
  return createTestLoadContext({ database: handle, cipher });
}

async function page(cookie: string, query = "") {
  const result = await settle(pageLoader({ request: userRequest(`/staff/audit${query}`, { cookie }), context: contextFor(), params: {} }));
  return { status: statusOf(result), data: payloadOf(result) };
}

function entityIds(data: unknown): string[] {
  if (typeof data !== "object" || data === null || !("entries" in data) || !Array.isArray(data.entries)) throw new Error("no entries");
  return data.entries.map((entry: { entityId: string | null }) => entry.entityId ?? "");
}

async function csv(cookie: string, query = "") {
  const result = await settle(csvLoader({ request: userRequest(`/staff/audit.csv${query}`, { cookie }), context: contextFor(), params: {} }));
  if (!(result instanceof Response)) throw new Error("expected a Response");
  return result;
}

/** Parses the small CSV files of these tests (quoted cells, doubled quotes, CRLF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe("who reads which rows", () => {
  it("shows a Xiangyun auditor the rows of Xiangyun and of their union, not Kunming's, Dali's or unplaced ones", async () => {
    const { status, data } = await page(cookies.auditor);
    expect(status).toBe(200);
    const ids = entityIds(data);
    expect(ids).toEqual(expect.arrayContaining([XY_NEED, XY_UNION_ONLY, XY_FORMULA, DATED]));
    expect(ids).not.toContain(KM_NEED);
    expect(ids).not.toContain(DALI_ROW);
    expect(ids).not.toContain(NO_REGION);
    expect(JSON.stringify(data)).not.toContain("530102");
  });

  it("shows a Kunming auditor Kunming's rows only", async () => {
    const ids = entityIds((await page(cookies.kmAuditor)).data);
    expect(ids).toContain(KM_NEED);
    expect(ids).not.toContain(XY_NEED);
  });

  it("lets a union admin read their region too", async () => {
    expect(entityIds((await page(cookies.admin)).data)).toContain(XY_NEED);
  });

  it("refuses a caseworker: 403 on the page and on the export", async () => {
    expect((await page(cookies.caseworker)).status).toBe(403);
    expect((await csv(cookies.caseworker)).status).toBe(403);
  });

  it("sends an anonymous visitor to sign in", async () => {
    const result = await settle(pageLoader({ request: userRequest("/staff/audit"), context: contextFor(), params: {} }));
    expect(statusOf(result)).toBe(302);
  });

  it("shows a platform admin every row", async () => {
    expect(entityIds((await page(cookies.platform)).data)).toEqual(expect.arrayContaining([XY_NEED, XY_UNION_ONLY, KM_NEED, DALI_ROW, NO_REGION, DATED]));
  });

  it("lists in the action filter only the actions of the reader's scope", async () => {
    const { data } = await page(cookies.kmAuditor);
    expect(data).toHaveProperty("actions", expect.arrayContaining(["need.publish"]));
    expect(data).not.toHaveProperty("actions", expect.arrayContaining(["case.status"]));
  });
});

describe("filters", () => {
  it("narrows by action, actor email (any case, part of it), entity and entity id", async () => {
    expect(entityIds((await page(cookies.auditor, "?action=need.publish")).data)).toEqual([XY_NEED]);
    expect(entityIds((await page(cookies.auditor, "?actor=CASEWORKER.XY")).data)).toEqual([XY_UNION_ONLY, XY_NEED]);
    expect(entityIds((await page(cookies.auditor, "?entity=case")).data)).toEqual([XY_FORMULA, DATED]);
    expect(entityIds((await page(cookies.auditor, `?entity=invitation&entityId=${XY_UNION_ONLY}`)).data)).toEqual([XY_UNION_ONLY]);
  });

  it("narrows by China's calendar days, both ends included", async () => {
    expect(entityIds((await page(cookies.auditor, "?from=2025-01-16&to=2025-01-16")).data)).toEqual([DATED]);
    expect(entityIds((await page(cookies.auditor, "?to=2025-01-15")).data)).toEqual([]);
    expect(entityIds((await page(cookies.auditor, "?from=2025-01-17")).data)).not.toContain(DATED);
  });

  it("ignores values it cannot read instead of failing", async () => {
    const { status, data } = await page(cookies.auditor, "?from=2025-13-45&page=abc&entity=");
    expect(status).toBe(200);
    expect(data).toMatchObject({ page: 1, filters: { page: 1 } });
    expect(entityIds(data)).toContain(XY_NEED);
  });
});

describe("CSV export", () => {
  it("starts with a byte-order mark and a header, and holds the page's rows in the page's order", async () => {
    const response = await csv(cookies.auditor, "?entity=need");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="xiangyun-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1));
    expect(rows[0]).toEqual(["time_asia_shanghai", "actor_email", "action", "entity", "entity_id", "region_code", "region_name", "ip", "summary"]);
    expect(rows.slice(1).map((row) => row[4])).toEqual(entityIds((await page(cookies.auditor, "?entity=need")).data));
    expect(rows[1]).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), "caseworker.xy@test.xiangyun.invalid", "need.publish", "need", XY_NEED, "532923", "祥云县", "192.0.2.10", "status: draft → published"]);
  });

  it("keeps the reader's scope: a Kunming auditor's file has no Xiangyun row", async () => {
    const text = await (await csv(cookies.kmAuditor)).text();
    expect(text).toContain(KM_NEED);
    expect(text).not.toContain(XY_NEED);
  });

  it("puts an apostrophe before cells a spreadsheet would run as formulas", async () => {
    const rows = parseCsv((await (await csv(cookies.auditor, `?entityId=${XY_FORMULA}`)).text()).replace(/^\uFEFF/, ""));
    expect(rows[1]?.[1]).toBe("'-spreadsheet@test.xiangyun.invalid");
    expect(rows[1]?.[8]).toBe(`'=HYPERLINK("http://example.invalid")`);
  });

  it("records who exported the log", async () => {
    await csv(cookies.platform, "?action=need.publish");
    const exports = await handle.db.select().from(auditLog).where(eq(auditLog.action, "audit.export"));
    expect(exports.some((row) => JSON.stringify(row.summary) === JSON.stringify({ after: { filters: { action: "need.publish" } } }))).toBe(true);
  });
});

/** The database's own message for a refused statement (drizzle wraps it as the error's cause). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
    return "allowed";
  } catch (error) {
    if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
    return error instanceof Error ? error.message : String(error);
  }
}

describe("the table is append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const [row] = await handle.db.select({ id: auditLog.id }).from(auditLog).limit(1);
    if (!row) throw new Error("no audit row");
    expect(await refusal(handle.db.update(auditLog).set({ action: "tampered" }).where(eq(auditLog.id, row.id)))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(handle.db.delete(auditLog).where(eq(auditLog.id, row.id)))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(handle.db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE refused/);
    expect(await handle.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.id, row.id))).toHaveLength(1);
  });
});
