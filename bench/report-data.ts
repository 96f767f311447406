// Seeds a province's worth of relief work for bench/reports.ts, in bulk SQL rather than through the
// use cases (which would take hours at this size): unions for the province, each prefecture and
// each county; providers and offers; households (identities encrypted with a throwaway key, every
// one obviously fake: 测试…, 199…), their moves through the case lifecycle in the audit log, needs,
// matches with their events, and a ledger (report-ledger-data.ts) spread over the period. The audit
// log also carries the other rows those actions write, so the reports filter a log of realistic
// size. Deterministic from the seed, apart from row ids.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { AuditAction } from "../app/domain/audit/audit-actions";
import type { CaseStatus, CaseTier, HardshipCause } from "../app/domain/cases/case-vocabulary";
import { HARDSHIP_CAUSES } from "../app/domain/cases/case-vocabulary";
import type { MatchStatus } from "../app/domain/matching/match-status";
import type { NeedStatus } from "../app/domain/needs/need-category";
import { NEED_CATEGORIES } from "../app/domain/needs/need-category";
import { REGISTRABLE_KINDS } from "../app/domain/organisations/organisation-vocabulary";
import type { IdentityCipher } from "../app/domain/privacy/identity-cipher.server";
import { fakeBirth, fakeResidentId } from "../tests/factories";
import type { Column, Random } from "./bulk-seed";
import { DAY_MS, at, chinaDay, insertRows, pgArray, randomSource } from "./bulk-seed";
import type { SeededNeed, Union } from "./report-ledger-data";
import { seedLedger } from "./report-ledger-data";

export interface ReportDataOptions {
  province: string;
  cases: number;
  needs: number;
  transactions: number;
  /** The span the rows' dates fall in. */
  from: Date;
  to: Date;
  seed: number;
  cipher: IdentityCipher;
  /** The two finance users a disbursement names (requester and approver must differ). */
  financeUserIds: readonly [string, string];
  /** Ledger transactions per database transaction (each sealed at its commit). */
  ledgerBatch?: number;
  onProgress?: (step: string) => void;
}

export interface ReportDataCounts {
  unions: number;
  providers: number;
  offers: number;
  cases: number;
  caseStatusMoves: number;
  needs: number;
  matches: number;
  matchEvents: number;
  auditRows: number;
  ledgerAccounts: number;
  ledgerTransactions: number;
  ledgerPostings: number;
  disbursementRequests: number;
  seconds: Record<string, number>;
}

const PROVIDERS = 300;
const OFFERS = 3_000;

