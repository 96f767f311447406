// The app's production server build (build/server/index.js, as `npm start` serves it), for tests
// that send requests through Remix's own request handler (headers exports, error mapping) without
// starting a server. It is built first if it is missing or older than its sources, as `npm start`
// does; `npm test` and CI have built it already. Each file gets an instance of its own, as a fresh
// server would: the app's modules keep no state from one test file to the next.
//
// A Vite server loading the app from its sources instead took 7–10 s of CPU per file, about twice
// a full build's worth over the files that use it on both databases.
import type { ServerBuild } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildState } from "../scripts/build-if-stale.mjs";
import { ensureBuild } from "./e2e/build-setup";

const root = new URL("..", import.meta.url).pathname;
/** Held while one test process builds; the others wait, then find the build fresh. */
const LOCK = join(root, "node_modules/.cache/xiangyun-test-build.lock");
/** A lock older than a build could take was left by a process that died: taken over. */
const LOCK_STALE_MS = 10 * 60_000;

export interface LoadedServerBuild {
  build: ServerBuild;
  close: () => Promise<void>;
}

export async function loadServerBuild(): Promise<LoadedServerBuild> {
  if (buildState(root).kind !== "fresh") await buildOnce();
  const url = pathToFileURL(join(root, "build/server/index.js"));
  url.search = `instance=${randomUUID()}`;
  const loaded: unknown = await import(/* @vite-ignore */ url.href);
  if (!isServerBuild(loaded)) throw new Error("build/server/index.js is not a server build");
  return { build: loaded, close: async () => undefined };
}

async function buildOnce(): Promise<void> {
  mkdirSync(join(LOCK, ".."), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    ensureBuild();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function isServerBuild(value: unknown): value is ServerBuild {
  return typeof value === "object" && value !== null && "routes" in value && "entry" in value;
}
