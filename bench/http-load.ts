// Load helpers for the benchmarks: unloaded latency from sequential requests (exact percentiles),
// throughput from autocannon with N connections.
import autocannon from "autocannon";

export interface RequestSpec {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (ms: number) => Math.round(ms * 100) / 100;

/** p50/p95/p99 in ms of `count` sequential requests after `warmup` unmeasured ones. */
export async function unloadedLatency(spec: RequestSpec, options: { count?: number; warmup?: number } = {}) {
  const send = async () => {
    const response = await fetch(spec.url, { method: spec.method ?? "GET", headers: { "accept-encoding": "identity", ...spec.headers }, body: spec.body });
    if (!response.ok) throw new Error(`${spec.url}: ${response.status}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < (options.warmup ?? 20); i++) await send();
  const samples: number[] = [];
  for (let i = 0; i < (options.count ?? 200); i++) {
    const start = performance.now();
    await send();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)) };
}

/** Requests per second and latency with `connections` concurrent clients for `seconds`. */
export async function throughput(spec: RequestSpec, options: { connections?: number; seconds?: number } = {}) {
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    connections: options.connections ?? 16,
    duration: options.seconds ?? 10,
  });
  if (result.non2xx || result.errors) throw new Error(`${spec.url}: ${result.non2xx} non-2xx, ${result.errors} errors under load`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}
