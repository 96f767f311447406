// Fills a DATA_DIR (or DATABASE_URL) with N published needs and M offers through the real importer
// and outbox, for bench/search.ts. Stories come from the demo data set's banks; identities are
// generated, obviously fake (测试…, 199…) and unique. Prints JSON with the import rate.
//   node --import tsx bench/generate-search-data.ts --needs 100000 --offers 20000
import { parseArgs } from "node:util";
import { parseImportDocument } from "../app/domain/import/import-document";
import type { ImportDocumentInput } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import { loadConfig } from "../app/env.server";
import { buildDemoDocument } from "../db/seed/demo-document";
import { createLogger } from "../server/logger.server";
import { startRuntime } from "../server/runtime.server";
import { fakeBirth, fakeResidentId } from "../tests/factories";

const { values } = parseArgs({ options: { needs: { type: "string", default: "100000" }, offers: { type: "string", default: "20000" } } });
const wantNeeds = Number(values.needs);
const wantOffers = Number(values.offers);
const DEMO_PER_IMPORT = 20;

const config = loadConfig({ ...process.env, SEED_DEMO: "false" });
const runtime = await startRuntime({ config, logger: createLogger({ level: "warn", destination: 2 }), purpose: "bench data generator" });

let needs = 0;
let offers = 0;
let cases = 0;
let importMs = 0;
const started = performance.now();
for (let batch = 0; needs < wantNeeds || offers < wantOffers; batch++) {
  const doc: Required<Pick<ImportDocumentInput, "organisations" | "cases" | "offers">> & { version: 1 } = { version: 1, organisations: [], cases: [], offers: [] };
  for (let k = 0; k < DEMO_PER_IMPORT && (needs < wantNeeds || offers < wantOffers); k++) {
    const seed = batch * DEMO_PER_IMPORT + k + 1;
    const demo = buildDemoDocument({ seed: 532923 + seed });
    const prefix = `b${seed}`;
    if (seed === 1) doc.organisations.push(...(demo.organisations ?? []));
    for (const c of demo.cases ?? []) {
      if (needs >= wantNeeds) break;
      cases++;
      const n = cases;
      const published = (c.needs ?? []).filter((need) => need.publish).slice(0, wantNeeds - needs);
      if (!published.length) continue;
      needs += published.length;
      doc.cases.push({
        ...c,
        key: `${prefix}-${c.key}`,
        consent: true,
        head: { name: `测试${n}`, idNumber: fakeResidentId(n), phone: `199${String(n).padStart(8, "0")}`, address: `测试路${n}号`, birthYear: fakeBirth(n).year, sex: "male" },
        needs: published.map((need) => ({ ...need, key: `${prefix}-${need.key}` })),
      });
    }
    for (const o of demo.offers ?? []) {
      if (offers >= wantOffers) break;
      if (o.status && o.status !== "open") continue;
      offers++;
      doc.offers.push({ ...o, key: `${prefix}-${o.key}` });
    }
  }
  const parsed = parseImportDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 5)));
  const t = performance.now();
  const imported = await importDocument({ db: runtime.db, cipher: runtime.cipher, document: parsed.document });
  importMs += performance.now() - t;
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems.slice(0, 5)));
  process.stderr.write(`\r${needs} needs, ${offers} offers`);
}
const indexStarted = performance.now();
const flushed = await runtime.flushSearch();
const indexMs = performance.now() - indexStarted;
await runtime.stop();
process.stderr.write("\n");
console.log(
  JSON.stringify({
    needs,
    offers,
    cases,
    driver: config.DATABASE_URL ? "pg" : "pglite",
    importSeconds: +(importMs / 1000).toFixed(1),
    casesPerSecond: Math.round(cases / (importMs / 1000)),
    indexSeconds: +(indexMs / 1000).toFixed(1),
    totalSeconds: +((performance.now() - started) / 1000).toFixed(1),
    searchUpdates: flushed,
  }),
);
