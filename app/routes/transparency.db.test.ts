// /transparency, /transparency.csv and the need page's funding progress through Remix's own request
// handler, with real Requests against a ledger written through postTransaction: the whole HTML a
// browser without JavaScript gets.
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../db/client.server";
import { createTestDatabase } from "../../tests/database";
import { rowsOf } from "../../tests/ledger-fixture";
import { createTestLoadContext } from "../../tests/load-context";
import type { LoadedServerBuild } from "../../tests/server-build";
import { loadServerBuild } from "../../tests/server-build";
import type { TransparencyLedger } from "../../tests/transparency-fixture";
import { ANONYMOUS_DONOR_CONTACT, HIDDEN_DONOR_NAME, NAMED_DONOR, seedTransparencyLedger } from "../../tests/transparency-fixture";
import { LEDGER_ACTIVITY_CSV_HEADER } from "../domain/transparency/ledger-activity-csv.server";

let handle: DatabaseHandle;
let loaded: LoadedServerBuild;
let build: ServerBuild;
let handleRequest: (request: Request, context: AppLoadContext) => Promise<Response>;
let ledger: TransparencyLedger;

beforeAll(async () => {
  handle = await createTestDatabase();
  [loaded, ledger] = await Promise.all([loadServerBuild(), seedTransparencyLedger(handle.db)]);
  build = loaded.build;
  handleRequest = createRequestHandler(build, "production");
}, 120_000);
afterAll(async () => {
  await loaded?.close();
  await handle?.close();
});

const get = (path: string, lng: "en" | "zh-CN" = "en") => handleRequest(new Request(`http://localhost:3000${path}`, { headers: { "Accept-Language": lng } }), createTestLoadContext({ database: handle }));

async function chainHead() {
  const [head] = await rowsOf(handle.db, z.object({ sequence: z.string(), hash: z.string() }), sql`select sequence::text, hash from ledger_chain_head`);
  if (!head) throw new Error("no chain head");
  return head;
}

describe("/transparency", () => {
  it("shows the chain head and accessible charts, without JavaScript", async () => {
    const response = await get("/transparency");
    expect(response.status).toBe(200);
    const html = await response.text();
    const head = await chainHead();
    expect(html).toContain(head.hash);
    expect(html).toMatch(new RegExp(`<dd class="font-mono">${head.sequence}</dd>`));
    // Each chart is an image with a title and a description, and its figures as a table.
    const svgs = html.match(/<svg role="img"[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg).toMatch(/<title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/);
    expect(svgs[0]).toContain("Received by source");
    expect(html).toMatch(/<th scope="row"[^>]*>Government<\/th><td[^>]*>¥2,000<\/td>/);
  });

  it("names the donor who chose to be named and no one else", async () => {
    const html = await (await get("/transparency")).text();
    expect(html).toContain(NAMED_DONOR);
    expect(html).not.toContain(HIDDEN_DONOR_NAME);
    expect(html).not.toContain(ANONYMOUS_DONOR_CONTACT);
    expect(html).not.toContain("测试学校");
  });

  it("lists public needs' progress and leaves a withdrawn need out", async () => {
    const html = await (await get("/transparency")).text();
    expect(html).toContain(`/needs/${ledger.refs.partly}`);
    expect(html).toMatch(/<progress max="100" value="6"/);
    expect(html).not.toContain(ledger.refs.withdrawn);
  });
});

describe("/transparency.csv", () => {
  it("downloads every transaction with a header, formula-looking cells guarded", async () => {
    const response = await get("/transparency.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    // Excel reads UTF-8 only after a byte-order mark (which text() would drop).
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...rows] = z.array(z.array(z.string())).parse(parse(text));
    expect(header).toEqual([...LEDGER_ACTIVITY_CSV_HEADER]);
    expect(rows.map((r) => r[0])).toEqual(["9", "8", "7", "6", "5", "4", "3", "2", "1"]);
    const titles = rows.map((r) => r[8]);
    expect(titles).toContain(`'${ledger.formulaTitle}`);
    expect(titles).not.toContain(ledger.formulaTitle);
    expect(rows.find((r) => r[2] === "reversal")).toEqual(expect.arrayContaining(["receipt", "70.00", "union"]));
    expect(text).not.toContain(ANONYMOUS_DONOR_CONTACT);
    expect(text).not.toContain(ledger.refs.withdrawn);
  });
});

describe("a need's funding progress", () => {
  it("shows raised, allocated and disbursed against the target as a progress bar", async () => {
    const html = await (await get(`/needs/${ledger.refs.funded}`)).text();
    expect(html).toMatch(/<progress id="funding-bar" max="100" value="100"/);
    expect(html).toContain("¥1,000 of ¥1,000 (100%)");
    expect(html).toMatch(/Raised from donors and grants<\/dt><dd[^>]*>¥600<\/dd>/);
    expect(html).toMatch(/Allocated from general funds<\/dt><dd[^>]*>¥400<\/dd>/);
    expect(html).toMatch(/Paid to providers<\/dt><dd[^>]*>¥250<\/dd>/);
    expect(html).toContain("Fully funded");
  });
});
