// The client's address is the socket's unless TRUST_PROXY names the proxy in front: a server started
// with the default configuration ignores X-Forwarded-For, so a client cannot pick a fresh address
// for each attempt and escape a per-address limit. (The shared test server is started with
// TRUST_PROXY=loopback, so this file starts its own, as `npm start` would.)
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../app/domain/auth/rate-limit.server";
import { migratedDataDir } from "./data-dir";
import { waitForPort } from "./global-setup";
import { SERVER_BUNDLE } from "../../scripts/build-if-stale.mjs";
import { postForm } from "./http-session";

const root = new URL("../..", import.meta.url).pathname;
const dataDir = migratedDataDir("xiangyun-proxy-");
let server: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
  const { TRUST_PROXY: _unset, DATABASE_URL: _db, MEILI_URL: _meili, MEILI_MASTER_KEY: _key, ...inherited } = process.env;
  server = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: root,
    env: { ...inherited, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, NODE_ENV: "production", SEED_DEMO: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  baseUrl = `http://127.0.0.1:${await waitForPort(server)}`;
}, 120_000);

afterAll(async () => {
  server?.kill("SIGTERM");
  if (server && server.exitCode === null) await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the client address without a proxy", () => {
  it("ignores X-Forwarded-For: a new forged address per attempt still meets the per-address limit", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= RATE_LIMITS.publicFormIp.points; attempt++) {
      const response = await postForm(baseUrl, "/apply/status", { number: "A-2345678", phone: "13900001111" }, undefined, `203.0.113.${attempt + 1}`);
      statuses.push(response.status);
    }
    // Each check of an unknown number is a 404 until the address has used its attempts.
    expect(statuses.slice(0, -1).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
