// The lifecycle of a match on a real database: each verb moves the status, writes its event, audit
// row and notifications, takes or gives back capacity (with the offer's outbox row) and moves the
// need; refusals are 409 (a step the state machine forbids, a full offer), 404 (another county,
// another organisation) or 403; the last place goes to exactly one of two accepting at once.
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { matchEvents, matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { notifications } from "../../../db/schema/notifications";
import { offers } from "../../../db/schema/offers";
import { organisations } from "../../../db/schema/organisations";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { createTestUser } from "../../../tests/accounts";
import { actorOf, createTestActor } from "../../../tests/actors";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeOffer, fakeResidentId } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { createLogger } from "../../../server/logger.server";
import type { Actor } from "../auth/actor";
import { withdrawConsent } from "../cases/case-consent.server";
import { isDomainError } from "../errors/domain-error";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { createMailer } from "../mail/mailer.server";
import { listNotifications, unreadCount } from "../notifications/list-notifications.server";
import { markAllRead, markRead } from "../notifications/notify.server";
import { acceptMatch } from "./accept-match.server";
import { declineMatch } from "./decline-match.server";
import { failMatch, fulfilMatch } from "./finish-match.server";
import { markNeedFulfilled } from "./mark-need-fulfilled.server";
import { matchCountsOfOffers } from "./match-counts.server";
import { getProviderMatch, listOrganisationMatches } from "./provider-matches.server";
import { proposeMatch } from "./propose-match.server";
import { requestMatch } from "./request-match.server";
import { getStaffMatch, listStaffMatches, matchesOfNeed, staffMatchCounts } from "./staff-matches.server";
import { withdrawMatch } from "./withdraw-match.server";
import { makeTestTempDir } from "../../../tests/temp-dir";

let handle: DatabaseHandle;
let needRefs: Record<string, string>;
let offerRefs: Record<string, string>;
let caseIds: Record<string, string>;
let caseworker: Actor;
let binchuanCaseworker: Actor;
let auditor: Actor;
let provider: Actor;
let otherProvider: Actor;
let pendingProvider: Actor;
const cipher = createTestCipher();
const ip = "127.0.0.1";

const NEEDS = 14;

beforeAll(async () => {
  handle = await createTestDatabase();
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.organisations?.push(
    { key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" },
    { key: "other-employer", kind: "employer", name: "另一家测试公司", region: "5329" },
    { key: "pending-school", kind: "training", name: "待审核培训学校", region: "5329", verified: false },
  );
  document.cases = Array.from({ length: NEEDS }, (_, i) => fakeCase(i + 1));
  const binchuan = fakeCase(99, { organisation: "bc-union", region: "532924" });
  binchuan.head = { ...binchuan.head, idNumber: fakeResidentId(99, { region: "532924" }) };
  document.cases.push(binchuan);
  document.offers = [
    fakeOffer(1, { capacity: 5 }),
    fakeOffer(2, { capacity: 1 }),
    fakeOffer(3, { organisation: "other-employer", capacity: 3 }),
    fakeOffer(4, { capacity: 3, regions: ["532924"] }),
    fakeOffer(5, { capacity: 3, category: "legal", title: "法律援助" }),
    fakeOffer(6, { capacity: 2 }),
  ];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRefs = imported.result.needs;
  offerRefs = imported.result.offers;
  caseIds = imported.result.cases;
  caseworker = await createTestActor(handle.db, "xy-union", "caseworker");
  binchuanCaseworker = await createTestActor(handle.db, "bc-union", "caseworker");
  auditor = await createTestActor(handle.db, "xy-union", "auditor");
  provider = await createTestActor(handle.db, "dali-employer", "admin");
  otherProvider = await createTestActor(handle.db, "other-employer", "member");
  pendingProvider = await actorOf(handle.db, await createTestUser(handle.db, { organisation: "pending-school", role: "admin" }));
}, 120_000);
afterAll(() => handle.close());

const need = (n: number) => needRefs[`need-${n}`] ?? "";
const offer = (n: number) => offerRefs[`offer-${n}`] ?? "";

async function refusal(promise: Promise<unknown>): Promise<{ kind: string; key: string; values: Record<string, unknown> }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { kind: error.kind, key: error.messageKey, values: error.values };
}

