// The authorization matrix: every route of the built app's route manifest, requested by
// every kind of person, against the status this table expects. A route missing from the table
// fails the test, and so does any status other than the expected one — an unexpected allow above
// all. Routes with an action are also POSTed by everyone the GET refuses: they must refuse too.
// Also here, over real HTTP: a cross-site POST is refused, signed-in pages are not cached.
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "../../db/seed/demo-accounts.server";
import { postForm, sameOriginHeaders, signInOverHttp } from "./http-session";

const ROLES = ["anonymous", "donor", "providerMember", "providerAdmin", "caseworker", "finance", "auditor", "unionAdmin", "platformAdmin"] as const;
type Role = (typeof ROLES)[number];

const ACCOUNTS: Record<Exclude<Role, "anonymous">, { email: string; totp?: boolean }> = {
  donor: { email: "donor@demo.xiangyun.invalid" },
  providerMember: { email: "provider-member@demo.xiangyun.invalid" },
  providerAdmin: { email: "provider-admin@demo.xiangyun.invalid" },
  caseworker: { email: "caseworker@demo.xiangyun.invalid" },
  finance: { email: "finance@demo.xiangyun.invalid", totp: true },
  auditor: { email: "auditor@demo.xiangyun.invalid" },
  unionAdmin: { email: "union-admin@demo.xiangyun.invalid", totp: true },
  platformAdmin: { email: "platform-admin@demo.xiangyun.invalid", totp: true },
};

/** One status per role, in ROLES order. */
type Row = readonly [number, number, number, number, number, number, number, number, number];
const all = (status: number): Row => [status, status, status, status, status, status, status, status, status];
//                                  anon donor pMem pAdm case fin  aud  uAdm plat
const SIGNED_IN: Row = /*        */ [302, 200, 200, 200, 200, 200, 200, 200, 200];
const MEMBERS: Row = /*          */ [302, 403, 200, 200, 200, 200, 200, 200, 403];
const ORG_ADMINS: Row = /*       */ [302, 403, 403, 200, 403, 403, 403, 200, 403];
const MATCH_RESPONDERS: Row = /* */ [302, 403, 200, 200, 403, 403, 403, 403, 403];
const STAFF: Row = /*            */ [302, 403, 403, 403, 200, 200, 200, 200, 200];
const CASE_READERS: Row = /*     */ [302, 403, 403, 403, 200, 403, 200, 200, 403];
const CASE_WRITERS: Row = /*     */ [302, 403, 403, 403, 200, 403, 403, 200, 403];
const OTHER_COUNTY: Row = /*     */ [302, 403, 403, 403, 404, 403, 404, 404, 403];
const OTHER_COUNTY_WRITE: Row = /**/ [302, 403, 403, 403, 404, 403, 403, 404, 403];
const UNION_ADMINS: Row = /*     */ [302, 403, 403, 403, 403, 403, 403, 200, 403];
const AUDIT_READERS: Row = /*    */ [302, 403, 403, 403, 403, 403, 200, 200, 200];
const PLATFORM_ADMINS: Row = /*  */ [302, 403, 403, 403, 403, 403, 403, 403, 200];
const ANONYMOUS_ONLY: Row = /*   */ [200, 302, 302, 302, 302, 302, 302, 302, 302];
// Admins and members of an organisation write its offers (the union admin those of the union).
const OFFER_WRITERS: Row = /*    */ [302, 403, 200, 200, 403, 403, 403, 200, 403];
const OWN_OFFER: Row = /*        */ [302, 403, 200, 200, 403, 403, 403, 404, 403];

interface Fixtures {
  needRef: string;
  offerRef: string;
  xiangyunCase: string;
  binchuanCase: string;
  xiangyunNeed: string;
  pendingOrganisation: string;
  /** An offer of the demo training school the provider accounts belong to. */
  ownOfferRef: string;
}

