// Builds the app if it is missing or older than its sources (as `npm start` does; CI has built it
// already for the JavaScript budget) and starts it on a free port with its own DATA_DIR (seeded with the demo
// data set), as a person would run it; every browser test file talks to that server. Starts one
// Chromium too, which every file connects to (tests/e2e/browser.ts), and migrates one PGlite
// database whose copies give the run's servers their DATA_DIR (tests/e2e/data-dir.ts).
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client.server";
import { migrateDatabase } from "../../db/migrate.server";
import { SERVER_BUNDLE } from "../../scripts/build-if-stale.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser";
import { ensureBuild } from "./build-setup";
import { copyDataDir } from "./data-dir";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The run's Chromium, for `chromium.connect`. */
    browserWsEndpoint: string;
    /** A DATA_DIR holding only a migrated PGlite database, to be copied, never used itself. */
    migratedDataDir: string;
  }
}

const root = new URL("../..", import.meta.url).pathname;

export default async function setup(project: TestProject) {
  ensureBuild();
  const cleanups: (() => unknown)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    // A server's first start on an empty DATA_DIR made and migrated its database: about 6 s of CPU
    // for each server the run starts.
    const migrated = mkdtempSync(join(tmpdir(), "xiangyun-e2e-migrated-"));
    cleanups.push(() => rmSync(migrated, { recursive: true, force: true }));
    const handle = await openDatabase({ driver: "pglite", dataDir: join(migrated, "pglite") });
    await migrateDatabase(handle).finally(() => handle.close());
    project.provide("migratedDataDir", migrated);

    // One browser for the files, which connect to it: a launch cost about 1.4 s of CPU per file.
    const browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    project.provide("browserWsEndpoint", browser.wsEndpoint());

    const dataDir = copyDataDir(migrated, "xiangyun-e2e-");
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // TRUST_PROXY=loopback: the tests stand in for a proxy on this machine, and each simulated visitor
    // brings its own client address in X-Forwarded-For (http-session.ts), as per-address limits need.
    const server = await startAppServer({ ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", SEED_DEMO: "true", TRUST_PROXY: "loopback" });
    cleanups.push(() => server.stop());
    project.provide("baseUrl", server.baseUrl);
  } catch (error) {
    // A half-done setup is undone: a browser or server left running would keep Vitest from exiting.
    await teardown();
    throw error;
  }
  return teardown;
}

export interface AppServer {
  baseUrl: string;
  /** SIGTERM, resolved once the process has exited (its DATA_DIR lock released). */
  stop(): Promise<void>;
}

/**
 * The built app (server/main.ts, bundled into build/main.js) on a free port of 127.0.0.1 with `env` (DATA_DIR, SEED_DEMO, …), for
 * the test server and for tests that need a server of their own (a DATA_DIR they change between runs).
 */
export async function startAppServer(env: NodeJS.ProcessEnv): Promise<AppServer> {
  // LOG_LEVEL info: waitForPort reads the "is listening" line.
  const server = spawn(process.execPath, [SERVER_BUNDLE], { cwd: root, env: { ...env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
    await exited;
  };
  try {
    const port = await waitForPort(server);
    return { baseUrl: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The port from the server's "listening" log line; its stderr is kept for the error message. */
export function waitForPort(server: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${output.slice(-4000)}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split("\n")) {
        if (!line.includes("is listening")) continue;
        try {
          const parsed: unknown = JSON.parse(line);
          if (parsed && typeof parsed === "object" && "port" in parsed && typeof parsed.port === "number") {
            clearTimeout(timer);
            server.stdout?.off("data", onData);
            resolve(parsed.port);
            return;
          }
        } catch {
          // A partial line: wait for the rest.
        }
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}
