// `npm test`: the database projects (PGlite, and PostgreSQL when TEST_DATABASE_URL is set), the
// browser journeys and the privacy crawl in three Vitest processes side by side. Vitest runs a
// project whose files go one at a time (the browser files: one server, one browser) as a group of
// its own after every other file, so in one process the browser files waited for the database
// files while one of the two cores idled under the browser files' single app server. The crawl,
// the longest file by far, ran among the browser files, which then went on alone for minutes after
// the database files were done. Arguments (a file, `--project …`, `-t …`) go to one plain
// `vitest run`, as do runs without Chromium.
//
//   npm test                        all three, side by side; exit 1 if any fails
//   npm test -- app/foo.test.ts     one `vitest run app/foo.test.ts`
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Summary } from "../tests/summary-reporter";
import { closingLine, parseClosingLine } from "../tests/summary-reporter";

const vitest = new URL("../node_modules/vitest/vitest.mjs", import.meta.url).pathname;
const args = process.argv.slice(2);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const withBrowser = process.env.E2E === "1" || existsSync(chromium);

interface Run {
  code: number;
  /** The counts of the run's closing line (tests/summary-reporter.ts). */
  summary: Summary | null;
}

/** One Vitest process; its lines are passed through whole, its closing line kept for the sum. */
function run(vitestArgs: string[], prefix: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, "run", ...vitestArgs], { stdio: ["ignore", "pipe", "pipe"] });
    let summary: Run["summary"] = null;
    const pass = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) =>
      createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
        const closing = parseClosingLine(line);
        if (closing) summary = closing;
        else out.write(`${prefix}${line}\n`);
      });
    pass(child.stdout, process.stdout);
    pass(child.stderr, process.stderr);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), summary }));
    for (const name of ["SIGINT", "SIGTERM"] as const) process.once(name, () => child.kill(name));
  });
}

if (args.length > 0 || !withBrowser) {
  const { code, summary } = await run(args, "");
  if (summary) process.stdout.write(`\n${closingLine(summary)}\n`);
  process.exit(code);
}

const databaseProjects = ["--project", "pglite", ...(process.env.TEST_DATABASE_URL ? ["--project", "postgres"] : [])];
// Built once here: the browser tests' and the crawl's global setups, in two processes, would
// otherwise both start a build of a stale checkout into the same directory.
execFileSync(process.execPath, ["scripts/build-if-stale.mjs"], { stdio: "inherit" });
const runs = await Promise.all([run(databaseProjects, ""), run(["--project", "e2e"], "[browser] "), run(["--project", "leak-crawl"], "[crawl] ")]);
const total = runs.reduce<Summary>((sum, { summary }) => (summary ? [sum[0] + summary[0], sum[1] + summary[1], sum[2] + summary[2]] : sum), [0, 0, 0]);
// A run that ended without its closing line (a crash, a failed global setup) counts as a failure.
const failed = runs.some(({ code, summary }) => code !== 0 || !summary);
process.stdout.write(`\n${closingLine([total[0], total[1] + (failed && total[1] === 0 ? 1 : 0), total[2]])}\n`);
process.exit(failed ? 1 : 0);
