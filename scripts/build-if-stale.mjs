// `npm start` runs this before the server: it builds the app (`npm run build`) only when build/ is
// missing or older than what goes into it — app/, public/ and the server code in server/, db/ and
// search/ (files and folders, so a deleted route counts; tests do not), the lockfile and the build's
// configuration. A second start on an unchanged checkout skips the build.
//
// Where the build tools are not installed (`npm ci --omit=dev` with a build made elsewhere), an
// existing build is served as it is, with a warning if it looks older than the sources; without
// any build the start stops with a message.
//
// Plain JavaScript (types in JSDoc, checked by `tsc`): Node runs it without tsx, whose loader cost
// a quarter of a second of every start.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The web server bundled by scripts/bundle-server.ts, which `npm start` runs. */
export const SERVER_BUNDLE = "build/main.js";
/** Written last by `npm run build`: the web server's bundle follows Remix's client and server builds. */
export const BUILD_OUTPUT = SERVER_BUNDLE;
export const BUILD_INPUTS = [
  "app",
  "public",
  "server",
  "db",
  "search",
  "scripts/bundle-server.ts",
  "package-lock.json",
  "vite.config.ts",
  "remix.config.js",
  "tailwind.config.ts",
  "postcss.config.js",
  "tsconfig.json",
];
const NOT_BUILT = /\.test\.[cm]?[jt]sx?$/;

/** @typedef {{ path: string; mtimeMs: number }} Newest */

/**
 * The most recently changed file or folder among `paths` (folders walked), relative to `root`.
 * @param {string} root
 * @param {readonly string[]} paths
 * @returns {Newest | undefined}
 */
export function newestInput(root, paths) {
  /** @type {Newest | undefined} */
  let newest;
  /** @param {string} path */
  const visit = (path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return; // An optional input (public/) that does not exist.
    }
    if (!newest || stats.mtimeMs > newest.mtimeMs) newest = { path: relative(root, path), mtimeMs: stats.mtimeMs };
    if (!stats.isDirectory()) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isFile() && NOT_BUILT.test(entry.name)) continue;
      visit(join(path, entry.name));
    }
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}

/** @typedef {{ kind: "missing" } | { kind: "stale"; newer: string } | { kind: "fresh" }} BuildState */

/**
 * @param {string} root
 * @returns {BuildState}
 */
export function buildState(root) {
  let builtAt;
  try {
    builtAt = statSync(join(root, BUILD_OUTPUT)).mtimeMs;
  } catch {
    return { kind: "missing" };
  }
  const newest = newestInput(root, BUILD_INPUTS);
  return newest && newest.mtimeMs > builtAt ? { kind: "stale", newer: newest.path } : { kind: "fresh" };
}

function buildToolsInstalled() {
  try {
    createRequire(import.meta.url).resolve("@remix-run/dev/package.json");
    return true;
  } catch {
    return false;
  }
}

/** @returns {number} */
function main() {
  const state = buildState(ROOT);
  if (state.kind === "fresh") return 0;
  const reason = state.kind === "missing" ? `${BUILD_OUTPUT} is missing` : `${state.newer} is newer than the build`;
  if (!buildToolsInstalled()) {
    if (state.kind === "missing") {
      console.error(`No build to serve (${reason}) and the build tools are not installed: run \`npm install\` and \`npm run build\`, or copy a build/ made elsewhere.`);
      return 1;
    }
    console.warn(`Serving the existing build although ${reason}: the build tools are not installed (npm ci --omit=dev).`);
    return 0;
  }
  console.log(`Building the app: ${reason}.`);
  // Always a production build: an inherited NODE_ENV (vitest's "test") would give React's
  // development build to the browser.
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  return build.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
