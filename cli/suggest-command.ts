// `suggest`: the suggested offers for a need, as staff see them (DESIGN §7).
//   npm run cli -- suggest <need reference or import key> [--limit N] [--json]
// --json prints [{ "offer": "O-…", "key": "<import key or null>", "score": 0.87, "reasons": ["…"] }],
// best first, the reasons in Chinese.
import { parseArgs } from "node:util";
import i18next from "i18next";
import type { Runtime } from "../server/runtime.server";
import type { CommandOutput } from "./cli-io";
import { i18nConfig } from "../app/i18n/config";
import { ALL_NAMESPACES, allResources } from "../app/i18n/resources.server";
import { describeReason } from "../app/domain/matching/reasons";
import { DEFAULT_SUGGESTIONS, findOfferSuggestions } from "../app/domain/matching/suggest-offers.server";

export type SuggestRuntime = Pick<Runtime, "db" | "search" | "logger" | "indexPrefix">;
export type WithSuggestRuntime = <T>(command: string, fn: (runtime: SuggestRuntime) => Promise<T>) => Promise<T>;

const USAGE = "suggest needs a need: npm run cli -- suggest <need reference or import key> [--limit N] [--json]";
const MAX_LIMIT = 50;

export async function suggestCommand(args: string[], withRuntime: WithSuggestRuntime, io: CommandOutput): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { limit: { type: "string" }, json: { type: "boolean", default: false } } });
  const [needRef, ...extra] = positionals;
  if (!needRef || extra.length) {
    io.err(USAGE);
    return 2;
  }
  const limit = values.limit === undefined ? DEFAULT_SUGGESTIONS : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    io.err(`--limit: must be a whole number from 1 to ${MAX_LIMIT} (got ${JSON.stringify(values.limit)})`);
    return 2;
  }
  const i18n = i18next.createInstance();
  await i18n.init({ ...i18nConfig, lng: "zh-CN", ns: [...ALL_NAMESPACES], resources: allResources });
  return withRuntime("suggest", async (runtime) => {
    // An unknown reference is a not-found DomainError naming it; main() in cli/cli.ts reports it.
    const { suggestions, degraded } = await findOfferSuggestions({ db: runtime.db, search: runtime.search, logger: runtime.logger, indexPrefix: runtime.indexPrefix }, needRef, { limit });
    if (degraded) io.err("the search engine did not answer: these suggestions come from the database, with simpler scoring");
    const rows = suggestions.map((s) => ({ offer: s.offer.ref, key: s.importKey, score: s.score, reasons: s.reasons.map((r) => describeReason(r, i18n.t)) }));
    if (values.json) io.out(JSON.stringify(rows, null, 2));
    else if (!rows.length) io.out(`no offer meets the rules for ${needRef}`);
    else {
      suggestions.forEach((s, i) => {
        io.out(`${i + 1}. ${s.offer.ref} ${s.score.toFixed(2)} ${s.offer.title} — ${s.offer.organisationName}${s.importKey ? ` (${s.importKey})` : ""}`);
        io.out(`   ${rows[i]?.reasons.join(" · ") ?? ""}`);
      });
    }
    return 0;
  });
}
