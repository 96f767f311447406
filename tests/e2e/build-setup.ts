// The production build the browser tests and the privacy crawl serve: built if it is missing or
// older than its sources, as `npm start` does (CI and `npm test` have built it already).
import { execFileSync } from "node:child_process";

const root = new URL("../..", import.meta.url).pathname;

export function ensureBuild(): void {
  execFileSync(process.execPath, ["scripts/build-if-stale.mjs"], { cwd: root, stdio: "ignore" });
}

/** The global setup of the privacy crawl, which starts servers of its own. */
export default function setup(): void {
  ensureBuild();
}
