import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [remix(remixConfig)],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  server: { hmr: { port: 24678 } },
  // The Vite manifest (build/.vite/client-manifest.json, not served) is what scripts/check-js-budget.ts
  // reads to find the translation chunks a page loads.
  // The browser's code is minified by terser (two compress passes): every page's JavaScript is
  // ≈ 4 kB (gzip) smaller than with esbuild's minifier, most of it in the React DOM and router chunk
  // (docs/benchmarks.md). The server build is not minified.
  build: { target: "es2022", manifest: true, minify: isSsrBuild ? false : "terser", terserOptions: { module: true, compress: { passes: 2 } } },
  // Native server-only packages: the dev dependency scan follows route modules into *.server files
  // and would try to bundle them for the browser (argon2's browser entry needs a WASI package).
  optimizeDeps: { exclude: ["@node-rs/argon2", "@electric-sql/pglite", "pg"] },
}));
