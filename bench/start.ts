// Time to a healthy site (issue: "the second start on the same DATA_DIR answers /healthz within 3 s"):
// runs `npm start` as the README does, on a data directory of its own, once to set it up (the demo
// seed, the search indexes), then `runs` more times on the same directory, each time from the spawn
// to the first 200 from /healthz. Prints one JSON line: every run's milliseconds and, for the second
// starts, when each of the server's log lines came (ms after the spawn), so a slow phase shows.
//   node --import tsx bench/start.ts [runs=3]
// Needs a production build (`npm start` builds one if it is missing or stale: the first run then
// includes it). Embedded database and Meilisearch from the npm package, as a fresh clone has them.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

const runs = Number(process.argv[2] ?? 3);
const root = fileURLToPath(new URL("..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "xiangyun-start-"));

interface Started {
  ms: number;
  log: { at: number; msg: string }[];
}

async function startOnce(label: string): Promise<Started> {
  const logFile = join(dataDir, `${label}.log`);
  const log = openSync(logFile, "w");
  const spawnedAt = Date.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" },
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  try {
    let base: string | null = null;
    for (;;) {
      if (exited !== undefined) throw new Error(`npm start exited with ${exited}; see ${logFile}`);
      base ??= ((port) => (port ? `http://127.0.0.1:${port}` : null))(/"port":(\d+),"startupMs"/.exec(readFileSync(logFile, "utf8"))?.[1]);
      if (base) {
        const healthy = await fetch(`${base}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (healthy) break;
      }
      await sleep(20);
    }
    const ms = Date.now() - spawnedAt;
    const lines = readFileSync(logFile, "utf8").split("\n");
    const entries = lines.flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { time?: number; msg?: string };
        return typeof entry.time === "number" && entry.msg ? [{ at: entry.time - spawnedAt, msg: entry.msg.slice(0, 80) }] : [];
      } catch {
        return [];
      }
    });
    return { ms, log: entries };
  } finally {
    await stop(child);
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((done) => child.once("exit", done));
  // npm runs the server as its child: the whole group stops.
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

try {
  const load = [loadavg()[0]];
  const first = await startOnce("first");
  const second: Started[] = [];
  for (let i = 0; i < runs; i++) second.push(await startOnce(`second-${i + 1}`));
  load.push(loadavg()[0]);
  const sorted = second.map((s) => s.ms).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      benchmark: "start",
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverage1m: load.map((l) => Math.round((l ?? NaN) * 100) / 100) },
      firstStartMs: first.ms,
      secondStartMs: second.map((s) => s.ms),
      target: { ms: 3000, median: sorted[Math.floor(sorted.length / 2)], met: (sorted[Math.floor(sorted.length / 2)] ?? Infinity) <= 3000 },
      secondStartLog: second[second.length - 1]?.log,
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
