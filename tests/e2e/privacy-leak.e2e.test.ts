// The privacy leak test: 1,000 generated households with identities and published needs
// are imported into a fresh installation; then every public page reachable from / (pagination and a
// set of searches included), every public API response, the loaders' .data responses, a dump of both
// Meilisearch indexes and the server's own log are searched for every identity value and its
// variants (full-width, spaced, dashed, partial ID runs of 6+ digits). Requests that fail while
// carrying identities (bad input, searches, paths) are sent first, so the log of failures is searched
// as well. Zero hits is the only pass.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli";
import { SERVER_BUNDLE } from "../../scripts/build-if-stale.mjs";
import { fakeCase, fakeDocument } from "../factories";
import { startTestSearch } from "../search-fixture";

const CASES = 1000;
/** Requests the crawl has on their way at once: the server answers one while the test reads another. */
const IN_FLIGHT = 6;
const root = new URL("../..", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "xiangyun-leak-"));
const identityKey = randomBytes(32).toString("base64");
let search: Awaited<ReturnType<typeof startTestSearch>>;
let server: ChildProcess;
let baseUrl: string;
let serverLog = "";

const toAscii = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * The identity values of the generated households, in a form that can be looked up fast: every
 * run of 6+ digits of a resident ID (except its leading region code, which is the public county),
 * every run of 7+ digits of a phone number, the names and the street addresses.
 */
function identityIndex(heads: { name: string; idNumber: string; phone: string; address: string }[]) {
  const digitRuns = new Map<string, string>();
  const words = new Map<string, string>();
  for (const head of heads) {
    const id = head.idNumber.replace(/[xX]$/, "");
    for (let start = 1; start < id.length; start++) for (let end = start + 6; end <= id.length; end++) digitRuns.set(id.slice(start, end), head.name);
    for (let start = 0; start < head.phone.length; start++) for (let end = start + 7; end <= head.phone.length; end++) digitRuns.set(head.phone.slice(start, end), head.name);
    words.set(head.name, head.name);
    words.set(head.address.replace(/\s+/g, ""), head.name);
  }
  return { digitRuns, words };
}

/**
 * Identity values in a text: digit runs are read as people write them (full-width digits, spaces,
 * dashes or dots between digits, +86 in front) and every 6+ digit stretch is looked up; generated
 * names (测试 + a stem + the number) and addresses (测试路 n 号) are matched whole.
 */
function findIdentities(text: string, index: ReturnType<typeof identityIndex>): string[] {
  const found: string[] = [];
  for (const match of toAscii(text).matchAll(/\d(?:[\s\-.]?\d)+/g)) {
    const digits = match[0].replace(/\D/g, "");
    if (digits.length < 6) continue;
    for (let start = 0; start + 6 <= digits.length; start++) {
      for (let end = start + 6; end <= digits.length; end++) {
        const run = digits.slice(start, end);
        if (index.digitRuns.has(run)) found.push(run);
      }
    }
  }
  for (const match of text.matchAll(/测试[甲乙丙丁戊己庚辛壬癸]\d+|测试路\s*\d+\s*号/g)) {
    const word = match[0].replace(/\s+/g, "");
    if (index.words.has(word)) found.push(word);
  }
  return found;
}

/**
 * A page's random identifiers taken out before the search: UUIDs (the unions offered on /give) and
 * the pledge form's key (26 characters of Crockford base32, letters among them). Digits inside them,
 * read across a UUID's dashes as a written number would be, match one of the ~12,000 six-digit runs
 * of the households' IDs every few crawls by chance. An identity has no letters and neither shape.
 */
const withoutRandomIds = (text: string) =>
  text
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "[uuid]")
    .replace(/\b(?=[0-9A-Z]*[A-HJKMNP-TV-Z])[0-9A-HJKMNP-TV-Z]{26}\b/g, "[form key]");

/** Runs a command in this process (tests/cli.ts); its log lines are searched with the server's. */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { code, stdout, stderr } = await runCli(args, env);
  serverLog += stderr;
  if (code !== 0) throw new Error(`${args.join(" ")}: ${stderr}`);
  return stdout;
}

const document = fakeDocument({ cases: 0, offers: 5 });
// Phones with eight varied digits after 199 (the factory's 1990000nnnn are mostly zeros, and runs
// of zeros turn up in any page of amounts).
document.cases = Array.from({ length: CASES }, (_, i) =>
  fakeCase(i + 1, {
    head: { ...fakeCase(i + 1).head, phone: `199${String(10_000_000 + (((i + 1) * 7_919_003) % 89_999_999))}` },
    needs: [
      { key: `need-${i + 1}`, category: i % 3 === 0 ? "medical" : "job", title: `需要帮助的家庭 第${i % 97}号计划`, story: "家庭遭遇困难，希望得到工作或医疗上的帮助。", skills: i % 2 ? ["电工"] : [], amount: i % 3 === 0 ? "3000.00" : null, publish: true },
    ],
  }),
);

