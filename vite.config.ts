import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [remix(remixConfig)],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  server: { hmr: { port: 24678 } },
  // The Vite manifest (build/.vite/client-manifest.json, not served) is what scripts/check-js-budget.ts
  // reads to find the translation chunks a page loads.
  build: { target: "es2022", manifest: true },
  // Native server-only packages: the dev dependency scan follows route modules into *.server files
  // and would try to bundle them for the browser (argon2's browser entry needs a WASI package).
  optimizeDeps: { exclude: ["@node-rs/argon2", "@electric-sql/pglite", "pg"] },
});
