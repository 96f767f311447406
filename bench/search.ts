// Search benchmark (DESIGN §8): /needs?q=… with the generated data set, unloaded and at 16
// clients, against the floor route and the same queries sent straight to Meilisearch; then the
// PostgreSQL fallback; and the app's memory. Prints one JSON document.
//   DATA_DIR=/tmp/bench-100k node --import tsx bench/generate-search-data.ts --needs 100000 --offers 20000
//   DATA_DIR=/tmp/bench-100k node --import tsx bench/search.ts
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseNeedSearch } from "../app/domain/search/search-query";
import { needSearchQueries } from "../app/domain/search/search-needs.server";
import { NEEDS_INDEX } from "../search/index-settings";
import { startMeilisearch } from "../search/meili-process.server";
import { SERVER_BUNDLE } from "../scripts/build-if-stale.mjs";
import type { RequestSpec } from "./http-load";
import { throughput, unloadedLatency } from "./http-load";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" }, connections: { type: "string", default: "16" } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const dataDir = process.env.DATA_DIR ?? "./data";
const root = new URL("..", import.meta.url).pathname;

const QUERIES = {
  chinese: "q=电工",
  chineseSegmented: "q=水电",
  english: "q=electrician",
  englishTypo: "q=electrican",
  tuition: "q=助学",
  filtered: "q=工作&category=job&region=5329",
  faceted: "category=medical&category=living&urgency=severe&money=yes&sort=goal",
  browse: "page=3",
};

async function startApp(env: Record<string, string>): Promise<{ port: number; process: ChildProcess }> {
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, BENCH_ROUTES: "true", SEED_DEMO: "false", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"port":(\d+),"startupMs"/.exec(buffered);
      if (match) resolve(Number(match[1]));
      if (buffered.length > 1e6) buffered = buffered.slice(-1000);
    });
    child.once("exit", (code) => reject(new Error(`app exited with ${code}`)));
  });
  return { port, process: child };
}

async function stopApp(app: { process: ChildProcess }) {
  app.process.kill("SIGTERM");
  await new Promise((resolve) => app.process.once("exit", resolve));
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

// The app uses a Meilisearch this script starts, so the same queries can be sent to it directly.
const meili = await startMeilisearch({ dataDir: join(dataDir, "meili") });
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  seconds,
  connections,
};
try {
  const stats = await fetch(`${meili.url}/indexes/${NEEDS_INDEX}/stats`, { headers: { authorization: `Bearer ${meili.masterKey}` } }).then((r) => r.json());
  results.documents = { needs: stats.numberOfDocuments };

  const app = await startApp({ MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey });
  const base = `http://127.0.0.1:${app.port}`;
  const floorSpec: RequestSpec = { url: `${base}/bench/floor` };
  const floor = { unloaded: await unloadedLatency(floorSpec), loaded: await throughput(floorSpec, { connections, seconds }) };
  results.floor = floor;

  const scenarios: Record<string, unknown> = {};
  for (const [name, qs] of Object.entries(QUERIES)) {
    const appSpec: RequestSpec = { url: `${base}/needs?${qs}` };
    const { query } = parseNeedSearch(new URLSearchParams(qs));
    if (!query) throw new Error(`bad query ${qs}`);
    const directSpec: RequestSpec = {
      url: `${meili.url}/multi-search`,
      method: "POST",
      headers: { authorization: `Bearer ${meili.masterKey}`, "content-type": "application/json" },
      body: JSON.stringify({ queries: needSearchQueries(query, NEEDS_INDEX) }),
    };
    const appUnloaded = await unloadedLatency(appSpec);
    const directUnloaded = await unloadedLatency(directSpec);
    const appLoaded = await throughput(appSpec, { connections, seconds });
    const directLoaded = await throughput(directSpec, { connections, seconds });
    scenarios[name] = {
      query: qs,
      app: { unloaded: appUnloaded, loaded: appLoaded },
      meilisearch: { unloaded: directUnloaded, loaded: directLoaded },
      appOverMeiliP95: +(appUnloaded.p95 / directUnloaded.p95).toFixed(2),
      throughputVsFloor: +(appLoaded.rps / floor.loaded.rps).toFixed(2),
    };
    // Each scenario as it finishes, so a run cut short still leaves its figures.
    process.stderr.write(`${JSON.stringify({ [name]: scenarios[name] })}\n`);
  }
  results.needs = scenarios;
  results.appRssMb = rssMb(app.process.pid);
  await stopApp(app);

  // Degraded mode: Meilisearch "down" (a closed port) and PostgreSQL answering. It scans and joins
  // every public need, so with 100,000 of them a request takes seconds: a few sequential samples,
  // and a loaded run only when one request is fast enough for it to mean something.
  const degraded = await startApp({ MEILI_URL: "http://127.0.0.1:9", MEILI_MASTER_KEY: "unreachable-on-purpose" }).catch((error: unknown) => ({ error: String(error) }));
  if ("port" in degraded) {
    const fallback: Record<string, unknown> = {};
    for (const name of ["chinese", "filtered", "browse"] as const) {
      const spec = { url: `http://127.0.0.1:${degraded.port}/needs?${QUERIES[name]}` };
      const unloaded = await unloadedLatency(spec, { count: 5, warmup: 1 });
      fallback[name] = { unloaded, loaded: unloaded.p50 < 500 ? await throughput(spec, { connections, seconds: Math.min(seconds, 5) }) : "skipped: one request takes ≥ 0.5 s" };
      process.stderr.write(`${JSON.stringify({ fallback: { [name]: fallback[name] } })}\n`);
    }
    results.postgresFallback = fallback;
    await stopApp(degraded);
  } else results.postgresFallback = degraded;
} finally {
  await meili.stop();
}
console.log(JSON.stringify(results, null, 2));
