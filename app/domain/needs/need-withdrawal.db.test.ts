// Withdrawing a need in the editor ends its matches with it (endNeeds): every open match is
// withdrawn in the same transaction with its event and audit row, an accepted one gives its place
// back, and each provider is told without a word about who the household is. Restoring the need
// afterwards brings none of them back; the pair can be proposed again once it is published.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/audit";
import { matchEvents, matches } from "../../../db/schema/matches";
import { needs } from "../../../db/schema/needs";
import { notifications } from "../../../db/schema/notifications";
import { offers } from "../../../db/schema/offers";
import { searchOutbox } from "../../../db/schema/search-outbox";
import { createTestActor } from "../../../tests/actors";
import { createTestDatabase } from "../../../tests/database";
import { fakeCase, fakeDocument, fakeOffer } from "../../../tests/factories";
import { createTestCipher } from "../../../tests/identity";
import { createLogger } from "../../../server/logger.server";
import type { Actor } from "../auth/actor";
import { parseImportDocument } from "../import/import-document";
import { importDocument } from "../import/import-document.server";
import { createMailer } from "../mail/mailer.server";
import { acceptMatch } from "../matching/accept-match.server";
import { proposeMatch } from "../matching/propose-match.server";
import { moveNeeds } from "./need-lifecycle.server";
import { moveNeedStatus } from "./publish-need.server";
import { makeTestTempDir } from "../../../tests/temp-dir";

let handle: DatabaseHandle;
let needRef: string;
let waitingOfferRef: string;
let acceptedOfferRef: string;
let caseworker: Actor;
let provider: Actor;
const ip = "127.0.0.1";
const IDENTITY = /测试[甲乙丙丁戊己庚辛壬癸]|1990000|测试路/;

beforeAll(async () => {
  handle = await createTestDatabase();
  const document = fakeDocument({ cases: 0, offers: 0 });
  document.cases = [fakeCase(1)];
  document.offers = [fakeOffer(1, { capacity: 3 }), fakeOffer(2, { capacity: 1 })];
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db: handle.db, cipher: createTestCipher(), document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  needRef = imported.result.needs["need-1"] ?? "";
  waitingOfferRef = imported.result.offers["offer-1"] ?? "";
  acceptedOfferRef = imported.result.offers["offer-2"] ?? "";
  caseworker = await createTestActor(handle.db, "xy-union", "caseworker");
  provider = await createTestActor(handle.db, "dali-employer", "admin");
}, 120_000);
afterAll(() => handle.close());

async function matchRow(ref: string) {
  const [row] = await handle.db.select().from(matches).where(eq(matches.ref, ref));
  if (!row) throw new Error(`no match ${ref}`);
  return row;
}
async function offerRow(ref: string) {
  const [row] = await handle.db.select().from(offers).where(eq(offers.ref, ref));
  if (!row) throw new Error(`no offer ${ref}`);
  return row;
}
async function needRow() {
  const [row] = await handle.db.select({ id: needs.id, status: needs.status }).from(needs).where(eq(needs.ref, needRef));
  if (!row) throw new Error(`no need ${needRef}`);
  return row;
}
const eventsOf = async (matchId: string) =>
  handle.db.select({ from: matchEvents.fromStatus, to: matchEvents.toStatus, actor: matchEvents.actorUserId }).from(matchEvents).where(eq(matchEvents.matchId, matchId)).orderBy(matchEvents.id);
const outboxOf = async (ref: string) => (await handle.db.select({ id: searchOutbox.id }).from(searchOutbox).where(eq(searchOutbox.ref, ref))).length;