beforeAll(async () => {
  search = await startTestSearch();
  const { DATABASE_URL: _db, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: dataDir, IDENTITY_KEY: identityKey, MEILI_URL: search.meili.url, MEILI_MASTER_KEY: search.meili.masterKey, SEED_DEMO: "false", LOG_LEVEL: "info" };
  const file = join(dataDir, "cases.json");
  writeFileSync(file, JSON.stringify(document));
  await run(["import", file], env);
  rmSync(file);
  server = spawn(process.execPath, [SERVER_BUNDLE], { cwd: root, env: { ...env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /"port":(\d+),"startupMs"/.exec(serverLog);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 100);
    server.once("exit", (code) => reject(new Error(`server exited with ${code}: ${serverLog.slice(-2000)}`)));
  });
  baseUrl = `http://127.0.0.1:${port}`;
}, 300_000);

afterAll(async () => {
  server?.kill("SIGTERM");
  if (server && server.exitCode === null) await new Promise((resolve) => server.once("exit", resolve));
  await search?.meili.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Corpus {
  pages: number;
  apiResponses: number;
  dataResponses: number;
  documents: number;
  texts: { where: string; body: string }[];
}

/**
 * A response as the server sends it, uncompressed: the crawl reads its text, and compressing some
 * 7,000 responses for the crawl to undo cost about 7 s of CPU. The browser tests get them compressed.
 */
async function get(path: string): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(new URL(path, baseUrl), { redirect: "manual", headers: { "Accept-Encoding": "identity" } });
  return { status: response.status, body: await response.text(), type: response.headers.get("content-type") ?? "" };
}

/** A public HTML page and its loaders' .data response; null when the path is no 200 HTML page. */
async function getPageAndData(path: string) {
  const page = await get(path);
  if (page.status !== 200 || !page.type.includes("text/html")) return null;
  const url = new URL(path, baseUrl);
  const data = await get(`${url.pathname === "/" ? "/_root" : url.pathname}.data${url.search}`);
  return { page, data };
}

/** `fn` over `items`, IN_FLIGHT requests at a time; the results in the items' order. */
async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += IN_FLIGHT) results.push(...(await Promise.all(items.slice(start, start + IN_FLIGHT).map(fn))));
  return results;
}

/** Same-origin links of a page that stay on the public site. */
function links(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => (m[1] ?? "").replaceAll("&amp;", "&")).filter((href) => !href.startsWith("/assets/") && !href.startsWith("/staff") && !href.startsWith("/account"));
}

/**
 * Requests that fail while carrying identity values, so the log of failures is searched too: a NUL
 * byte in a story (a failed query used to be logged with its parameters), a body that is no form,
 * searches and paths made of identities (request lines used to carry the query and the path).
 */
