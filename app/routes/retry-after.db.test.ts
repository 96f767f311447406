// Every 429 the site sends carries Retry-After, as a browser receives it: through Remix's own
// request handler (the app built in memory by Vite), for a plain form post and for the data
// request a hydrated page sends. A route without a `headers` export loses its action's headers on
// the way, whatever the action set.
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { readFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { userRequest } from "../../tests/accounts";
import { createTestDatabase } from "../../tests/database";
import { createTestLoadContext } from "../../tests/load-context";
import type { LoadedServerBuild } from "../../tests/server-build";
import { loadServerBuild } from "../../tests/server-build";
import { RATE_LIMITS } from "../domain/auth/rate-limit.server";

let handle: DatabaseHandle;
let loaded: LoadedServerBuild;
let build: ServerBuild;
let handleRequest: (request: Request, context: AppLoadContext) => Promise<Response>;

beforeAll(async () => {
  handle = await createTestDatabase();
  loaded = await loadServerBuild();
  build = loaded.build;
  handleRequest = createRequestHandler(build, "production");
}, 120_000);
afterAll(async () => {
  await loaded?.close();
  await handle?.close();
});

/** A no-JavaScript form post (a document request) or the fetch a hydrated page makes (`.data`). */
function formPost(path: string, form: Record<string, string>, as: "document" | "data"): Request {
  const url = new URL(path, "http://localhost:3000");
  if (as === "data") url.pathname = `${url.pathname}.data`;
  const request = userRequest(url.pathname + url.search, { form });
  // Remix compares a post's Origin with the host it was sent to; fetch() will not set Host by hand.
  request.headers.set("X-Forwarded-Host", url.host);
  return request;
}

async function exhaust(context: AppLoadContext, name: keyof typeof RATE_LIMITS, key: string) {
  for (let i = 0; i < RATE_LIMITS[name].points; i++) await context.runtime.rateLimits.consume(name, key);
}

describe("Retry-After on every 429", () => {
  it.each(["document", "data"] as const)("sign-in: after five wrong passwords from one address (%s request)", async (as) => {
    const address = as === "document" ? "10.8.0.1" : "10.8.0.2";
    const context = createTestLoadContext({ database: handle, clientIp: address });
    await exhaust(context, "signInPair", `nobody@test.xiangyun.invalid\n${address}`);
    const response = await handleRequest(formPost("/sign-in?index", { email: "nobody@test.xiangyun.invalid", password: "whatever password" }, as), context);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it.each(["document", "data"] as const)("the application status check (%s request)", async (as) => {
    const context = createTestLoadContext({ database: handle, clientIp: as === "document" ? "10.8.1.1" : "10.8.1.2" });
    await exhaust(context, "publicFormIp", `status:${context.clientIp}`);
    const response = await handleRequest(formPost("/apply/status", { number: "A-2222222", phone: "19900009999" }, as), context);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("the password reset request", async () => {
    const context = createTestLoadContext({ database: handle, clientIp: "10.8.2.1" });
    await exhaust(context, "resetIp", "10.8.2.1");
    const response = await handleRequest(formPost("/forgot-password", { email: "someone@test.xiangyun.invalid" }, "document"), context);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("every route whose module can answer 429 keeps Retry-After in its headers", () => {
    const answering429 = Object.values(build.routes).filter((route) => {
      const file = ["tsx", "ts"].map((ext) => `app/${route.id}.${ext}`).find((path) => existsSync(path));
      return file !== undefined && /status: 429/.test(readFileSync(file, "utf8"));
    });
    expect(answering429.map((route) => route.id)).toEqual(expect.arrayContaining(["routes/sign-in._index", "routes/apply._index", "routes/staff.cases.new", "routes/organisation.members"]));
    // Asked as Remix asks it after a 429, each route's headers function must pass Retry-After on,
    // whether it is keepRetryAfter itself or builds on it (adding Cache-Control, say).
    const answered = new Headers({ "Retry-After": "42" });
    const none = new Headers();
    for (const route of answering429) {
      const headers = route.module.headers;
      const kept = typeof headers === "function" ? new Headers(headers({ parentHeaders: none, loaderHeaders: none, actionHeaders: answered, errorHeaders: undefined })).get("Retry-After") : null;
      expect({ route: route.id, retryAfter: kept }).toEqual({ route: route.id, retryAfter: "42" });
    }
  });
});
