// A DomainError thrown below a route reaches the browser as its status and its words, through
// Remix's own request handler (the app built in memory by Vite, wrapped as server/main.ts wraps
// it): a stale status form is a 409 page that says what changed, not a 500 "error logged".
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.server";
import { createTestUser, userRequest } from "../tests/accounts";
import { createTestDatabase } from "../tests/database";
import { fakeCase, fakeDocument } from "../tests/factories";
import { createTestCipher } from "../tests/identity";
import { createTestLoadContext } from "../tests/load-context";
import type { LoadedServerBuild } from "../tests/server-build";
import { loadServerBuild } from "../tests/server-build";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { withDomainErrorPages } from "./domain-error-pages.server";

let handle: DatabaseHandle;
let loaded: LoadedServerBuild;
let build: ServerBuild;
let context: AppLoadContext;
let caseId: string;
const cipher = createTestCipher();

beforeAll(async () => {
  handle = await createTestDatabase();
  context = createTestLoadContext({ database: handle, cipher });
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.cases = [fakeCase(1)];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  caseId = imported.result.cases["case-1"] ?? "";
  loaded = await loadServerBuild();
  build = loaded.build;
}, 120_000);
afterAll(async () => {
  await loaded?.close();
  await handle?.close();
});

async function staleStatusPost(target: ServerBuild): Promise<Response> {
  const caseworker = await createTestUser(handle.db, { organisation: "xy-union", role: "caseworker" });
  // Drawn for "registered", but the household is being assisted: someone moved it meanwhile.
  const request = userRequest(`/staff/cases/${caseId}`, { cookie: caseworker.cookie, form: { intent: "status", from: "registered", to: "verified" } });
  request.headers.set("X-Forwarded-Host", "localhost:3000");
  request.headers.set("Accept-Language", "en");
  return createRequestHandler(target, "production")(request, context);
}

describe("a domain error on a page", () => {
  it("answers a stale form with 409 and says the household changed (in the page's language)", async () => {
    const response = await staleStatusPost(withDomainErrorPages(build));
    const page = (await response.text()).replace(/<!-- -->/g, "");
    expect(response.status).toBe(409);
    expect(page).toContain("This household changed meanwhile");
    expect(page).toContain("This household&#x27;s status changed meanwhile");
    expect(page).not.toContain("The error has been logged");
  });

  it("would be a 500 without the mapping (the reason server/main.ts wraps the build)", async () => {
    const response = await staleStatusPost(build);
    expect(response.status).toBe(500);
  });
});
