// Matches of the demo data set, so the provider's inbox, the caseworker's match list and the
// notifications are alive on first start: one in every status (requested, proposed — waiting long
// enough to be flagged —, accepted, declined, withdrawn, fulfilled, failed, and one whose need the
// caseworker marked fulfilled after a failed first try), between published needs of Xiangyun and the offers of the demo
// training school whose accounts sign in. Made through the lifecycle's own verbs (events, audit,
// notifications); seeded once, when there is no match yet.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../app/domain/auth/actor";
import { acceptMatch } from "../../app/domain/matching/accept-match.server";
import { declineMatch } from "../../app/domain/matching/decline-match.server";
import { failMatch, fulfilMatch } from "../../app/domain/matching/finish-match.server";
import { hardRuleFailures, matchingToday } from "../../app/domain/matching/hard-rules";
import { offerRuleColumns, ruleOffer } from "../../app/domain/matching/pair-rules.server";
import { markNeedFulfilled } from "../../app/domain/matching/mark-need-fulfilled.server";
import { proposeMatch } from "../../app/domain/matching/propose-match.server";
import { requestMatch } from "../../app/domain/matching/request-match.server";
import { withdrawMatch } from "../../app/domain/matching/withdraw-match.server";
import type { Database } from "../client.server";
import { memberships, users } from "../schema/accounts";
import { matches } from "../schema/matches";
import { needs } from "../schema/needs";
import { offers } from "../schema/offers";
import { organisations } from "../schema/organisations";

const CASEWORKER = "caseworker@demo.xiangyun.invalid";
const PROVIDER_ADMIN = "provider-admin@demo.xiangyun.invalid";
const PROVIDER_MEMBER = "provider-member@demo.xiangyun.invalid";
const SCHOOL = "demo-training-xinyuan";
const COUNTY = "532923";

/** The actor of a demo account, as a session would carry it (the demo matches and ledger act as these people). */
export async function demoActor(db: Database, email: string): Promise<Actor | null> {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      totpEnabledAt: users.totpEnabledAt,
      organisationId: organisations.id,
      organisationName: organisations.name,
      kind: organisations.kind,
      status: organisations.status,
      regionCode: organisations.regionCode,
      role: memberships.role,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(users.email, email));
  if (!row) return null;
  return {
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    isPlatformAdmin: false,
    totpEnabled: row.totpEnabledAt !== null,
    sessionId: "demo-seed",
    membership: { organisationId: row.organisationId, organisationName: row.organisationName, kind: row.kind, status: row.status, regionCode: row.regionCode, role: row.role },
  };
}

/** Published needs of the county that an offer of the school may serve, paired in a fixed order. */
async function demoPairs(db: Database, wanted: number): Promise<{ needRef: string; offerRef: string }[]> {
  const school = await db
    .select({ ref: offers.ref, ...offerRuleColumns })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(eq(organisations.importKey, SCHOOL))
    .orderBy(asc(offers.importKey));
  const published = await db
    .select({ ref: needs.ref, category: needs.category, regionCode: needs.regionCode, status: needs.status })
    .from(needs)
    .where(and(eq(needs.regionCode, COUNTY), eq(needs.status, "published")))
    .orderBy(asc(needs.importKey));
  const today = matchingToday();
  const pairs: { needRef: string; offerRef: string }[] = [];
  for (const need of published) {
    const offer = school.find((o) => hardRuleFailures(need, ruleOffer(o), today).length === 0);
    if (offer) pairs.push({ needRef: need.ref, offerRef: offer.ref });
    if (pairs.length === wanted) break;
  }
  return pairs;
}

/** Seeds the demo matches once; returns how many were made (0 when there were matches already). */
export async function seedDemoMatches(db: Database): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(matches);
  if ((existing?.n ?? 0) > 0) return 0;
  const [caseworker, admin, member] = await Promise.all([demoActor(db, CASEWORKER), demoActor(db, PROVIDER_ADMIN), demoActor(db, PROVIDER_MEMBER)]);
  if (!caseworker || !admin || !member) return 0;
  const pairs = await demoPairs(db, 7);
  if (pairs.length < 7) throw new Error(`the demo data set has ${pairs.length} Xiangyun needs the demo school's offers can serve; 7 are wanted`);
  const pair = (i: number) => pairs[i] ?? { needRef: "", offerRef: "" };
  const propose = (i: number, message: string) => proposeMatch({ db, actor: caseworker, ...pair(i), message, score: 0.82 - i * 0.03, reasons: ["技能相符：电工", "覆盖祥云县"] });
  const made: string[] = [];

  // A provider's "we can help", waiting for the union's review.
  made.push((await requestMatch({ db, actor: member, ...pair(0), message: "我校下月开设低压电工培训班，可为这位工友预留一个免费名额，结业后推荐就业。" })).ref);
  // Proposed to the school and waiting for its answer for more than a week: flagged on the caseworker's list.
  const waiting = await propose(1, "工友有水电安装经验，适合参加培训取证。");
  made.push(waiting.ref);
  await db.update(matches).set({ statusChangedAt: sql`now() - interval '9 days'`, createdAt: sql`now() - interval '9 days'` }).where(eq(matches.ref, waiting.ref));
  // Accepted: the school has the caseworker's contact; the need is matched.
  const accepted = await propose(2, "工友希望尽快参加培训。");
  await acceptMatch({ db, actor: admin, matchRef: accepted.ref });
  made.push(accepted.ref);
  // Declined by the school, with its reason.
  const declined = await propose(3, "工友可以参加周末班。");
  await declineMatch({ db, actor: admin, matchRef: declined.ref, reason: "本期培训班名额已排满，下期开班时再联系工会。" });
  made.push(declined.ref);
  // Withdrawn by the caseworker.
  const withdrawn = await propose(4, "请为工友安排培训。");
  await withdrawMatch({ db, actor: caseworker, matchRef: withdrawn.ref, note: "工友已在本地找到工作，暂不需要培训。" });
  made.push(withdrawn.ref);
  // Fulfilled by the school; the caseworker can now mark the need fulfilled.
  const fulfilled = await propose(5, "工友希望取得电工证。");
  await acceptMatch({ db, actor: admin, matchRef: fulfilled.ref });
  await fulfilMatch({ db, actor: admin, matchRef: fulfilled.ref, note: "工友已完成培训并取得证书，已推荐到本地建材公司上岗。" });
  made.push(fulfilled.ref);
  // Failed: the place went back to the offer and the need was published again.
  const failed = await propose(6, "工友愿意学习新技能。");
  await acceptMatch({ db, actor: admin, matchRef: failed.ref });
  await failMatch({ db, actor: admin, matchRef: failed.ref, note: "工友因家中老人住院未能参加培训，工会另行安排。" });
  made.push(failed.ref);
  // The same pair tried again: fulfilled, and the need marked fulfilled by the caseworker.
  const closed = await propose(6, "工友家中情况好转，可以参加下一期培训。");
  await acceptMatch({ db, actor: member, matchRef: closed.ref });
  await fulfilMatch({ db, actor: member, matchRef: closed.ref, note: "培训结业，工友已在县城物业公司做电工。" });
  await markNeedFulfilled({ db, actor: caseworker, matchRef: closed.ref });
  made.push(closed.ref);

  const [counted] = await db.select({ n: count() }).from(matches).where(inArray(matches.ref, made));
  return counted?.n ?? 0;
}