describe("withdrawing a need in the editor", () => {
  it("withdraws its proposed and accepted matches in the same transaction, gives the place back and tells the provider without identity", async () => {
    const waiting = await proposeMatch({ db: handle.db, actor: caseworker, needRef, offerRef: waitingOfferRef, ip });
    const accepted = await proposeMatch({ db: handle.db, actor: caseworker, needRef, offerRef: acceptedOfferRef, ip });
    await acceptMatch({ db: handle.db, actor: provider, matchRef: accepted.ref, ip });
    expect((await needRow()).status).toBe("matched");
    expect((await offerRow(acceptedOfferRef)).remainingCapacity).toBe(0);
    const waitingCapacity = (await offerRow(waitingOfferRef)).remainingCapacity;
    const offerOutbox = await outboxOf(acceptedOfferRef);

    const mailer = createMailer({ from: "noreply@test.xiangyun.invalid", dataDir: makeTestTempDir("mail-") });
    const mail = { mailer, logger: createLogger({ level: "silent" }), publicUrl: "https://xiangyun.example" };
    const result = await moveNeedStatus({ db: handle.db, actor: caseworker, ref: needRef, intent: "withdraw", ip, mail });

    expect(result).toMatchObject({ ref: needRef, status: "withdrawn" });
    expect([...result.withdrawnMatches].sort()).toEqual([waiting.ref, accepted.ref].sort());
    expect((await needRow()).status).toBe("withdrawn");
    const waitingRow = await matchRow(waiting.ref);
    const acceptedRow = await matchRow(accepted.ref);
    expect([waitingRow.status, acceptedRow.status]).toEqual(["withdrawn", "withdrawn"]);
    expect((await eventsOf(waitingRow.id)).at(-1)).toEqual({ from: "proposed", to: "withdrawn", actor: caseworker.userId });
    expect((await eventsOf(acceptedRow.id)).at(-1)).toEqual({ from: "accepted", to: "withdrawn", actor: caseworker.userId });

    // The accepted match's place is given back (and the offer queued for the index); the other offer keeps its own.
    const given = await offerRow(acceptedOfferRef);
    expect(given.remainingCapacity).toBe(1);
    expect(await outboxOf(acceptedOfferRef)).toBe(offerOutbox + 1);
    expect((await offerRow(waitingOfferRef)).remainingCapacity).toBe(waitingCapacity);

    const audits = await handle.db
      .select({ entityId: auditLog.entityId, summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.action, "match.withdraw"), inArray(auditLog.entityId, [waitingRow.id, acceptedRow.id])));
    expect(audits).toHaveLength(2);
    for (const row of audits) expect(row.summary?.after).toMatchObject({ status: "withdrawn", reason: "need-withdrawn" });
    expect(audits.find((a) => a.entityId === acceptedRow.id)?.summary?.after).toMatchObject({ remainingCapacity: 1 });
    const [needAudit] = await handle.db.select({ summary: auditLog.summary }).from(auditLog).where(and(eq(auditLog.action, "need.withdraw"), eq(auditLog.entityId, needRef)));
    expect(needAudit?.summary?.after).toMatchObject({ status: "withdrawn", matchesWithdrawn: expect.arrayContaining([waiting.ref, accepted.ref]) });

    const told = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "match-withdrawn"), inArray(notifications.matchId, [waitingRow.id, acceptedRow.id])));
    expect(told.map((n) => [n.userId, n.matchId]).sort()).toEqual(
      [
        [provider.userId, waitingRow.id],
        [provider.userId, acceptedRow.id],
      ].sort(),
    );
    for (const n of told) {
      expect(Object.keys(n.params).sort()).toEqual(["match", "need", "offer", "offerTitle"]);
      expect(JSON.stringify(n.params)).not.toMatch(IDENTITY);
      expect(n.emailedAt).not.toBeNull();
    }
    const sent = mailer.list();
    expect(sent.map((m) => m.to)).toEqual([provider.email, provider.email]);
    for (const m of sent) expect(m.text).not.toMatch(IDENTITY);
  });

  it("restored, it brings back none of its matches; published again, the pair can be proposed anew", async () => {
    const before = await handle.db.select({ ref: matches.ref, status: matches.status }).from(matches).orderBy(matches.ref);
    const capacity = (await offerRow(acceptedOfferRef)).remainingCapacity;
    const restored = await moveNeedStatus({ db: handle.db, actor: caseworker, ref: needRef, intent: "restore", ip });
    expect(restored).toEqual({ ref: needRef, status: "draft", withdrawnMatches: [] });
    expect(await handle.db.select({ ref: matches.ref, status: matches.status }).from(matches).orderBy(matches.ref)).toEqual(before);
    expect((await offerRow(acceptedOfferRef)).remainingCapacity).toBe(capacity);

    const { id } = await needRow();
    await handle.db.transaction((tx) => moveNeeds(tx, { needIds: [id], to: "published" }));
    const again = await proposeMatch({ db: handle.db, actor: caseworker, needRef, offerRef: acceptedOfferRef, ip });
    expect(before.map((m) => m.ref)).not.toContain(again.ref);
    expect((await matchRow(again.ref)).status).toBe("proposed");
  });
});
