// The app's server build made in memory by Vite, for tests that send requests through Remix's own
// request handler (headers exports, error mapping) without building to disk or starting a server.
import type { ServerBuild } from "@remix-run/node";
import { createServer } from "vite";

export interface LoadedServerBuild {
  build: ServerBuild;
  close: () => Promise<void>;
}

export async function loadServerBuild(): Promise<LoadedServerBuild> {
  const vite = await createServer({ server: { middlewareMode: true, hmr: false }, appType: "custom", logLevel: "error" });
  const loaded: unknown = await vite.ssrLoadModule("virtual:remix/server-build");
  if (!isServerBuild(loaded)) {
    await vite.close();
    throw new Error("virtual:remix/server-build is not a server build");
  }
  return { build: loaded, close: () => vite.close() };
}

function isServerBuild(value: unknown): value is ServerBuild {
  return typeof value === "object" && value !== null && "routes" in value && "entry" in value;
}