interface Region {
  code: string;
  nameZh: string;
  level: "province" | "prefecture" | "county";
}
/** Seeds everything; answers the row counts and how long each part took. */
export async function seedReportData(client: pg.ClientBase, options: ReportDataOptions): Promise<ReportDataCounts> {
  const random = randomSource(options.seed);
  const from = options.from.getTime();
  const to = options.to.getTime();
  const span = to - from;
  const seconds: Record<string, number> = {};
  const audit: unknown[][] = [];
  const auditColumns: Column[] = [
    ["occurred_at", "text", "timestamptz"],
    ["action", "text"],
    ["entity", "text"],
    ["entity_id", "text"],
    ["organisation_id", "text", "uuid"],
    ["region_code", "text"],
    ["summary", "text", "jsonb"],
  ];
  const timed = async (step: string, work: () => Promise<void>) => {
    options.onProgress?.(step);
    const started = performance.now();
    await work();
    seconds[step] = Math.round((performance.now() - started) / 100) / 10;
  };

  const { rows: regionRows } = await client.query<Region>(
    `select code, name_zh as "nameZh", level from regions where starts_with(code, $1) order by code`,
    [options.province],
  );
  const counties = regionRows.filter((r) => r.level === "county");
  if (!counties.length) throw new Error(`no counties under ${options.province}`);

  // Unions: the province's, each prefecture's and each county's, each under the one above.
  const unions = new Map<string, Union>();
  let providers: { id: string; region: string }[] = [];
  const offerIds: string[] = [];
  await timed("organisations", async () => {
    const rows: unknown[][] = [];
    for (const region of regionRows) {
      const id = randomUUID();
      const parent = region.level === "province" ? null : unions.get(region.code.slice(0, region.code.length - 2))?.id ?? null;
      unions.set(region.code, { id, region: region.code, accounts: { bank: randomUUID(), funds: { government: randomUUID(), union: randomUUID(), donations: randomUUID() } } });
      rows.push([id, "union", `${region.nameZh}总工会（测试）`, region.code, parent, `bench-union-${region.code}`]);
    }
    providers = Array.from({ length: PROVIDERS }, (_, i) => ({ id: randomUUID(), region: random.pick(regionRows).code, kind: random.pick(REGISTRABLE_KINDS), i })).map((p) => {
      rows.push([p.id, p.kind, `测试机构 ${p.i + 1}`, p.region, null, `bench-provider-${p.i + 1}`]);
      return { id: p.id, region: p.region };
    });
    await insertRows(
      client,
      "organisations",
      [["id", "text", "uuid"], ["kind", "text"], ["name", "text"], ["region_code", "text"], ["parent_id", "text", "uuid"], ["import_key", "text"], ["status", "text"]],
      rows.map((r) => [...r, "verified"]),
    );
    const offers = Array.from({ length: OFFERS }, (_, i) => {
      const provider = random.pick(providers);
      const id = randomUUID();
      offerIds.push(id);
      const open = random.chance(0.7);
      return [id, `O-BENCH${i + 1}`, provider.id, random.pick(NEED_CATEGORIES), `测试服务 ${i + 1}`, "测试用的服务说明，没有真实的机构。", pgArray([provider.region.slice(0, 4)]), 10, 5, open ? "open" : "closed", open ? null : "expired"];
    });
    await insertRows(
      client,
      "offers",
      [["id", "text", "uuid"], ["ref", "text"], ["organisation_id", "text", "uuid"], ["category", "text"], ["title", "text"], ["description", "text"], ["region_codes", "text", "text[]"], ["capacity", "int4"], ["remaining_capacity", "int4"], ["status", "text"], ["closed_reason", "text"]],
      offers,
    );
  });

  // Households: counties of unequal size; each moves registered → verified → assisting, some exit
  // and some of those relapse, each move on its day as long as it is before the end.
  const countyWeights = counties.map(() => random.int(1, 10));
  const pickCounty = () => random.weighted(counties, countyWeights);
  const eligible: { id: string; region: string; union: Union; assistingAt: number }[] = [];
  let caseStatusMoves = 0;
  await timed("cases", async () => {
    const rows: unknown[][] = [];
    const counters = new Map<string, { region: string; year: number; last: number }>();
    const tiers: CaseTier[] = ["general", "general", "general", "sudden", "severe"];
    for (let n = 1; n <= options.cases; n++) {
      const county = pickCounty();
      const union = unions.get(county.code);
      if (!union) throw new Error(`no union for ${county.code}`);
      const id = randomUUID();
      const createdAt = from + random.next() * span;
      const year = new Date(createdAt + 8 * 3_600_000).getUTCFullYear();
      const counter = counters.get(`${county.code}|${year}`) ?? { region: county.code, year, last: 0 };
      const number = ++counter.last;
      counters.set(`${county.code}|${year}`, counter);
      const causes = new Set<HardshipCause>([random.pick(HARDSHIP_CAUSES)]);
      if (random.chance(0.3)) causes.add(random.pick(HARDSHIP_CAUSES));
      const state: { status: CaseStatus; moment: number } = { status: "registered", moment: createdAt };
      const move = (next: CaseStatus, afterDays: number) => {
        const when = state.moment + afterDays * DAY_MS;
        if (when > to) return false;
        audit.push([at(when), "case.status", "case", id, union.id, county.code, JSON.stringify({ before: { status: state.status }, after: { status: next } })]);
        caseStatusMoves++;
        state.status = next;
        state.moment = when;
        return true;
      };
      const verified = random.chance(0.9) && move("verified", random.int(1, 10));
      const assisting = verified && random.chance(0.9) && move("assisting", random.int(1, 20));
      if (assisting) eligible.push({ id, region: county.code, union, assistingAt: state.moment });
      if (assisting && random.chance(0.35) && move("exited", random.int(30, 300)) && random.chance(0.2)) move("assisting", random.int(30, 200));
      audit.push([at(createdAt), "case.register", "case", id, union.id, county.code, JSON.stringify({ after: { status: "registered" } })]);
      const resident = fakeResidentId(n, { region: county.code });
      rows.push([
        id,
        `${county.code}-${year}-${String(number).padStart(4, "0")}`,
        union.id,
        county.code,
        options.cipher.encrypt("name", `测试${n}`),
        options.cipher.encrypt("idNumber", resident),
        options.cipher.encrypt("phone", `199${String(n).padStart(8, "0")}`),
        options.cipher.encrypt("address", `测试路${n}号`),
        options.cipher.hashResidentId(resident),
        fakeBirth(n).year,
        random.chance(0.5) ? "male" : "female",
        random.int(1, 6),
        `${random.int(200, 900)}.00`,
        pgArray([...causes]),
        random.pick(tiers),
        state.status,
        true,
        state.status === "exited" ? chinaDay(state.moment + 180 * DAY_MS) : null,
        at(createdAt),
        at(state.moment),
      ]);
    }
    await insertRows(
      client,
      "cases",
      [
        ["id", "text", "uuid"],
        ["case_number", "text"],
        ["organisation_id", "text", "uuid"],
        ["region_code", "text"],
        ["head_name_enc", "bytea"],
        ["head_id_number_enc", "bytea"],
        ["head_phone_enc", "bytea"],
        ["head_address_enc", "bytea"],
        ["id_hash", "bytea"],
        ["birth_year", "int4"],
        ["sex", "text"],
        ["household_size", "int4"],
        ["monthly_income_per_head", "text", "numeric"],
        ["causes", "text", "text[]"],
        ["tier", "text"],
        ["status", "text"],
        ["consent", "bool"],
        ["follow_up_on", "text", "date"],
        ["created_at", "text", "timestamptz"],
        ["updated_at", "text", "timestamptz"],
      ],
      rows,
    );
    await insertRows(
      client,
      "case_number_counters",
      [["region_code", "text"], ["year", "int4"], ["last_number", "int4"]],
      [...counters.values()].map((c) => [c.region, c.year, c.last]),
    );
  });

  // Needs: one for every household being assisted, the rest spread at random among them.
  const needList: SeededNeed[] = [];
  let matchCount = 0;
  let matchEventCount = 0;
  await timed("needs and matches", async () => {
    if (!eligible.length) throw new Error("no household reached assisting");
    const owners = eligible.map((_, i) => i);
    while (owners.length < options.needs) owners.push(random.int(0, eligible.length - 1));
    const needRows: unknown[][] = [];
    const matchRows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    const statuses: NeedStatus[] = ["published", "published", "published", "matched", "matched", "fulfilled", "fulfilled", "fulfilled", "withdrawn", "expired"];
    for (const [i, owner] of owners.slice(0, options.needs).entries()) {
      const household = eligible[owner];
      if (!household) throw new Error("no household");
      const id = randomUUID();
      const createdAt = Math.min(to, household.assistingAt + random.int(0, 90) * DAY_MS);
      const status: NeedStatus = random.chance(0.05) ? "draft" : random.pick(statuses);
      const publishedAt = status === "draft" ? null : Math.min(to, createdAt + random.int(0, 3) * DAY_MS);
      const category = random.pick(NEED_CATEGORIES);
      needList.push({ id, caseId: household.id, region: household.region, category, publishedAt });
      needRows.push([id, `N-BENCH${i + 1}`, household.id, household.region, category, `测试需要 ${i + 1}`, "测试用的需要说明，没有真实的人。", status, publishedAt === null ? null : at(publishedAt), at(createdAt), at(publishedAt ?? createdAt)]);
      if (publishedAt !== null) {
        audit.push([at(publishedAt), "need.publish", "need", id, household.union.id, household.region, null]);
        const outcome = matchOutcome(random, status);
        if (outcome) {
          const events = matchEvents(random, outcome, publishedAt, to);
          const matchId = randomUUID();
          matchCount++;
          const created = events[0]?.at ?? publishedAt;
          const last = events[events.length - 1]?.at ?? created;
          matchRows.push([
            matchId,
            `M-BENCH${matchCount}`,
            id,
            random.pick(offerIds),
            events[0]?.to === "requested" ? "requested" : "proposed",
            outcome,
            outcome === "declined" ? "测试：名额已满" : null,
            outcome === "fulfilled" || outcome === "failed" ? "测试：已结束" : null,
            at(created),
            at(last),
            at(last),
          ]);
          for (const event of events) {
            eventRows.push([matchId, event.from, event.to, at(event.at)]);
            audit.push([at(event.at), MATCH_ACTIONS[event.to], "match", matchId, household.union.id, household.region, null]);
          }
          matchEventCount += events.length;
        }
      }
    }
    await insertRows(
      client,
      "needs",
      [["id", "text", "uuid"], ["ref", "text"], ["case_id", "text", "uuid"], ["region_code", "text"], ["category", "text"], ["title", "text"], ["story", "text"], ["status", "text"], ["published_at", "text", "timestamptz"], ["created_at", "text", "timestamptz"], ["updated_at", "text", "timestamptz"]],
      needRows,
    );
    await insertRows(
      client,
      "matches",
      [["id", "text", "uuid"], ["ref", "text"], ["need_id", "text", "uuid"], ["offer_id", "text", "uuid"], ["origin", "text"], ["status", "text"], ["decline_reason", "text"], ["outcome_note", "text"], ["created_at", "text", "timestamptz"], ["updated_at", "text", "timestamptz"], ["status_changed_at", "text", "timestamptz"]],
      matchRows,
    );
    await insertRows(client, "match_events", [["match_id", "text", "uuid"], ["from_status", "text"], ["to_status", "text"], ["occurred_at", "text", "timestamptz"]], eventRows);
  });

  const ledger = await seedLedger(client, { ...options, random, unions, seededNeeds: needList, audit, timed });

  await timed("audit log", async () => {
    // Sign-ins and identity reads: rows the reports never count but have to filter out.
    for (let i = 0; i < options.cases; i++) {
      const union = unions.get(random.pick(counties).code);
      audit.push([at(from + random.next() * span), "auth.sign-in", "user", null, union?.id ?? null, null, null]);
      if (random.chance(0.4)) audit.push([at(from + random.next() * span), "identity.reveal", "case", null, union?.id ?? null, union?.region ?? null, null]);
    }
    audit.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    await insertRows(client, "audit_log", auditColumns, audit);
  });

  return {
    unions: unions.size,
    providers: providers.length,
    offers: offerIds.length,
    cases: options.cases,
    caseStatusMoves,
    needs: needList.length,
    matches: matchCount,
    matchEvents: matchEventCount,
    auditRows: audit.length,
    ...ledger,
    seconds,
  };
}