async function matchRow(ref: string) {
  const [row] = await handle.db.select().from(matches).where(eq(matches.ref, ref));
  if (!row) throw new Error(`no match ${ref}`);
  return row;
}
async function eventsOf(ref: string) {
  const row = await matchRow(ref);
  return handle.db.select({ from: matchEvents.fromStatus, to: matchEvents.toStatus, actor: matchEvents.actorUserId, note: matchEvents.note }).from(matchEvents).where(eq(matchEvents.matchId, row.id)).orderBy(matchEvents.id);
}
async function auditsOf(ref: string) {
  const row = await matchRow(ref);
  return (await handle.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, "match"), eq(auditLog.entityId, row.id))).orderBy(auditLog.id)).map((r) => r.action);
}
async function noticesOf(ref: string) {
  const row = await matchRow(ref);
  return handle.db.select().from(notifications).where(eq(notifications.matchId, row.id)).orderBy(notifications.createdAt);
}
async function offerRow(ref: string) {
  const [row] = await handle.db.select().from(offers).where(eq(offers.ref, ref));
  if (!row) throw new Error(`no offer ${ref}`);
  return row;
}
async function needStatus(ref: string) {
  const [row] = await handle.db.select({ status: needs.status, version: needs.version }).from(needs).where(eq(needs.ref, ref));
  return row?.status;
}
async function outboxCount(ref: string) {
  const rows = await handle.db.select({ id: searchOutbox.id }).from(searchOutbox).where(eq(searchOutbox.ref, ref));
  return rows.length;
}

describe("a proposed match, accepted, fulfilled and the need marked fulfilled", () => {
  it("moves status, events, audit, notifications, capacity and the need together", async () => {
    const before = await offerRow(offer(1));
    const outboxBefore = await outboxCount(offer(1));
    const { ref } = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(1), offerRef: offer(1), message: "适合这位工友", score: 0.87, reasons: ["技能相符：电工"], ip });
    expect(ref).toMatch(/^M-[2-9A-HJKMNP-TV-Z]{7}$/);
    const proposed = await matchRow(ref);
    expect(proposed).toMatchObject({ status: "proposed", origin: "proposed", caseworkerId: caseworker.userId, score: "0.8700", reasons: ["技能相符：电工"] });
    // The provider's admin is told; the caseworker (the actor) is not.
    const proposedNotices = await noticesOf(ref);
    expect(proposedNotices.map((n) => [n.userId, n.kind])).toEqual([[provider.userId, "match-proposed"]]);
    expect(proposedNotices[0]?.href).toBe(`/organisation/matches/${ref}`);

    await acceptMatch({ db: handle.db, actor: provider, matchRef: ref, ip });
    expect((await matchRow(ref)).status).toBe("accepted");
    const accepted = await offerRow(offer(1));
    expect(accepted.remainingCapacity).toBe(before.remainingCapacity - 1);
    expect(accepted.version).toBe(before.version + 1);
    expect(await outboxCount(offer(1))).toBe(outboxBefore + 1);
    expect(await needStatus(need(1))).toBe("matched");

    // Another open match of the same need, withdrawn when the need is marked fulfilled.
    const other = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(1), offerRef: offer(6), ip });

    await fulfilMatch({ db: handle.db, actor: provider, matchRef: ref, note: "已入职三周", ip });
    expect(await matchRow(ref)).toMatchObject({ status: "fulfilled", outcomeNote: "已入职三周" });
    expect((await offerRow(offer(1))).remainingCapacity).toBe(before.remainingCapacity - 1);

    const marked = await markNeedFulfilled({ db: handle.db, actor: caseworker, matchRef: ref, ip });
    expect(marked.withdrawn).toEqual([other.ref]);
    expect(await needStatus(need(1))).toBe("fulfilled");
    expect((await matchRow(other.ref)).status).toBe("withdrawn");

    expect(await eventsOf(ref)).toEqual([
      { from: null, to: "proposed", actor: caseworker.userId, note: "适合这位工友" },
      { from: "proposed", to: "accepted", actor: provider.userId, note: null },
      { from: "accepted", to: "fulfilled", actor: provider.userId, note: "已入职三周" },
    ]);
    expect(await auditsOf(ref)).toEqual(["match.propose", "match.accept", "match.fulfil", "need.fulfil-from-match"]);
    const kinds = (await noticesOf(ref)).map((n) => [n.userId, n.kind]);
    expect(kinds).toEqual([
      [provider.userId, "match-proposed"],
      [caseworker.userId, "match-accepted"],
      [caseworker.userId, "match-fulfilled"],
      [provider.userId, "need-fulfilled"],
    ]);
    // A second mark is refused: the need is fulfilled already.
    expect(await refusal(markNeedFulfilled({ db: handle.db, actor: caseworker, matchRef: ref, ip }))).toMatchObject({ kind: "conflict", key: "needMoveRefused" });
  });
});

