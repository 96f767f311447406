// Runs a command line in the test's own process (cli/cli.ts), as an operator would run
// `npm run cli -- …` but without a process start: what it printed, and its exit code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { inject } from "vitest";
import { main } from "../cli/cli";
import { makeTestTempDir } from "./temp-dir";
import { openDatabase } from "../db/client.server";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `args` against `env` (DATA_DIR, MEILI_URL, …; the test process's environment is not
 * consulted). `stdin`, when given, is what the command reads on its standard input.
 */
export async function runCli(args: string[], env: Record<string, string | undefined>, stdin?: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]),
    env: { NODE_ENV: "test", LOG_LEVEL: "warn", ...env },
  });
  return { code, stdout, stderr };
}

/**
 * A fresh DATA_DIR whose PGlite database is already the run's migrated one (tests/global-setup.ts),
 * as after `npm run cli -- migrate`: the first command skips initdb and the migrations.
 */
export async function createCliDataDir(): Promise<string> {
  const dataDir = makeTestTempDir("cli-");
  const spec = inject("testDatabase");
  if (spec.driver === "pglite") {
    const handle = await openDatabase({ driver: "pglite", dataDir: join(dataDir, "pglite"), loadDataDir: new Blob([readFileSync(spec.dumpFile)]) });
    await handle.close();
  }
  return dataDir;
}
