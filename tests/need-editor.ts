// A world for the need editor's tests: Xiangyun households in each state that matters for
// publishing (verified with consent, verified without, only registered) and one in Binchuan, the
// county next door; and the editor's routes called as a browser would, through real Requests.
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { action as editAction, loader as editLoader } from "../app/routes/staff.needs.$ref_.edit";
import { action as newAction, loader as newLoader } from "../app/routes/staff.cases.$id_.needs.new";
import type { DatabaseHandle } from "../db/client.server";
import { auditLog } from "../db/schema/audit";
import { needs } from "../db/schema/needs";
import { searchOutbox } from "../db/schema/search-outbox";
import type { TestUser } from "./accounts";
import { userRequest } from "./accounts";
import { fakeCase, fakeDocument, fakeResidentId } from "./factories";
import { createTestLoadContext } from "./load-context";
import { settle } from "./route-results";
import type { createTestCipher } from "./identity";

export type EditorCaseKey = "ready" | "no-consent" | "unverified" | "binchuan";

/** Imports the households: case-1 ready to publish, case-2 without consent, case-3 not verified, case-4 in Binchuan. */
export async function seedEditorWorld(handle: DatabaseHandle, cipher: ReturnType<typeof createTestCipher>) {
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const binchuan = fakeCase(4, { organisation: "bc-union", region: "532924", status: "verified", needs: [] });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(4, { region: "532924" }) };
  document.cases = [
    fakeCase(1, { status: "verified", tier: "severe", needs: [] }),
    fakeCase(2, { status: "verified", consent: false, needs: [] }),
    fakeCase(3, { status: "registered", needs: [] }),
    binchuan,
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const id = (key: string) => imported.result.cases[key] ?? "";
  const caseIds: Record<EditorCaseKey, string> = { ready: id("case-1"), "no-consent": id("case-2"), unverified: id("case-3"), binchuan: id("case-4") };
  /** The identity values of each case head, to look for where they must not be. */
  const heads = { ready: fakeCase(1).head, binchuan: binchuan.head };
  return { caseIds, heads };
}

export function editorContext(handle: DatabaseHandle, cipher: ReturnType<typeof createTestCipher>) {
  const kicks = { count: 0 };
  const context: AppLoadContext = createTestLoadContext({ database: handle, cipher });
  context.runtime.kickSearch = () => {
    kicks.count++;
  };
  return { context, kicks };
}

export const needForm = (overrides: Record<string, string> = {}) => ({
  category: "job",
  title: "需要一份不久站的电工工作",
  story: "有多年水电安装经验，腿部受伤后需要一份不需要久站的工作。",
  skills: "电工、水电工",
  targetAmount: "",
  intent: "save",
  ...overrides,
});

export function editorRoutes(context: AppLoadContext) {
  return {
    openNew: (user: TestUser, caseId: string) => settle(newLoader({ request: userRequest(`/staff/cases/${caseId}/needs/new`, { cookie: user.cookie }), context, params: { id: caseId } })),
    postNew: (user: TestUser, caseId: string, form: Record<string, string>) =>
      settle(newAction({ request: userRequest(`/staff/cases/${caseId}/needs/new`, { cookie: user.cookie, form }), context, params: { id: caseId } })),
    openEdit: (user: TestUser, ref: string) => settle(editLoader({ request: userRequest(`/staff/needs/${ref}/edit`, { cookie: user.cookie }), context, params: { ref } })),
    postEdit: (user: TestUser, ref: string, form: Record<string, string>) => settle(editAction({ request: userRequest(`/staff/needs/${ref}/edit`, { cookie: user.cookie, form }), context, params: { ref } })),
  };
}

/** The reference a successful create redirected to (`/staff/needs/N-…/edit?done=created`). */
export function createdRef(result: unknown): string {
  const location = result instanceof Response ? result.headers.get("Location") : null;
  const ref = /^\/staff\/needs\/(N-[A-Z0-9]+)\/edit\?done=created$/.exec(location ?? "")?.[1];
  if (!ref) throw new Error(`not a created redirect: ${location ?? String(result)}`);
  return ref;
}

const blockedSchema = z.object({
  blocked: z.object({
    intent: z.enum(["save", "publish"]),
    spans: z.array(z.object({ field: z.string(), kind: z.string(), start: z.number(), end: z.number() })),
    texts: z.record(z.string(), z.string()),
  }),
  reply: z.object({ error: z.record(z.string(), z.array(z.string()).nullable()).optional() }),
});

/** The PII guard's answer in a 400, checked for shape. */
export function blockedOf(payload: unknown) {
  return blockedSchema.parse(payload);
}

export async function needRow(handle: DatabaseHandle, ref: string) {
  const [row] = await handle.db.select().from(needs).where(eq(needs.ref, ref));
  if (!row) throw new Error(`no need ${ref}`);
  return row;
}

export async function auditRows(handle: DatabaseHandle, action: string, entityId: string) {
  return handle.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
}

export async function outboxRows(handle: DatabaseHandle, ref: string) {
  return handle.db.select().from(searchOutbox).where(eq(searchOutbox.ref, ref));
}