describe("a provider's request", () => {
  it("waits for the union, is approved into a proposal and declined by the provider with a reason", async () => {
    const { ref } = await requestMatch({ db: handle.db, actor: otherProvider, needRef: need(2), offerRef: offer(3), message: "我们可以提供岗位", ip });
    expect(await matchRow(ref)).toMatchObject({ status: "requested", origin: "requested", message: "我们可以提供岗位", caseworkerId: null, createdBy: otherProvider.userId });
    // The union holding the household hears of it: its caseworkers and admins.
    const requested = await noticesOf(ref);
    expect(requested.map((n) => n.kind)).toContain("match-requested");
    expect(requested.map((n) => n.userId)).toContain(caseworker.userId);
    expect(requested.every((n) => n.href === `/staff/needs/${need(2)}`)).toBe(true);

    // Approving is proposing the same pair: the request becomes the proposal.
    const approved = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(2), offerRef: offer(3), message: "请联系工会", ip });
    expect(approved.ref).toBe(ref);
    expect(await matchRow(ref)).toMatchObject({ status: "proposed", origin: "requested", caseworkerId: caseworker.userId, message: "我们可以提供岗位" });

    expect(await refusal(declineMatch({ db: handle.db, actor: otherProvider, matchRef: ref, reason: "  ", ip }))).toMatchObject({ kind: "invalid" });
    await declineMatch({ db: handle.db, actor: otherProvider, matchRef: ref, reason: "岗位已招满", ip });
    expect(await matchRow(ref)).toMatchObject({ status: "declined", declineReason: "岗位已招满" });
    expect((await eventsOf(ref)).map((e) => [e.from, e.to])).toEqual([
      [null, "requested"],
      ["requested", "proposed"],
      ["proposed", "declined"],
    ]);
    expect(await auditsOf(ref)).toEqual(["match.request", "match.propose", "match.decline"]);
    expect((await noticesOf(ref)).at(-1)).toMatchObject({ userId: caseworker.userId, kind: "match-declined" });
    // A declined pair may be tried again.
    const again = await requestMatch({ db: handle.db, actor: otherProvider, needRef: need(2), offerRef: offer(3), message: "再试一次", ip });
    expect(again.ref).not.toBe(ref);
  });

  it("is declined by staff with a reason the provider reads; each side declines only what waits on it", async () => {
    const { ref } = await requestMatch({ db: handle.db, actor: provider, needRef: need(3), offerRef: offer(1), message: "可以帮忙", ip });
    expect(await refusal(declineMatch({ db: handle.db, actor: provider, matchRef: ref, reason: "不要了", ip }))).toMatchObject({ kind: "conflict", key: "matchMoveRefused", values: { ref, status: "requested" } });
    await declineMatch({ db: handle.db, actor: caseworker, matchRef: ref, reason: "工友已找到工作", ip });
    expect(await matchRow(ref)).toMatchObject({ status: "declined", declineReason: "工友已找到工作", caseworkerId: caseworker.userId });
    expect((await noticesOf(ref)).at(-1)).toMatchObject({ userId: provider.userId, kind: "match-declined" });

    const proposal = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(3), offerRef: offer(1), ip });
    expect(await refusal(declineMatch({ db: handle.db, actor: caseworker, matchRef: proposal.ref, reason: "x", ip }))).toMatchObject({ kind: "conflict", values: { status: "proposed" } });
    await withdrawMatch({ db: handle.db, actor: caseworker, matchRef: proposal.ref, note: "工友改变主意", ip });
  });

  it("is refused for an unverified organisation, another organisation's offer, a need that is not public, a pair the hard rules forbid, and twice", async () => {
    expect(await refusal(requestMatch({ db: handle.db, actor: pendingProvider, needRef: need(4), offerRef: offer(1), message: "m", ip }))).toMatchObject({ kind: "forbidden" });
    expect(await refusal(requestMatch({ db: handle.db, actor: caseworker, needRef: need(4), offerRef: offer(1), message: "m", ip }))).toMatchObject({ kind: "forbidden" });
    expect(await refusal(requestMatch({ db: handle.db, actor: provider, needRef: need(4), offerRef: offer(3), message: "m", ip }))).toMatchObject({ kind: "not-found", key: "offerNotFound" });
    expect(await refusal(requestMatch({ db: handle.db, actor: provider, needRef: "N-2222222", offerRef: offer(1), message: "m", ip }))).toMatchObject({ kind: "not-found", key: "needNotFound" });
    // Legal aid cannot serve a job need; an offer for Binchuan does not cover Xiangyun.
    expect(await refusal(requestMatch({ db: handle.db, actor: provider, needRef: need(4), offerRef: offer(5), message: "m", ip }))).toMatchObject({ kind: "conflict", key: "matchPairRefused" });
    expect(await refusal(requestMatch({ db: handle.db, actor: provider, needRef: need(4), offerRef: offer(4), message: "m", ip }))).toMatchObject({ kind: "conflict", key: "matchPairRefused" });
    expect(await refusal(requestMatch({ db: handle.db, actor: provider, needRef: need(4), offerRef: offer(1), message: "", ip }))).toMatchObject({ kind: "invalid" });
    await requestMatch({ db: handle.db, actor: provider, needRef: need(4), offerRef: offer(1), message: "m", ip });
    expect(await refusal(requestMatch({ db: handle.db, actor: provider, needRef: need(4), offerRef: offer(1), message: "m", ip }))).toMatchObject({ kind: "conflict", key: "matchOpenAlready" });
    expect(await refusal(proposeMatch({ db: handle.db, actor: auditor, needRef: need(4), offerRef: offer(1), ip }))).toMatchObject({ kind: "forbidden" });
  });
});

