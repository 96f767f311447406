// The commands of `npm run cli -- <command>` (also: npx xiangyun <command>), as one function of
// the arguments, the output streams, stdin and the environment: cli/main.ts runs it for the
// process, tests run it in theirs. Errors go to stderr with a non-zero exit: 1 for a failure, 2 for
// bad input (usage, an invalid import file). Every runtime a command starts (DATA_DIR lock,
// database, Meilisearch child) is stopped before it returns, whatever the outcome.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../app/env.server";
import { ConfigError, loadConfig, usesDataDir } from "../app/env.server";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { exportDocument } from "../app/domain/import/export-document.server";
import { currentOperator } from "../app/domain/audit/operator-actor.server";
import type { DatabaseHandle } from "../db/client.server";
import { openDatabase } from "../db/client.server";
import { DataDirInUseError, acquireDataDirLock } from "../db/data-dir-lock.server";
import { migrateDatabase } from "../db/migrate.server";
import { seedDemo } from "../db/seed/seed.server";
import { reindexSearch } from "../search/reindex.server";
import { checkSearchDrift, formatDrift } from "../search/search-drift.server";
import { outboxBacklog } from "../search/search-sync.server";
import { createLogger } from "../server/logger.server";
import type { CliIo, CommandOutput } from "./cli-io";
import { outputOf } from "./cli-io";
import { describeCliError } from "./report-error";
import { LEDGER_USAGE, ledgerCommand } from "./ledger-command";
import { createUserCommand, grantCommand } from "./user-commands";
import { suggestCommand } from "./suggest-command";
import type { Runtime } from "../server/runtime.server";
import { startRuntime } from "../server/runtime.server";

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                 apply database migrations and region data
  seed                    load the demo data set (idempotent)
  import <file.json> [--json]
                          import organisations, cases, needs and offers (DESIGN §7);
                          --json prints { needs: {key: ref}, offers: {key: ref}, cases: {key: id} }
  export [file.json]      write everything in the import format (to stdout without a file)
  reindex                 rebuild the search indexes from the database and swap them in
                          atomically; search keeps answering meanwhile
  suggest <need ref or import key> [--limit N] [--json]
                          the suggested offers for a need, best first, with their reasons;
                          --json prints [{ offer, key, score, reasons }]
  search-check [--json]   compare every public need and listed offer with the search indexes, by
                          version and by content; exit 0 when they agree, 1 when they drift
  ledger verify [--json]  recompute the hash chain, every transaction and every balance from the
                          postings; exit 0 when all agree, 1 naming the first row that does not
  create-user --email E --name N [--platform-admin] [--password-stdin]
                          create an account; without --password-stdin it prints a link to set
                          the password (valid 24 h)
  grant <email> <role> [--organisation <key|id>]
                          give an account a role (admin, caseworker, finance, auditor, member)
                          in an organisation, or make it platform-admin; its sessions end
`;

class UsageError extends Error {}

/** What every command is given: the configuration, where to write, and the environment's log level. */
interface CommandContext {
  config: Config;
  io: CliIo;
  out: CommandOutput;
}

async function withRuntime<T>(
  { config, io }: CommandContext,
  command: string,
  fn: (runtime: Runtime) => Promise<T>,
  options: { syncSearchOnStart?: boolean } = {},
): Promise<T> {
  const logger = createLogger({ level: io.env.LOG_LEVEL ?? "warn", destination: io.stderr });
  const runtime = await startRuntime({ config, logger, purpose: `cli ${command}`, ...options });
  try {
    return await fn(runtime);
  } finally {
    await runtime.stop();
  }
}

/** The database alone under the DATA_DIR lock: no migrations, no Meilisearch. */
async function withDatabase<T>({ config }: CommandContext, command: string, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const release = usesDataDir(config) ? acquireDataDirLock(config.DATA_DIR, `cli ${command}`) : () => undefined;
  try {
    const handle = await openDatabase(config.DATABASE_URL ? { driver: "pg", url: config.DATABASE_URL } : { driver: "pglite", dataDir: join(config.DATA_DIR, "pglite") });
    try {
      return await fn(handle);
    } finally {
      await handle.close();
    }
  } finally {
    release();
  }
}

async function migrate(context: CommandContext): Promise<void> {
  await withDatabase(context, "migrate", (handle) => migrateDatabase(handle));
  context.out.err("migrations applied");
}

async function importFile(context: CommandContext, file: string | undefined, asJson: boolean): Promise<number> {
  const { out } = context;
  if (!file) throw new UsageError("import needs a file: npm run cli -- import <file.json>");
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    out.err(`${file}: ${error instanceof SyntaxError ? `not valid JSON: ${error.message}` : error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const parsed = parseImportDocument(value);
  if (!parsed.ok) return reportProblems(out, file, parsed.problems);

  return withRuntime(context, "import", async (runtime) => {
    const imported = await importDocument({ db: runtime.db, cipher: runtime.cipher, document: parsed.document });
    if (!imported.ok) return reportProblems(out, file, imported.problems);
    const { result } = imported;
    // "import returns once the data is committed and the search indexes have caught up" (DESIGN §7).
    const flushed = await runtime.flushSearch();
    if (asJson) {
      out.out(JSON.stringify({ needs: result.needs, offers: result.offers, cases: result.cases, caseNumbers: result.caseNumbers }, null, 2));
    } else {
      out.out(
        `imported ${Object.keys(result.organisations).length} organisations, ${Object.keys(result.cases).length} cases, ` +
          `${Object.keys(result.needs).length} needs, ${Object.keys(result.offers).length} offers; ${result.queued} search updates`,
      );
    }
    if (flushed.failed) {
      out.err(`the data is saved, but ${flushed.failed} search updates failed; they stay queued and are retried`);
      return 1;
    }
    return 0;
  });
}

