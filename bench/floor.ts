// The fixed cost of a request: the floor route (/bench/floor, 20 need cards from constants) served
// by our server against the same route served by bare Remix (bench/floor-baseline.tsx, once with
// the floor as its only route and once with all of the build's routes), all started by this script
// and measured in the same run; with /needs?q=电工 and /healthz of the same server.
// Unloaded latency (200 sequential requests after 20) and throughput at 16 clients, in rounds that
// take turns, so a machine shared with other work slows every side alike; prints one JSON document
// with the ratios floor ÷ baseline and search ÷ floor of each round and their median.
//
// Builds nothing: run `npm run build` first (it says when the build is older than the sources).
// Our server runs the production start path (`node --import tsx server/main.ts`) on an embedded
// data dir, a new temporary one unless --data-dir names one to reuse (the demo seed, with the needs
// the search finds, is written on the first start; it takes a minute).
//
//   node --import tsx bench/floor.ts [--seconds 10] [--connections 16] [--rounds 2] [--data-dir /tmp/floor-data]
//   node --import tsx bench/floor.ts --compare /tmp/other-checkout   # a second server from another checkout (built), measured in turn
//   node --import tsx bench/floor.ts --profile /tmp/floor.cpuprofile   # only a CPU profile of our server under load on the floor
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { buildState } from "../scripts/build-if-stale";
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

interface Server {
  base: string;
  process: ChildProcess;
  dataDir?: string;
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
    args: ["--import", "tsx", ...extraArgs, "server/main.ts"],
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

    const targets: Record<string, RequestSpec> = {
      baseline: { url: `${baseline.base}/bench/floor` },
      baselineAllRoutes: { url: `${baselineAllRoutes.base}/bench/floor` },
      floor: { url: `${app.base}/bench/floor` },
      search: { url: `${app.base}${SEARCH_PATH}` },
      healthz: { url: `${app.base}/healthz` },
      ...(compare ? { compareFloor: { url: `${compare.base}/bench/floor` }, compareSearch: { url: `${compare.base}${SEARCH_PATH}` } } : {}),
    };
    // The search must find something, or it measures an empty page.
    const searchPage = await fetchText(targets.search?.url ?? "");
    const searchHits = new Set(searchPage.match(/href="\/needs\/N-[A-Z0-9]+"/g) ?? []).size;
    const pageBytes = { baseline: Buffer.byteLength(await fetchText(targets.baseline?.url ?? "")), floor: Buffer.byteLength(await fetchText(targets.floor?.url ?? "")) };

    const unloaded: Record<string, Awaited<ReturnType<typeof unloadedLatency>>> = {};
    for (const [name, spec] of Object.entries(targets)) unloaded[name] = await unloadedLatency(spec);

    const loaded: Record<string, Awaited<ReturnType<typeof throughput>>[]> = {};
    const ratios: Record<string, number>[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [name, spec] of Object.entries(targets)) {
        const result = await throughput(spec, { connections, seconds });
        (loaded[name] ??= []).push(result);
        process.stderr.write(`${JSON.stringify({ round, [name]: result })}\n`);
      }
      const rps = (name: string) => loaded[name]?.[round]?.rps ?? NaN;
      ratios.push({
        floorOverBaseline: ratio(rps("floor"), rps("baseline")),
        floorOverBaselineAllRoutes: ratio(rps("floor"), rps("baselineAllRoutes")),
        searchOverFloor: ratio(rps("search"), rps("floor")),
        ...(compare ? { compareFloorOverBaseline: ratio(rps("compareFloor"), rps("baseline")), compareSearchOverFloor: ratio(rps("compareSearch"), rps("compareFloor")) } : {}),
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