describe("invalid steps", () => {
  it("are 409s naming the match's status, and change nothing", async () => {
    const { ref } = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(5), offerRef: offer(1), ip });
    expect(await refusal(fulfilMatch({ db: handle.db, actor: provider, matchRef: ref, note: "n", ip }))).toMatchObject({ kind: "conflict", key: "matchMoveRefused", values: { ref, status: "proposed" } });
    expect(await refusal(markNeedFulfilled({ db: handle.db, actor: caseworker, matchRef: ref, ip }))).toMatchObject({ kind: "conflict", values: { status: "proposed" } });
    await declineMatch({ db: handle.db, actor: provider, matchRef: ref, reason: "名额不够", ip });
    const capacity = (await offerRow(offer(1))).remainingCapacity;
    expect(await refusal(acceptMatch({ db: handle.db, actor: provider, matchRef: ref, ip }))).toMatchObject({ kind: "conflict", values: { status: "declined" } });
    expect(await refusal(withdrawMatch({ db: handle.db, actor: caseworker, matchRef: ref, note: "n", ip }))).toMatchObject({ kind: "conflict", values: { status: "declined" } });
    expect((await offerRow(offer(1))).remainingCapacity).toBe(capacity);
    expect(await eventsOf(ref)).toHaveLength(2);
  });
});