/** Route id → the requests to make (path with parameters filled) and the statuses expected. */
function expectations(f: Fixtures): Record<string, { path: string; expect: Row }[]> {
  const bogusToken = randomBytes(32).toString("base64url");
  return {
    "routes/_index": [{ path: "/", expect: all(200) }],
    "routes/$": [{ path: "/no-such-page", expect: all(404) }],
    "routes/needs._index": [{ path: "/needs?q=%E7%94%B5%E5%B7%A5", expect: all(200) }],
    "routes/needs.$ref": [{ path: `/needs/${f.needRef}`, expect: all(200) }, { path: "/needs/N-AAAAAAA", expect: all(404) }],
    "routes/offers._index": [{ path: "/offers", expect: all(200) }],
    "routes/offers.$ref": [{ path: `/offers/${f.offerRef}`, expect: all(200) }],
    "routes/about": [{ path: "/about", expect: all(200) }],
    "routes/transparency": [{ path: "/transparency", expect: all(200) }],
    "routes/transparency[.]csv": [{ path: "/transparency.csv", expect: all(200) }],
    "routes/impact": [{ path: "/impact", expect: all(200) }, { path: "/impact?region=5329", expect: all(200) }],
    "routes/give": [{ path: `/give?need=${f.needRef}`, expect: all(200) }, { path: "/give", expect: all(200) }, { path: "/give?need=N-AAAAAAA", expect: all(404) }],
    "routes/pledges.track": [{ path: "/pledges/track", expect: all(200) }],
    "routes/pledges.receipt": [{ path: "/pledges/receipt", expect: all(200) }],
    "routes/privacy": [{ path: "/privacy", expect: all(200) }],
    "routes/contact": [{ path: "/contact", expect: all(200) }],
    "routes/api.$": [{ path: "/api/v1/nothing-here", expect: all(404) }],
    "routes/api.v1.needs._index": [{ path: "/api/v1/needs?q=electrician", expect: all(200) }],
    "routes/api.v1.needs.$ref": [{ path: `/api/v1/needs/${f.needRef}`, expect: all(200) }],
    "routes/api.v1.needs.$ref_.suggestions": [{ path: `/api/v1/needs/${f.needRef}/suggestions`, expect: all(200) }],
    "routes/api.v1.offers._index": [{ path: "/api/v1/offers", expect: all(200) }],
    "routes/api.v1.offers.$ref": [{ path: `/api/v1/offers/${f.offerRef}`, expect: all(200) }],
    "routes/api.v1.openapi[.]json": [{ path: "/api/v1/openapi.json", expect: all(200) }],
    "routes/api.v1.impact": [{ path: "/api/v1/impact", expect: all(200) }, { path: "/api/v1/impact?region=5329", expect: all(200) }],
    "routes/bench.floor": [{ path: "/bench/floor", expect: all(404) }],
    "routes/set-language": [{ path: "/set-language", expect: all(302) }],
    "routes/sign-in._index": [{ path: "/sign-in", expect: ANONYMOUS_ONLY }],
    "routes/sign-in.two-factor": [{ path: "/sign-in/two-factor", expect: all(302) }],
    "routes/sign-out": [{ path: "/sign-out", expect: all(302) }],
    "routes/register": [{ path: "/register?province=53", expect: all(200) }],
    "routes/forgot-password": [{ path: "/forgot-password", expect: all(200) }],
    "routes/reset-password.$token": [{ path: `/reset-password/${bogusToken}`, expect: all(410) }],
    "routes/invitations.$token": [{ path: `/invitations/${bogusToken}`, expect: all(404) }],
    "routes/account._index": [{ path: "/account", expect: SIGNED_IN }],
    "routes/notifications": [{ path: "/notifications", expect: SIGNED_IN }],
    "routes/account.two-factor": [{ path: "/account/two-factor", expect: SIGNED_IN }],
    "routes/organisation._index": [{ path: "/organisation", expect: MEMBERS }],
    "routes/organisation.members": [{ path: "/organisation/members", expect: ORG_ADMINS }],
    "routes/organisation.matches._index": [{ path: "/organisation/matches", expect: MATCH_RESPONDERS }],
    // No match of the demo provider has this reference: its people get 404, everyone else is refused first.
    "routes/organisation.matches.$ref": [{ path: "/organisation/matches/M-2222222", expect: [302, 403, 404, 404, 403, 403, 403, 403, 403] }],
    "routes/organisation.offers._index": [{ path: "/organisation/offers", expect: OFFER_WRITERS }],
    "routes/organisation.offers.new": [{ path: "/organisation/offers/new", expect: OFFER_WRITERS }],
    "routes/organisation.offers.$ref": [
      { path: `/organisation/offers/${f.ownOfferRef}`, expect: OWN_OFFER },
      { path: "/organisation/offers/O-AAAAAAA", expect: [302, 403, 404, 404, 403, 403, 403, 404, 403] },
    ],
    "routes/staff": [],
    "routes/staff._index": [{ path: "/staff", expect: STAFF }],
    "routes/staff.cases._index": [{ path: "/staff/cases", expect: CASE_READERS }],
    "routes/staff.cases.$id": [
      { path: `/staff/cases/${f.xiangyunCase}`, expect: CASE_READERS },
      { path: `/staff/cases/${f.binchuanCase}`, expect: OTHER_COUNTY },
    ],
    "routes/staff.needs.$ref": [{ path: `/staff/needs/${f.xiangyunNeed}`, expect: CASE_READERS }],
    "routes/staff.matches": [{ path: "/staff/matches", expect: CASE_READERS }, { path: "/staff/matches?status=finished", expect: CASE_READERS }],
    "routes/staff.offers._index": [{ path: "/staff/offers?q=%E7%94%B5%E5%B7%A5", expect: CASE_READERS }],
    // No offer has this reference: case readers get 404, everyone else is refused first.
    "routes/staff.offers.$ref": [{ path: "/staff/offers/O-AAAAAAA", expect: [302, 403, 403, 403, 404, 403, 404, 404, 403] }],
    "routes/staff.organisations._index": [{ path: "/staff/organisations", expect: UNION_ADMINS }],
    "routes/staff.organisations.$id": [{ path: `/staff/organisations/${f.pendingOrganisation}`, expect: UNION_ADMINS }],
    "routes/staff.cases.new": [{ path: "/staff/cases/new", expect: CASE_WRITERS }],
    "routes/staff.cases.$id_.needs.new": [
      { path: `/staff/cases/${f.xiangyunCase}/needs/new`, expect: CASE_WRITERS },
      { path: `/staff/cases/${f.binchuanCase}/needs/new`, expect: OTHER_COUNTY_WRITE },
    ],
    "routes/staff.needs.$ref_.edit": [{ path: `/staff/needs/${f.xiangyunNeed}/edit`, expect: CASE_WRITERS }],
    "routes/staff.applications._index": [{ path: "/staff/applications", expect: CASE_WRITERS }],
    "routes/staff.applications.$id": [{ path: `/staff/applications/${randomUUID()}`, expect: OTHER_COUNTY_WRITE }],
    "routes/apply._index": [{ path: "/apply?province=53", expect: all(200) }],
    "routes/apply.status": [{ path: "/apply/status", expect: all(200) }],
    "routes/apply.submitted": [{ path: "/apply/submitted", expect: all(200) }],
    "routes/staff.households.import": [{ path: "/staff/households/import", expect: CASE_WRITERS }],
    "routes/staff.households.export[.]xlsx": [{ path: "/staff/households/export.xlsx", expect: CASE_WRITERS }],
    "routes/staff.households.export[.]csv": [{ path: "/staff/households/export.csv", expect: CASE_WRITERS }],
    "routes/staff.audit": [{ path: "/staff/audit", expect: AUDIT_READERS }],
    "routes/staff.audit[.]csv": [{ path: "/staff/audit.csv", expect: AUDIT_READERS }],
    // The union's books: its finance staff only (the bank details also its admins); another id finds nothing.
    "routes/staff.finance._index": [{ path: "/staff/finance", expect: [302, 403, 403, 403, 403, 200, 403, 403, 403] }],
    "routes/staff.finance.receipts.new": [{ path: "/staff/finance/receipts/new", expect: [302, 403, 403, 403, 403, 200, 403, 403, 403] }],
    "routes/staff.finance.allocations.new": [{ path: "/staff/finance/allocations/new", expect: [302, 403, 403, 403, 403, 200, 403, 403, 403] }],
    "routes/staff.finance.disbursements.new": [{ path: "/staff/finance/disbursements/new", expect: [302, 403, 403, 403, 403, 200, 403, 403, 403] }],
    "routes/staff.finance.transactions.$id": [{ path: `/staff/finance/transactions/${randomUUID()}`, expect: [302, 403, 403, 403, 403, 404, 403, 403, 403] }],
    "routes/staff.finance.bank-details": [{ path: "/staff/finance/bank-details", expect: [302, 403, 403, 403, 403, 200, 403, 200, 403] }],
    // Case readers read the whole report, finance staff its money; Binchuan is outside the demo union's region.
    "routes/staff.reports": [
      { path: "/staff/reports", expect: [302, 403, 403, 403, 200, 200, 200, 200, 403] },
      { path: "/staff/reports?region=532924", expect: [302, 403, 403, 403, 403, 403, 403, 403, 403] },
    ],
    "routes/staff.reports[.]xlsx": [
      { path: "/staff/reports.xlsx", expect: CASE_READERS },
      { path: "/staff/reports.xlsx?region=532924", expect: [302, 403, 403, 403, 403, 403, 403, 403, 403] },
    ],
    "routes/staff.reports[.]csv": [{ path: "/staff/reports.csv?table=households-status", expect: CASE_READERS }],
    "routes/staff.reports_.summary": [{ path: "/staff/reports/summary", expect: [302, 403, 403, 403, 200, 200, 200, 200, 403] }],
    "routes/dev.mail": [{ path: "/dev/mail", expect: PLATFORM_ADMINS }],
  };
}

