// The second half of `npm run build`: bundles the web server (server/main.ts and the server code it
// imports from app/, db/ and search/) into one ES module, build/main.js, that `npm start` runs with
// plain Node. Run from its TypeScript sources, every module of a start went through tsx's loader
// hooks (a message to the loader's thread for each of some 1,500 modules): 1.4 s of a second start.
// Packages stay outside the bundle, loaded from node_modules as they are.
//
// build/main.js sits one directory below the checkout's root, as server/main.ts and db/ do, so
// paths the code builds from `import.meta.url` ("../build/server/index.js", "../db/migrations")
// point at the same files from the sources and from the bundle.
import type * as Esbuild from "esbuild";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { SERVER_BUNDLE } from "./build-if-stale.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Vite's own esbuild (a dependency of Vite, not of ours: one esbuild fewer in node_modules). */
async function loadEsbuild(): Promise<typeof Esbuild> {
  const fromVite = createRequire(createRequire(import.meta.url).resolve("vite"));
  return (await import(fromVite.resolve("esbuild"))) as typeof Esbuild;
}

export async function bundleServer(): Promise<void> {
  const esbuild = await loadEsbuild();
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["server/main.ts"],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    // Functions and classes keep their names where the bundle renames them: the logger names an
    // error by its class (server/logger.server.ts), and stack traces read as from the sources.
    keepNames: true,
    logLevel: "warning",
    banner: { js: "// Built by scripts/bundle-server.ts from server/main.ts; do not edit." },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await bundleServer();
