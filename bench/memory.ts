// App memory at scale (DESIGN §8: ≤ 300 MB RSS with DATABASE_URL, ≤ 450 MB embedded, with 100,000
// needs; Meilisearch, a process of its own, excluded). Starts the production server
// (`node build/main.js`, server/main.ts bundled) on a world of published needs and reads the server
// process's VmRSS and VmHWM (the peak) from /proc after start, after a warm-up (every page once),
// during and after a load of public pages, search, need pages, the API and staff pages, and after
// the downloads (each built whole); with each reading, what the process says holds it
// (bench/memory-probe.mjs). Prints one JSON line.
//   Embedded (PGlite in the server process, DATA_DIR/pglite):
//     DATA_DIR=/tmp/mem-100k node --import tsx bench/memory.ts --seed
//   A PostgreSQL server (DATABASE_URL, or TEST_DATABASE_URL as scripts/with-throwaway-postgres.sh sets;
//   DATA_DIR still holds Meilisearch's data and the identity key):
//     DATA_DIR=/tmp/mem-100k-pg scripts/with-throwaway-postgres.sh node --import tsx bench/memory.ts --seed
//   --seed          fill an empty database first (bench/generate-search-data.ts, ≈ 5 min at 100,000 needs)
//   --needs N       published needs the world must hold (100000)
//   --seconds S     seconds of load per group of pages (10), at --connections C clients (8)
//   --node-args="…" the server's node flags (V8's), to compare settings; by default those of
//                   `npm start` (package.json), `--node-args=` for none
//   --heap-snapshots DIR  the server also writes a heap snapshot with each reading (slow, and the
//                   snapshot itself costs memory: for finding what holds it, not for the figures)
import type { ChildProcess } from "node:child_process";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { count, eq } from "drizzle-orm";
import { openDatabase } from "../db/client.server";
import { SERVER_BUNDLE } from "../scripts/build-if-stale.mjs";
import { needs } from "../db/schema/needs";
import { createTestUser } from "../tests/accounts";

/** The node flags `npm start` gives the server (package.json), so the server runs as it does in production. */
function startCommandFlags(): string {
  const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> };
  const bundle = SERVER_BUNDLE.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const flags = new RegExp(`node ((?:--[\\w-]+=\\S+ )*)${bundle}`).exec(scripts.start ?? "")?.[1];
  // Without them the server would be measured as nobody runs it.
  if (flags === undefined) throw new Error(`package.json's start script does not run node … ${SERVER_BUNDLE}: its node flags cannot be read`);
  return flags.trim();
}

const { values } = parseArgs({
  options: {
    seed: { type: "boolean", default: false },
    needs: { type: "string", default: "100000" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "8" },
    "node-args": { type: "string", default: startCommandFlags() },
    "heap-snapshots": { type: "string" },
  },
});
const wantNeeds = Number(values.needs);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = new URL("..", import.meta.url).pathname;
const dataDir = resolve(process.env.DATA_DIR ?? "./data");
const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const mode = databaseUrl ? "postgres" : "embedded";
const dbEnv: Record<string, string> = { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };

const SEARCHES = ["q=电工", "q=水电", "q=electrician", "q=助学", "q=工作&category=job&region=5329", "category=medical&category=living&urgency=severe&money=yes&sort=goal", "page=3"];
const PUBLIC_PAGES = ["/", "/needs", "/offers", "/impact", "/transparency", "/about", "/privacy"];
const NEED_PAGES = 200;

/** Published needs in the world (0 when the database is not there yet). */
async function countPublishedNeeds(): Promise<number> {
  if (!databaseUrl && !existsSync(join(dataDir, "pglite", "PG_VERSION"))) return 0;
  const handle = await openDatabase(databaseUrl ? { driver: "pg", url: databaseUrl, poolSize: 1 } : { driver: "pglite", dataDir: join(dataDir, "pglite") });
  try {
    // A database not migrated yet has no needs table: nothing published.
    const [counted] = await handle.db.select({ n: count() }).from(needs).where(eq(needs.status, "published")).catch(() => []);
    return counted?.n ?? 0;
  } finally {
    await handle.close();
  }
}