async function failWithIdentities(): Promise<number[]> {
  const statuses: number[] = [];
  const send = async (path: string, init?: RequestInit) => {
    const response = await fetch(new URL(path, baseUrl), { redirect: "manual", ...init, headers: { Origin: baseUrl, "Sec-Fetch-Site": "same-origin", ...init?.headers } });
    await response.arrayBuffer();
    statuses.push(response.status);
  };
  const form = (fields: Record<string, string>) => ({ method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
  for (const { head } of (document.cases ?? []).slice(0, 5)) {
    const story = `我是${head.name}，身份证${head.idNumber}，电话${head.phone}，住${head.address}\u0000`;
    await send("/apply", form({ name: head.name, idNumber: head.idNumber, phone: head.phone, county: "532923", whatHappened: story, helpNeeded: story, consent: "on" }));
    await send("/register", form({ kind: "charity", name: head.name, region: "532923", description: story, contactName: head.name, contactEmail: `${head.phone}@example.org`, contactPhone: head.phone }));
    await send("/apply", { method: "POST", headers: { "Content-Type": "text/plain" }, body: `name=${head.name}&idNumber=${head.idNumber}` });
    await send("/sign-in", form({ email: `${head.phone}@example.org`, password: head.idNumber, redirectTo: `/${head.idNumber}\r\n` }));
    await send("/apply/status", form({ number: "A-2345678", phone: head.phone }));
    await send(`/needs?q=${encodeURIComponent(head.name)}&region=${head.idNumber}`);
    await send(`/reset-password/${head.idNumber}`);
    await send(`/needs/${encodeURIComponent(head.address)}%FF`);
  }
  return statuses;
}

async function crawl(): Promise<Corpus> {
  const corpus: Corpus = { pages: 0, apiResponses: 0, dataResponses: 0, documents: 0, texts: [] };
  // First, so that their log lines are written out while the crawl runs.
  const failed = await failWithIdentities();
  expect(failed.filter((status) => status >= 400).length).toBeGreaterThan(20);
  expect(failed.every((status) => status < 500)).toBe(true);
  const seeds = ["/", "/needs", "/offers", "/needs?q=电工", "/needs?q=electrician", "/needs?q=测试", "/needs?category=medical&money=yes", "/needs?region=5329", "/needs?sort=goal", "/offers?q=水电工", "/register", "/sign-in", "/apply", "/impact"];
  // Breadth first, as one visitor would go, but with the next few pages of the queue already on
  // their way: the results are taken in queue order, so the same pages are crawled, in the same order.
  const queue = [...seeds];
  const seen = new Set<string>(queue);
  const fetching = new Map<number, ReturnType<typeof getPageAndData>>();
  let started = 0;
  for (let at = 0; at < queue.length && corpus.pages < 3000; at++) {
    for (; started < queue.length && started < at + IN_FLIGHT; started++) fetching.set(started, getPageAndData(queue[started] ?? "/"));
    const path = queue[at] ?? "/";
    const fetched = await fetching.get(at);
    fetching.delete(at);
    if (!fetched) continue;
    const { page, data } = fetched;
    corpus.pages++;
    corpus.texts.push({ where: path, body: page.body });
    if (data.status === 200) {
      corpus.dataResponses++;
      corpus.texts.push({ where: `${path} (.data)`, body: data.body });
    }
    for (const href of links(page.body)) {
      const parsed = new URL(href, baseUrl);
      // Facet combinations multiply without end: follow pages, need and offer pages, and one-filter searches.
      if ([...parsed.searchParams.keys()].length > 2) continue;
      const key = `${parsed.pathname}${parsed.search}`;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    }
  }
  // Pages fetched ahead past the 3,000th are let finish (and not counted).
  await Promise.all(fetching.values());
  for (const resource of ["needs", "offers"] as const) {
    for (let page = 1; ; page++) {
      const list = await get(`/api/v1/${resource}?page=${page}&pageSize=50`);
      corpus.apiResponses++;
      corpus.texts.push({ where: `/api/v1/${resource}?page=${page}`, body: list.body });
      const parsed = JSON.parse(list.body) as { data: { ref: string }[]; meta: { totalPages: number } };
      const items = await inBatches(parsed.data, async ({ ref }) => ({ ref, body: (await get(`/api/v1/${resource}/${ref}`)).body }));
      for (const { ref, body } of items) {
        corpus.apiResponses++;
        corpus.texts.push({ where: `/api/v1/${resource}/${ref}`, body });
      }
      if (page >= parsed.meta.totalPages) break;
    }
  }
  for (const region of ["", "53", "5329", "5301"]) {
    const impact = await get(`/api/v1/impact${region ? `?region=${region}` : ""}`);
    corpus.apiResponses++;
    corpus.texts.push({ where: `/api/v1/impact?region=${region}`, body: impact.body });
  }
  const openapi = await get("/api/v1/openapi.json");
  corpus.apiResponses++;
  corpus.texts.push({ where: "/api/v1/openapi.json", body: openapi.body });
  for (const index of ["needs", "offers"]) {
    for (let offset = 0; ; offset += 1000) {
      const response = await fetch(`${search.meili.url}/indexes/${index}/documents?limit=1000&offset=${offset}`, { headers: { authorization: `Bearer ${search.meili.masterKey}` } });
      const body = await response.text();
      const parsed = JSON.parse(body) as { results: unknown[]; total: number };
      corpus.documents += parsed.results.length;
      corpus.texts.push({ where: `meilisearch ${index} @${offset}`, body });
      if (offset + 1000 >= parsed.total) break;
    }
    const settings = await fetch(`${search.meili.url}/indexes/${index}/settings`, { headers: { authorization: `Bearer ${search.meili.masterKey}` } });
    corpus.texts.push({ where: `meilisearch ${index} settings`, body: await settings.text() });
  }
  // Log lines are JSON: numbers there are times, ports and durations (an identity is always text),
  // so only the text values are searched, where a leaked name or ID would be.
  const logText = serverLog
    .split("\n")
    .map((line) => {
      try {
        return JSON.stringify(JSON.parse(line), (_key, value: unknown) => (typeof value === "number" ? undefined : value));
      } catch {
        return line;
      }
    })
    .join("\n");
  corpus.texts.push({ where: "server and CLI log", body: logText });
  return corpus;
}

describe("the privacy leak crawl", () => {
  it("finds no identity value of 1,000 households anywhere public, in the index or in the log", async () => {
    const corpus = await crawl();
    const index = identityIndex((document.cases ?? []).map((c) => c.head));
    const hits: string[] = [];
    for (const { where, body: raw } of corpus.texts) {
      const body = withoutRandomIds(raw);
      // JSON may escape non-ASCII as \uXXXX: look at the decoded text too.
      const decoded = body.includes("\\u") ? body.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : body;
      for (const value of new Set([...findIdentities(body, index), ...findIdentities(decoded, index)])) hits.push(`${where}: "${value}"`);
    }
    console.info(`privacy leak crawl: ${corpus.pages} pages, ${corpus.dataResponses} .data responses, ${corpus.apiResponses} API responses, ${corpus.documents} index documents, ${index.digitRuns.size + index.words.size} identity strings of ${CASES} households`);
    expect(corpus.pages).toBeGreaterThan(CASES);
    expect(corpus.documents).toBeGreaterThanOrEqual(CASES);
    expect(hits.slice(0, 50)).toEqual([]);
  }, 900_000);
});
