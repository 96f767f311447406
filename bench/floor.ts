// The fixed cost of a request: the floor route (/bench/floor, 20 need cards from constants) served
// by our server against the same route served by bare Remix (bench/floor-baseline.tsx, once with
// the floor as its only route and once with all of the build's routes), all started by this script
// and measured in the same run; with /needs?q=电工 and /healthz of the same server.
// Unloaded latency (200 sequential requests after 20) and throughput at 16 clients, in rounds that
// take turns, so a machine shared with other work slows every side alike; with each loaded run, the
// CPU time the serving processes spent per request (the server and its children: Meilisearch), which
// other work on the machine disturbs far less than requests per second. Prints one JSON document
// with the ratios floor ÷ baseline and search ÷ floor of each round and their median, by requests
// per second and by CPU time per request. floorGzip is the floor as browsers ask for it (compressed).
//
// Builds nothing: run `npm run build` first (it says when the build is older than the sources).
// Our server runs the production start path (`node build/main.js`, server/main.ts bundled by `npm run build`) on an embedded
// data dir, a new temporary one unless --data-dir names one to reuse (the demo seed, with the needs
// the search finds, is written on the first start; it takes a minute).
//
//   node --import tsx bench/floor.ts [--seconds 10] [--connections 16] [--rounds 2] [--data-dir /tmp/floor-data]
//   node --import tsx bench/floor.ts --compare /tmp/other-checkout   # a second server from another checkout (built), measured in turn
//   node --import tsx bench/floor.ts --profile /tmp/floor.cpuprofile   # only a CPU profile of our server under load on the floor
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { buildState, SERVER_BUNDLE } from "../scripts/build-if-stale.mjs";
import type { RequestSpec } from "./http-load";
import { throughput, unloadedLatency } from "./http-load";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    rounds: { type: "string", default: "2" },
    "data-dir": { type: "string" },
    compare: { type: "string" },
    profile: { type: "string" },
    "profile-path": { type: "string", default: "/bench/floor" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const root = new URL("..", import.meta.url).pathname;
const SEARCH_PATH = `/needs?q=${encodeURIComponent("电工")}`;
/** What browsers send: the server compresses. */
const GZIP = { "accept-encoding": "gzip, deflate, br" };

interface Server {
  base: string;
  process: ChildProcess;
  dataDir?: string;
}

interface Target {
  spec: RequestSpec;
  server: Server;
}

/** CPU time in ms a process and its descendants have used (Linux /proc; 100 ticks a second). */
function cpuMs(pid: number): number {
  let ticks = 0;
  const visit = (id: string) => {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      for (const task of readdirSync(`/proc/${id}/task`)) {
        for (const child of readFileSync(`/proc/${id}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) visit(child);
      }
    } catch {
      // Gone meanwhile.
    }
  };
  visit(String(pid));
  return ticks * 10;
}

/** Throughput, with the CPU time the target's processes spent per request during it. */
async function loadedRun(target: Target) {
  const pid = target.server.process.pid ?? 0;
  const before = cpuMs(pid);
  const result = await throughput(target.spec, { connections, seconds });
  return { ...result, cpuMsPerRequest: +((cpuMs(pid) - before) / result.requests).toFixed(3) };
}

/** Starts a process and resolves with the port it names on its first matching output line. */
async function startProcess(options: { cwd: string; args: string[]; env: Record<string, string>; logFile: string; portPattern: RegExp }): Promise<{ port: number; process: ChildProcess }> {
  const log = openSync(options.logFile, "w");
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: { ...process.env, NODE_ENV: "production", ...options.env }, stdio: ["ignore", log, "inherit"] });
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  // Its output goes to a file, not through this process, so reading it costs the load generator nothing.
  for (;;) {
    if (exited !== undefined) throw new Error(`${options.args.join(" ")} exited with ${exited}; see ${options.logFile}`);
    const match = options.portPattern.exec(readFileSync(options.logFile, "utf8"));
    if (match) return { port: Number(match[1]), process: child };
    await sleep(100);
  }
}

async function startApp(cwd: string, name: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<Server> {
  const dataDir = values["data-dir"] ? resolve(values["data-dir"], name) : mkdtempSync(join(tmpdir(), `xiangyun-floor-${name}-`));
  const started = await startProcess({
    cwd,
    args: [...extraArgs, SERVER_BUNDLE],
    env: { PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, BENCH_ROUTES: "true", LOG_LEVEL: "info", ...env },
    logFile: join(tmpdir(), `xiangyun-floor-${name}-${process.pid}${extraArgs.length ? "-profiled" : ""}.log`),
    portPattern: /"port":(\d+),"startupMs"/,
  });
  return { base: `http://127.0.0.1:${started.port}`, process: started.process, dataDir: values["data-dir"] ? undefined : dataDir };
}

async function startBaseline(options: { allRoutes: boolean }): Promise<Server> {
  const started = await startProcess({
    cwd: root,
    args: ["--import", "tsx", "bench/floor-baseline.tsx", ...(options.allRoutes ? ["--all-routes"] : [])],
    env: { BENCH_ROUTES: "true" },
    logFile: join(tmpdir(), `xiangyun-floor-baseline${options.allRoutes ? "-all-routes" : ""}-${process.pid}.log`),
    portPattern: /\{"port":(\d+)\}/,
  });
  return { base: `http://127.0.0.1:${started.port}`, process: started.process };
}

async function stop(server: Server) {
  if (server.process.exitCode === null) {
    const exited = new Promise((done) => server.process.once("exit", done));
    server.process.kill("SIGTERM");
    await exited;
  }
  if (server.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
}

function checkBuild(dir: string) {
  const state = buildState(dir);
  if (state.kind === "missing") throw new Error(`${dir}: no build; run npm run build first`);
  return state.kind === "stale" ? `stale: ${state.newer} is newer than the build` : "fresh";
}

/** The response's body; throws unless it is a 200. */
async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const ratio = (a: number, b: number) => +(a / b).toFixed(3);

const servers: Server[] = [];
try {
  const builds: Record<string, string> = { app: checkBuild(root) };
  if (values.compare) builds.compare = checkBuild(values.compare);

  if (values.profile) {
    // The profile covers the load only, not the start-up: the server starts and stops the profiler on SIGUSR2.
    const profileFile = resolve(values.profile);
    const app = await startApp(root, "app", ["--import", "./bench/cpu-profile-on-signal.ts"], { BENCH_CPU_PROFILE: profileFile });
    servers.push(app);
    const spec: RequestSpec = { url: `${app.base}${values["profile-path"]}` };
    await unloadedLatency(spec, { count: 0, warmup: 200 });
    app.process.kill("SIGUSR2");
    await sleep(200);
    const loaded = await throughput(spec, { connections, seconds });
    app.process.kill("SIGUSR2");
    await sleep(1000);
    console.log(JSON.stringify({ profile: profileFile, path: values["profile-path"], loaded, load: loadavg() }, null, 2));
  } else {
    const loadBefore = loadavg();
    const [baseline, baselineAllRoutes, app, compare] = await Promise.all([
      startBaseline({ allRoutes: false }),
      startBaseline({ allRoutes: true }),
      startApp(root, "app"),
      values.compare ? startApp(values.compare, "compare") : undefined,
    ]);
    servers.push(baseline, baselineAllRoutes, app, ...(compare ? [compare] : []));

    const targets: Record<string, Target> = {
      baseline: { spec: { url: `${baseline.base}/bench/floor` }, server: baseline },
      baselineAllRoutes: { spec: { url: `${baselineAllRoutes.base}/bench/floor` }, server: baselineAllRoutes },
      floor: { spec: { url: `${app.base}/bench/floor` }, server: app },
      floorGzip: { spec: { url: `${app.base}/bench/floor`, headers: GZIP }, server: app },
      search: { spec: { url: `${app.base}${SEARCH_PATH}` }, server: app },
      healthz: { spec: { url: `${app.base}/healthz` }, server: app },
      ...(compare
        ? {
            compareFloor: { spec: { url: `${compare.base}/bench/floor` }, server: compare },
            compareFloorGzip: { spec: { url: `${compare.base}/bench/floor`, headers: GZIP }, server: compare },
            compareSearch: { spec: { url: `${compare.base}${SEARCH_PATH}` }, server: compare },
          }
        : {}),
    };
    // The search must find something, or it measures an empty page.
    const searchPage = await fetchText(`${app.base}${SEARCH_PATH}`);
    const searchHits = new Set(searchPage.match(/href="\/needs\/N-[A-Z0-9]+"/g) ?? []).size;
    const pageBytes = { baseline: Buffer.byteLength(await fetchText(`${baseline.base}/bench/floor`)), floor: Buffer.byteLength(await fetchText(`${app.base}/bench/floor`)) };

    const unloaded: Record<string, Awaited<ReturnType<typeof unloadedLatency>>> = {};
    for (const [name, target] of Object.entries(targets)) unloaded[name] = await unloadedLatency(target.spec);

    const loaded: Record<string, Awaited<ReturnType<typeof loadedRun>>[]> = {};
    const ratios: Record<string, number>[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [name, target] of Object.entries(targets)) {
        const result = await loadedRun(target);
        (loaded[name] ??= []).push(result);
        process.stderr.write(`${JSON.stringify({ round, [name]: result })}\n`);
      }
      const rps = (name: string) => loaded[name]?.[round]?.rps ?? NaN;
      const cpu = (name: string) => loaded[name]?.[round]?.cpuMsPerRequest ?? NaN;
      ratios.push({
        floorOverBaseline: ratio(rps("floor"), rps("baseline")),
        floorOverBaselineAllRoutes: ratio(rps("floor"), rps("baselineAllRoutes")),
        searchOverFloor: ratio(rps("search"), rps("floor")),
        floorOverBaselineByCpu: ratio(cpu("baseline"), cpu("floor")),
        searchOverFloorByCpu: ratio(cpu("floor"), cpu("search")),
        ...(compare
          ? {
              compareFloorOverBaseline: ratio(rps("compareFloor"), rps("baseline")),
              compareSearchOverFloor: ratio(rps("compareSearch"), rps("compareFloor")),
              compareFloorOverBaselineByCpu: ratio(cpu("baseline"), cpu("compareFloor")),
              compareSearchOverFloorByCpu: ratio(cpu("compareFloor"), cpu("compareSearch")),
            }
          : {}),
      });
    }
    const medianRatios = Object.fromEntries(Object.keys(ratios[0] ?? {}).map((key) => [key, +median(ratios.map((r) => r[key] ?? NaN)).toFixed(3)]));

    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore, loadAfter: loadavg() },
          builds,
          seconds,
          connections,
          rounds,
          searchPath: SEARCH_PATH,
          searchHits,
          pageBytes,
          unloaded,
          loaded,
          cpuMsPerRequest: Object.fromEntries(Object.entries(loaded).map(([name, runs]) => [name, +median(runs.map((run) => run.cpuMsPerRequest)).toFixed(3)])),
          ratios: { median: medianRatios, byRound: ratios },
        },
        null,
        2,
      ),
    );
  }
} finally {
  for (const server of servers.reverse()) await stop(server);
}