/** A caseworker of the province's union (the widest staff scope) and the Cookie header of their session. */
async function staffCookie(): Promise<string> {
  const handle = await openDatabase(databaseUrl ? { driver: "pg", url: databaseUrl, poolSize: 1 } : { driver: "pglite", dataDir: join(dataDir, "pglite") });
  try {
    return (await createTestUser(handle.db, { organisation: "demo-union-yunnan", role: "caseworker" })).cookie;
  } finally {
    await handle.close();
  }
}

interface Server {
  base: string;
  process: ChildProcess;
  probeFile: string;
  logFile: string;
}

async function startServer(): Promise<Server> {
  const logFile = join(tmpdir(), `xiangyun-memory-${process.pid}.log`);
  const probeFile = join(tmpdir(), `xiangyun-memory-${process.pid}.json`);
  const log = openSync(logFile, "w");
  const nodeArgs = values["node-args"].split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "./bench/memory-probe.mjs", SERVER_BUNDLE], {
    cwd: root,
    env: {
      ...process.env,
      ...dbEnv,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      LOG_LEVEL: "info",
      BENCH_MEMORY_PROBE: probeFile,
      ...(values["heap-snapshots"] ? { BENCH_HEAP_SNAPSHOT_DIR: resolve(values["heap-snapshots"]) } : {}),
    },
    stdio: ["ignore", log, "inherit"],
  });
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  // Its log goes to a file, so reading it costs this process nothing while it measures.
  for (;;) {
    if (exited !== undefined) throw new Error(`the server exited with ${exited}; see ${logFile}`);
    const match = /"port":(\d+),"startupMs"/.exec(readFileSync(logFile, "utf8"));
    if (match) return { base: `http://127.0.0.1:${match[1]}`, process: child, probeFile, logFile };
    await sleep(200);
  }
}

async function stopServer(server: Server) {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((done) => server.process.once("exit", done));
  server.process.kill("SIGTERM");
  await exited;
}

const kb = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
/** VmRSS (now), VmHWM (the peak so far) and the anonymous part of the RSS, in MB. */
function processMemory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const mb = (field: string) => Math.round(kb(status, field) / 1024);
  return { rssMb: mb("VmRSS"), peakMb: mb("VmHWM"), anonMb: mb("RssAnon") };
}

/** The process's memory and what the probe in it reports (heap, external, WebAssembly). */
async function reading(server: Server) {
  const pid = server.process.pid ?? 0;
  const before = existsSync(server.probeFile) ? statSync(server.probeFile).mtimeMs : 0;
  server.process.kill("SIGUSR2");
  for (let i = 0; i < 600 && (!existsSync(server.probeFile) || statSync(server.probeFile).mtimeMs === before); i++) await sleep(100);
  await sleep(100);
  const inside: unknown = JSON.parse(readFileSync(server.probeFile, "utf8"));
  return { ...processMemory(pid), inside };
}

async function get(url: string, cookie?: string): Promise<{ status: number; body: string; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { "accept-encoding": "identity", ...(cookie ? { cookie } : {}) }, redirect: "manual" });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, body: bytes.toString("utf8"), bytes: bytes.length, ms: Math.round(performance.now() - started) };
}

const refsOf = (body: string) => (JSON.parse(body) as { data: { ref: string }[] }).data.map((need) => need.ref);

/** `connections` clients going round `paths` for `seconds`; the server's RSS sampled every 200 ms. */
async function load(server: Server, paths: string[], cookie?: string) {
  const pid = server.process.pid ?? 0;
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, processMemory(pid).rssMb)), 200);
  try {
    const result = await autocannon({
      url: server.base,
      connections,
      duration: seconds,
      headers: { "accept-encoding": "br, gzip", ...(cookie ? { cookie } : {}) },
      requests: paths.map((path) => ({ method: "GET", path: encodeURI(path) })),
    });
    // The requests still queued in the server when the clients stop (the embedded database answers
    // one query at a time) run before the next group's: wait for them, still sampling.
    const drained = performance.now();
    await get(`${server.base}${paths[0]}`, cookie);
    return {
      requests: result.requests.total,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      drainMs: Math.round(performance.now() - drained),
      maxRssMb: maxRss,
    };
  } finally {
    clearInterval(sampler);
  }
}