describe("places given back", () => {
  it("a failed match gives its place back and publishes the need again", async () => {
    const { ref } = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(6), offerRef: offer(6), ip });
    const before = (await offerRow(offer(6))).remainingCapacity;
    await acceptMatch({ db: handle.db, actor: provider, matchRef: ref, ip });
    expect(await needStatus(need(6))).toBe("matched");
    await failMatch({ db: handle.db, actor: provider, matchRef: ref, note: "工友未到岗", ip });
    expect(await matchRow(ref)).toMatchObject({ status: "failed", outcomeNote: "工友未到岗" });
    expect((await offerRow(offer(6))).remainingCapacity).toBe(before);
    expect(await needStatus(need(6))).toBe("published");
    expect((await noticesOf(ref)).at(-1)).toMatchObject({ userId: caseworker.userId, kind: "match-failed" });
  });

  it("a withdrawn accepted match gives its place back; the need stays matched while another is accepted", async () => {
    const first = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(7), offerRef: offer(1), ip });
    const second = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(7), offerRef: offer(3), ip });
    await acceptMatch({ db: handle.db, actor: provider, matchRef: first.ref, ip });
    await acceptMatch({ db: handle.db, actor: otherProvider, matchRef: second.ref, ip });
    const before = (await offerRow(offer(1))).remainingCapacity;
    await withdrawMatch({ db: handle.db, actor: caseworker, matchRef: first.ref, note: "重复帮扶", ip });
    expect((await offerRow(offer(1))).remainingCapacity).toBe(before + 1);
    expect(await needStatus(need(7))).toBe("matched");
    expect((await noticesOf(first.ref)).at(-1)).toMatchObject({ userId: provider.userId, kind: "match-withdrawn" });
    await withdrawMatch({ db: handle.db, actor: caseworker, matchRef: second.ref, note: "工友搬家", ip });
    expect(await needStatus(need(7))).toBe("published");
  });
});

describe("scope", () => {
  it("another county's caseworker and another organisation get 404; the Binchuan caseworker sees none of Xiangyun's matches", async () => {
    const { ref } = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(8), offerRef: offer(1), ip });
    expect(await refusal(withdrawMatch({ db: handle.db, actor: binchuanCaseworker, matchRef: ref, note: "n", ip }))).toMatchObject({ kind: "not-found", key: "matchNotFound" });
    expect(await refusal(getStaffMatch({ db: handle.db, actor: binchuanCaseworker, ref }))).toMatchObject({ kind: "not-found" });
    expect(await refusal(proposeMatch({ db: handle.db, actor: binchuanCaseworker, needRef: need(9), offerRef: offer(1), ip }))).toMatchObject({ kind: "not-found", key: "needNotFound" });
    expect((await listStaffMatches({ db: handle.db, actor: binchuanCaseworker })).items).toEqual([]);
    expect(await refusal(acceptMatch({ db: handle.db, actor: otherProvider, matchRef: ref, ip }))).toMatchObject({ kind: "not-found" });
    expect(await refusal(getProviderMatch({ db: handle.db, actor: otherProvider, ref }))).toMatchObject({ kind: "not-found" });
    expect(await refusal(acceptMatch({ db: handle.db, actor: caseworker, matchRef: ref, ip }))).toMatchObject({ kind: "forbidden" });
    expect(await refusal(withdrawMatch({ db: handle.db, actor: provider, matchRef: ref, note: "n", ip }))).toMatchObject({ kind: "forbidden" });
    await withdrawMatch({ db: handle.db, actor: caseworker, matchRef: ref, note: "测试结束", ip });
  });
});