interface ManifestRoute {
  id: string;
  hasAction: boolean;
}

async function routeManifest(): Promise<ManifestRoute[]> {
  const buildFile = fileURLToPath(new URL("../../build/server/index.js", import.meta.url));
  const build: unknown = await import(buildFile);
  if (!build || typeof build !== "object" || !("routes" in build) || !build.routes || typeof build.routes !== "object") throw new Error("no routes in the server build");
  return Object.entries(build.routes)
    .filter(([id]) => id !== "root")
    .map(([id, route]: [string, unknown]) => {
      const module: unknown = route && typeof route === "object" && "module" in route ? route.module : null;
      return { id, hasAction: Boolean(module && typeof module === "object" && "action" in module && typeof module.action === "function") };
    });
}

let baseUrl: string;
const cookies = new Map<Role, string | undefined>();
let fixtures: Fixtures;

async function html(path: string, cookie?: string): Promise<string> {
  const response = await fetch(new URL(path, baseUrl), { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return response.text();
}

beforeAll(async () => {
  baseUrl = inject("baseUrl");
  cookies.set("anonymous", undefined);
  for (const [role, account] of Object.entries(ACCOUNTS) as [Exclude<Role, "anonymous">, { email: string; totp?: boolean }][]) {
    const user = await signInOverHttp(baseUrl, account.email, DEMO_PASSWORD, account.totp ? DEMO_TOTP_SECRET : undefined);
    cookies.set(role, user.cookie);
  }
  const needs = (await (await fetch(new URL("/api/v1/needs", baseUrl))).json()) as { data: { ref: string }[] };
  const offers = (await (await fetch(new URL("/api/v1/offers", baseUrl))).json()) as { data: { ref: string }[] };

  // A Xiangyun case (the Xiangyun caseworker's list) and a case of another Dali county (the Dali
  // prefecture caseworker's list, minus Xiangyun's).
  const xiangyunList = await html("/staff/cases", cookies.get("caseworker"));
  const xiangyunIds = new Set([...xiangyunList.matchAll(/\/staff\/cases\/([0-9a-f-]{36})/g)].map((m) => m[1]));
  const dali = await signInOverHttp(baseUrl, "dali-caseworker@demo.xiangyun.invalid", DEMO_PASSWORD);
  const daliRows = [...(await html("/staff/cases", dali.cookie)).matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? "");
  const binchuanRow = daliRows.find((row) => row.includes("宾川县")) ?? daliRows.find((row) => !row.includes("祥云县") && /\/staff\/cases\//.test(row));
  const binchuanCase = /\/staff\/cases\/([0-9a-f-]{36})/.exec(binchuanRow ?? "")?.[1];
  const xiangyunCase = [...xiangyunIds][0];
  if (!xiangyunCase || !binchuanCase || xiangyunIds.has(binchuanCase)) throw new Error("could not find the fixture cases");
  const caseHtml = await html(`/staff/cases/${xiangyunCase}`, cookies.get("caseworker"));
  const xiangyunNeed = /\/staff\/needs\/(N-[A-Z0-9]{7})/.exec(caseHtml)?.[1];

  // A pending organisation in Xiangyun, registered as anyone would.
  const registered = await postForm(
    baseUrl,
    "/register",
    {
    kind: "volunteer",
    name: `矩阵测试志愿队 ${randomBytes(3).toString("hex")}`,
    region: "532923",
    description: "授权矩阵测试用的虚构机构。",
    website: "",
    contactName: "测试联系人",
    contactEmail: `matrix-${randomBytes(3).toString("hex")}@test.xiangyun.invalid`,
    contactPhone: "19900009999",
    displayName: "测试志愿者",
    email: `matrix-${randomBytes(3).toString("hex")}@test.xiangyun.invalid`,
    password: "a long enough password",
    },
    undefined,
    "203.0.113.200",
  );
  if (registered.status !== 302) throw new Error(`registration answered ${registered.status}`);
  const review = await html("/staff/organisations", cookies.get("unionAdmin"));
  const pendingOrganisation = /\/staff\/organisations\/([0-9a-f-]{36})/.exec(review)?.[1];
  const ownOfferRef = /\/organisation\/offers\/(O-[A-Z0-9]{7})/.exec(await html("/organisation/offers", cookies.get("providerMember")))?.[1];
  if (!needs.data[0] || !offers.data[0] || !xiangyunNeed || !pendingOrganisation || !ownOfferRef) throw new Error("could not find the fixtures");
  fixtures = { needRef: needs.data[0].ref, offerRef: offers.data[0].ref, xiangyunCase, binchuanCase, xiangyunNeed, pendingOrganisation, ownOfferRef };
}, 180_000);

describe("the authorization matrix", () => {
  it("covers every route of the manifest and answers each role as the table expects", async () => {
    const routes = await routeManifest();
    const table = expectations(fixtures);
    const missing = routes.filter((r) => !(r.id in table)).map((r) => r.id);
    expect(missing, "routes without a row in the matrix").toEqual([]);
    const stale = Object.keys(table).filter((id) => !routes.some((r) => r.id === id));
    expect(stale, "rows for routes that no longer exist").toEqual([]);

    const mismatches: string[] = [];
    let requests = 0;
    for (const route of routes) {
      for (const { path, expect: row } of table[route.id] ?? []) {
        for (const [index, role] of ROLES.entries()) {
          const cookie = cookies.get(role);
          const response = await fetch(new URL(path, baseUrl), { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
          await response.arrayBuffer();
          requests++;
          if (response.status !== row[index]) mismatches.push(`GET ${path} as ${role}: ${response.status}, expected ${row[index]}`);
          // An action must refuse whoever its page refuses (an empty, same-origin form post).
          if (route.hasAction && (row[index] === 302 || row[index] === 403 || row[index] === 404) && !["routes/sign-in._index", "routes/sign-out", "routes/set-language", "routes/sign-in.two-factor"].includes(route.id)) {
            const post = await fetch(new URL(path, baseUrl), { method: "POST", redirect: "manual", headers: sameOriginHeaders(baseUrl, cookie, `203.0.113.${index + 1}`), body: "" });
            await post.arrayBuffer();
            requests++;
            if (post.status !== row[index]) mismatches.push(`POST ${path} as ${role}: ${post.status}, expected ${row[index]}`);
          }
        }
      }
    }
    console.info(`authorization matrix: ${routes.length} routes, ${ROLES.length} roles, ${requests} requests`);
    expect(mismatches).toEqual([]);
  }, 180_000);
});

describe("over HTTP", () => {
  it("refuses a cross-site form post before any action runs", async () => {
    const before = await fetch(new URL("/sign-out", baseUrl), { method: "POST", redirect: "manual", headers: { ...sameOriginHeaders(baseUrl, cookies.get("caseworker")), Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } });
    expect(before.status).toBe(403);
    // The session survived the attempt.
    const account = await fetch(new URL("/account", baseUrl), { redirect: "manual", headers: { Cookie: cookies.get("caseworker") ?? "" } });
    expect(account.status).toBe(200);
  });

  it("marks signed-in pages no-store, keeps public pages cacheable, and sends an enforced CSP", async () => {
    const signedIn = await fetch(new URL("/needs", baseUrl), { headers: { Cookie: cookies.get("donor") ?? "" } });
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    const anonymous = await fetch(new URL("/needs", baseUrl));
    expect(anonymous.headers.get("cache-control")).toContain("public");
    expect(anonymous.headers.get("content-security-policy")).toMatch(/script-src 'self' 'strict-dynamic' 'nonce-/);
    const data = await fetch(new URL("/account.data", baseUrl), { headers: { Cookie: cookies.get("donor") ?? "" } });
    expect(data.headers.get("cache-control")).toBe("no-store");
  });
});