async function reindex(context: CommandContext): Promise<number> {
  const { out } = context;
  // No start-up sync: it would rebuild a stale index once, and then this command again.
  return withRuntime(
    context,
    "reindex",
    async (runtime) => {
      const started = performance.now();
      const result = await reindexSearch({ db: runtime.db, client: runtime.search, indexPrefix: runtime.indexPrefix });
      const flushed = await runtime.flushSearch();
      out.out(
        `reindexed ${result.needs} needs and ${result.offers} offers in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
          `${result.requeued} search updates made during the build applied again`,
      );
      if (flushed.failed) {
        out.err(`${flushed.failed} search updates failed after the swap; they stay queued and are retried`);
        return 1;
      }
      return 0;
    },
    { syncSearchOnStart: false },
  );
}

async function searchCheck(context: CommandContext, asJson: boolean): Promise<number> {
  const { out } = context;
  // No start-up sync, so the drift is reported rather than silently repaired. Pending outbox rows
  // are applied first (the runtime drains at start): they are changes in flight, not drift.
  return withRuntime(
    context,
    "search-check",
    async (runtime) => {
      const drift = await checkSearchDrift({ db: runtime.db, client: runtime.search, indexPrefix: runtime.indexPrefix });
      const outbox = await outboxBacklog(runtime.db);
      if (asJson) out.out(JSON.stringify({ ...drift, outbox }, null, 2));
      else {
        out.out(formatDrift(drift));
        if (outbox.pending || outbox.dead) out.out(`outbox: ${outbox.pending} pending, ${outbox.dead} dead${outbox.lastError ? ` (${outbox.lastError})` : ""}`);
        if (drift.total) out.out("npm run cli -- reindex rebuilds the indexes from the database");
      }
      return drift.total ? 1 : 0;
    },
    { syncSearchOnStart: false },
  );
}

function reportProblems(out: CommandOutput, file: string, problems: { path: string; message: string }[]): number {
  out.err(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing was imported`);
  for (const p of problems) out.err(`  ${p.path}: ${p.message}`);
  return 2;
}

/** Runs one command line (`argv` without node and the script); resolves to the exit code and never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const out = outputOf(io);
  try {
    return await runCommand(argv, io, out);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataDirInUseError) {
      out.err(error.message);
      return 2;
    }
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      out.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    const { message, exitCode } = describeCliError(error);
    out.err(message);
    return exitCode;
  }
}

async function runCommand(argv: string[], io: CliIo, out: CommandOutput): Promise<number> {
  const [first] = argv;
  // These parse their own options.
  if (first === "create-user" || first === "grant" || first === "suggest") {
    const context = { config: loadConfig(io.env), io, out };
    const run = <T>(command: string, fn: (runtime: Runtime) => Promise<T>) => withRuntime(context, command, fn);
    if (first === "suggest") return suggestCommand(argv.slice(1), run, out);
    return first === "create-user" ? createUserCommand(argv.slice(1), run, io) : grantCommand(argv.slice(1), run, out);
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (command ? out.out : out.err)(USAGE);
    return values.help ? 0 : 2;
  }
  const context = { config: loadConfig(io.env), io, out };
  switch (command) {
    case "migrate":
      await migrate(context);
      return 0;
    case "seed":
      return withRuntime(context, "seed", async (runtime) => {
        const seeded = await seedDemo({ db: runtime.db, cipher: runtime.cipher });
        await runtime.flushSearch();
        const { ledger } = seeded;
        out.out(
          `demo data set: ${seeded.organisations} organisations, ${seeded.cases} cases, ${seeded.needs} needs, ${seeded.offers} offers, ${seeded.accounts} new demo accounts; ` +
            `ledger: ${ledger.transactions} new transactions, ${ledger.pledges} new pledges, ${ledger.disbursementRequests} new disbursement requests`,
        );
        return 0;
      });
    case "import":
      return importFile(context, rest[0], values.json);
    case "export":
      return withRuntime(context, "export", async (runtime) => {
        const json = `${JSON.stringify(await exportDocument({ db: runtime.db, cipher: runtime.cipher, actor: currentOperator() }), null, 2)}\n`;
        if (rest[0]) {
          writeFileSync(rest[0], json, { mode: 0o600 });
          out.err(`wrote ${rest[0]} (it contains identities: keep it safe)`);
        } else io.stdout.write(json);
        return 0;
      });
    case "reindex":
      return reindex(context);
    case "search-check":
      return searchCheck(context, values.json);
    case "ledger": {
      const code = await ledgerCommand(rest, values.json, (name, fn) => withDatabase(context, name, (handle) => fn(handle.db)), out);
      if (code === null) throw new UsageError(`${LEDGER_USAGE}\n\n${USAGE}`);
      return code;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