const MATCH_ACTIONS: Record<MatchStatus, AuditAction> = {
  requested: "match.request",
  proposed: "match.propose",
  accepted: "match.accept",
  declined: "match.decline",
  withdrawn: "match.withdraw",
  fulfilled: "match.fulfil",
  failed: "match.fail",
};

/** What became of a need's match, if it has one, from the need's status. */
function matchOutcome(random: Random, status: NeedStatus): MatchStatus | null {
  switch (status) {
    case "matched":
      return random.pick(["requested", "proposed", "accepted", "accepted"] as const);
    case "fulfilled":
      return random.chance(0.75) ? "fulfilled" : null;
    case "published":
      return random.chance(0.35) ? random.pick(["requested", "proposed", "declined", "withdrawn", "failed"] as const) : null;
    default:
      return random.chance(0.1) ? "withdrawn" : null;
  }
}

/** The moves of a match to `outcome`, from a request or a proposal after publication, none after `to`. */
function matchEvents(random: Random, outcome: MatchStatus, publishedAt: number, to: number) {
  const requested = outcome === "requested" || (outcome !== "proposed" && random.chance(0.4));
  const path: MatchStatus[] = requested ? ["requested"] : ["proposed"];
  if (outcome !== "requested" && outcome !== "proposed") {
    if (requested) path.push("proposed");
    if (outcome === "fulfilled" || outcome === "failed" || (outcome === "withdrawn" && random.chance(0.3))) path.push("accepted");
    path.push(outcome);
  } else if (outcome === "proposed" && requested) {
    path.push("proposed");
  }
  let moment = publishedAt;
  return path.map((status, i) => {
    moment = Math.min(to, moment + random.int(i === 0 ? 0 : 1, i === 0 ? 30 : 40) * DAY_MS + random.int(0, 86_399) * 1000);
    return { from: i === 0 ? null : (path[i - 1] ?? null), to: status, at: moment };
  });
}