const published = await countPublishedNeeds();
if (published < wantNeeds) {
  if (!values.seed || published > 0) throw new Error(`${published} published needs in ${databaseUrl ? "DATABASE_URL" : dataDir}, ${wantNeeds} wanted: run with --seed on an empty database`);
  const generated = spawnSync(process.execPath, ["--import", "tsx", "bench/generate-search-data.ts", "--needs", String(wantNeeds), "--offers", String(wantNeeds / 5)], {
    cwd: root,
    env: { ...process.env, ...dbEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (generated.status !== 0) throw new Error(`bench/generate-search-data.ts exited with ${generated.status}`);
  process.stderr.write(`\nseeded: ${generated.stdout.toString().trim()}\n`);
}
const cookie = await staffCookie();

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavg: loadavg().map((l) => +l.toFixed(2)) },
  mode,
  nodeArgs: values["node-args"] || undefined,
  needs: published || wantNeeds,
  seconds,
  connections,
};
const server = await startServer();
try {
  await sleep(3000);
  results.afterStart = await reading(server);

  // Every page once: a page that fails here is left out of the load (and named in the output).
  const refs: string[] = [];
  for (let page = 2; refs.length < NEED_PAGES; page++) {
    const more = refsOf((await get(`${server.base}/api/v1/needs?page=${page}`)).body);
    if (!more.length) break;
    refs.push(...more);
  }
  // Needs the caseworker may open: in their province.
  const staffRefs = refsOf((await get(`${server.base}/api/v1/needs?region=53`)).body).slice(0, 10);
  const groups: Record<string, { paths: string[]; cookie?: string }> = {
    public: { paths: PUBLIC_PAGES },
    search: { paths: SEARCHES.map((qs) => `/needs?${qs}`) },
    needPages: { paths: refs.map((ref) => `/needs/${ref}`) },
    api: { paths: ["/api/v1/needs?q=电工", "/api/v1/offers", "/api/v1/impact", ...refs.slice(0, 20).map((ref) => `/api/v1/needs/${ref}`)] },
    staff: { paths: ["/staff", "/staff/cases", "/staff/cases?q=测试", "/staff/offers", "/staff/matches", "/staff/reports", ...staffRefs.map((ref) => `/staff/needs/${ref}`)], cookie },
  };
  const failed: string[] = [];
  const slowest: Record<string, number> = {};
  for (const [name, group] of Object.entries(groups)) {
    const ok: string[] = [];
    for (const path of group.paths) {
      const { status, ms } = await get(`${server.base}${encodeURI(path)}`, group.cookie);
      if (status === 200) ok.push(path);
      else failed.push(`${path} ${status}`);
      if (ms > (slowest[name] ?? 0)) slowest[name] = ms;
    }
    group.paths = ok;
  }
  results.warmUp = { failures: failed, slowestMs: slowest };
  results.afterWarmUp = await reading(server);

  const loads: Record<string, unknown> = {};
  for (const [name, group] of Object.entries(groups)) {
    if (!group.paths.length) continue;
    loads[name] = { pages: group.paths.length, ...(await load(server, group.paths, group.cookie)) };
    process.stderr.write(`${JSON.stringify({ [name]: loads[name] })}\n`);
  }
  results.load = loads;
  results.duringLoadMaxRssMb = Math.max(...Object.values(loads).map((l) => (l as { maxRssMb: number }).maxRssMb));
  await sleep(5000);
  results.afterLoad = await reading(server);

  // The downloads, one at a time after the load: each builds its whole file for the province.
  const downloads: Record<string, unknown> = {};
  for (const path of ["/transparency.csv", "/staff/reports.csv", "/staff/reports.xlsx", "/staff/households/export.csv", "/staff/households/export.xlsx"]) {
    let maxRss = 0;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, processMemory(server.process.pid ?? 0).rssMb)), 100);
    const { status, bytes, ms } = await get(`${server.base}${path}`, cookie).finally(() => clearInterval(sampler));
    downloads[path] = { status, kB: Math.round(bytes / 1000), ms, maxRssMb: maxRss };
  }
  results.downloads = downloads;
  results.afterDownloads = await reading(server);
} finally {
  await stopServer(server);
  rmSync(server.probeFile, { force: true });
}
rmSync(server.logFile, { force: true });
console.log(JSON.stringify(results));