describe("the last place", () => {
  it("goes to exactly one of two providers' accepts at the same time; the other gets a 409", async () => {
    const a = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(10), offerRef: offer(2), ip });
    const b = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(11), offerRef: offer(2), ip });
    const colleague = await createTestActor(handle.db, "dali-employer", "member");
    const race = async () => Promise.allSettled([acceptMatch({ db: handle.db, actor: provider, matchRef: a.ref, ip }), acceptMatch({ db: handle.db, actor: colleague, matchRef: b.ref, ip })]);
    let results: PromiseSettledResult<{ ref: string }>[];
    if (handle.driver === "pg") {
      // Hold the offer's row so both accepts are in flight and queue on it, then let them go.
      const blocker = await handle.pool.connect();
      try {
        await blocker.query("begin");
        await blocker.query("select 1 from offers where ref = $1 for update", [offer(2)]);
        const racing = race();
        // Both transactions wait on the row lock (seen in pg_locks) before the blocker lets go.
        for (let i = 0; i < 200; i++) {
          const { rows } = await handle.pool.query<{ n: string }>("select count(*) as n from pg_locks where not granted and locktype in ('transactionid', 'tuple')");
          if (Number(rows[0]?.n ?? 0) >= 2) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await blocker.query("commit");
        results = await racing;
      } finally {
        blocker.release();
      }
    } else {
      results = await race();
    }
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason: unknown = lost[0]?.status === "rejected" ? lost[0].reason : null;
    expect(isDomainError(reason) && reason.kind === "conflict" && reason.messageKey === "offerFull").toBe(true);
    expect((await offerRow(offer(2))).remainingCapacity).toBe(0);
    const statuses = (await handle.db.select({ status: matches.status }).from(matches).where(inArray(matches.ref, [a.ref, b.ref]))).map((r) => r.status).sort();
    expect(statuses).toEqual(["accepted", "proposed"]);
  });
});

describe("a household withdrawing its consent", () => {
  it("withdraws its open matches in the same transaction, gives places back and tells each provider without identity", async () => {
    const proposed = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(12), offerRef: offer(3), ip });
    const accepted = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(12), offerRef: offer(6), ip });
    await acceptMatch({ db: handle.db, actor: provider, matchRef: accepted.ref, ip });
    const before = (await offerRow(offer(6))).remainingCapacity;
    const writer = await createTestActor(handle.db, "xy-union", "caseworker");
    const result = await withdrawConsent({ db: handle.db, actor: writer, caseId: caseIds["case-12"] ?? "", ip });
    expect(result.withdrawnMatches.sort()).toEqual([proposed.ref, accepted.ref].sort());
    expect((await matchRow(proposed.ref)).status).toBe("withdrawn");
    expect((await matchRow(accepted.ref)).status).toBe("withdrawn");
    expect((await offerRow(offer(6))).remainingCapacity).toBe(before + 1);
    expect(await needStatus(need(12))).toBe("withdrawn");
    const told = [...(await noticesOf(proposed.ref)), ...(await noticesOf(accepted.ref))].filter((n) => n.kind === "match-withdrawn-consent");
    // Both providers' people (the employer has a second member by now).
    expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([otherProvider.userId, provider.userId]));
    expect(told.map((n) => n.matchId).filter((id, i, all) => all.indexOf(id) === i)).toHaveLength(2);
    for (const n of told) {
      expect(Object.keys(n.params).sort()).toEqual(["match", "need", "offer", "offerTitle"]);
      expect(JSON.stringify(n.params)).not.toMatch(/测试[甲乙丙丁戊己庚辛壬癸]|1990000|测试路/);
    }
  });
});

describe("reads", () => {
  it("list the region's matches with waiting days and overdue flags, and each side's view", async () => {
    const { ref } = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(13), offerRef: offer(1), ip });
    await handle.db.execute(sql`update matches set status_changed_at = now() - interval '9 days' where ref = ${ref}`);
    const waiting = await listStaffMatches({ db: handle.db, actor: caseworker, status: ["requested", "proposed"] });
    const item = waiting.items.find((m) => m.ref === ref);
    expect(item).toMatchObject({ status: "proposed", waitingDays: 9, isOverdue: true, need: { ref: need(13) }, offer: { ref: offer(1) } });
    expect(waiting.items[0]?.ref).toBe(ref); // the longest waiting first
    expect((await staffMatchCounts({ db: handle.db, actor: caseworker })).overdue).toBeGreaterThanOrEqual(1);
    const auditorView = await listStaffMatches({ db: handle.db, actor: auditor, status: "proposed" });
    expect(auditorView.items.map((m) => m.ref)).toContain(ref);

    const before = await getProviderMatch({ db: handle.db, actor: provider, ref });
    expect(before.contact).toBeNull();
    expect(before.need?.ref).toBe(need(13));
    expect(Object.keys(before.need ?? {})).not.toContain("caseId");
    expect(JSON.stringify(before)).not.toMatch(/测试[甲乙丙丁戊己庚辛壬癸]|1990000|测试路/);
    expect(before.events.every((e) => e.side !== "union" || e.actorName === null)).toBe(true);
    await acceptMatch({ db: handle.db, actor: provider, matchRef: ref, ip });
    const after = await getProviderMatch({ db: handle.db, actor: provider, ref });
    expect(after.contact).toMatchObject({ unionName: "祥云县总工会", caseworkerEmail: caseworker.email, caseworkerName: caseworker.displayName });
    expect(JSON.stringify(after)).not.toMatch(/测试[甲乙丙丁戊己庚辛壬癸]|1990000|测试路/);

    const inbox = await listOrganisationMatches({ db: handle.db, actor: provider });
    expect(inbox.map((m) => m.ref)).toContain(ref);
    expect(inbox.every((m) => m.offer.ref !== offer(3))).toBe(true);
    const detail = await getStaffMatch({ db: handle.db, actor: caseworker, ref });
    expect(detail.events.map((e) => [e.to, e.side])).toEqual([
      ["proposed", "union"],
      ["accepted", "provider"],
    ]);
    const [needId] = (await handle.db.select({ id: needs.id }).from(needs).where(eq(needs.ref, need(13)))).map((r) => r.id);
    expect((await matchesOfNeed(handle.db, needId ?? "")).map((m) => m.ref)).toEqual([ref]);
    const [offerId] = (await handle.db.select({ id: offers.id }).from(offers).where(eq(offers.ref, offer(1)))).map((r) => r.id);
    const counts = await matchCountsOfOffers(handle.db, [offerId ?? ""]);
    expect(counts[offerId ?? ""]?.accepted).toBeGreaterThanOrEqual(1);
    expect(counts[offerId ?? ""]?.fulfilled).toBe(1);
  });
});

describe("notifications", () => {
  it("count unread, mark read, and are emailed once after the commit, linking to the site and naming no one", async () => {
    const dataDir = makeTestTempDir("mail-");
    const mailer = createMailer({ from: "noreply@test.xiangyun.invalid", dataDir });
    const mail = { mailer, logger: createLogger({ level: "silent" }), publicUrl: "https://xiangyun.example" };
    const school = await createTestActor(handle.db, "other-employer", "admin");
    const { ref } = await proposeMatch({ db: handle.db, actor: caseworker, needRef: need(14), offerRef: offer(3), ip, mail });
    const sent = mailer.list();
    expect(sent.map((m) => m.to).sort()).toEqual([otherProvider.email, school.email].sort());
    for (const m of sent) {
      expect(m.subject).toContain(ref);
      expect(m.text).toContain(`https://xiangyun.example/organisation/matches/${ref}`);
      expect(m.text).toContain("Open it on the site");
      expect(m.text).not.toMatch(/测试[甲乙丙丁戊己庚辛壬癸]|1990000|测试路/);
    }
    const rows = await noticesOf(ref);
    expect(rows.every((n) => n.emailedAt !== null)).toBe(true);

    const unread = await unreadCount(handle.db, school.userId);
    expect(unread).toBe(1);
    const listed = await listNotifications({ db: handle.db, userId: school.userId });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ kind: "match-proposed", read: false, href: `/organisation/matches/${ref}` });
    // Another user's id changes nothing.
    await markRead(handle.db, otherProvider.userId, listed.items[0]?.id ?? "");
    expect(await unreadCount(handle.db, school.userId)).toBe(1);
    await markRead(handle.db, school.userId, listed.items[0]?.id ?? "");
    expect(await unreadCount(handle.db, school.userId)).toBe(0);
    expect(await unreadCount(handle.db, otherProvider.userId)).toBeGreaterThan(0);
    await markAllRead(handle.db, otherProvider.userId);
    expect(await unreadCount(handle.db, otherProvider.userId)).toBe(0);
    const [org] = await handle.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.importKey, "other-employer"));
    expect(org).toBeDefined();
  });
});
