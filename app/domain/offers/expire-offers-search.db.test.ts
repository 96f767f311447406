// An offer past its end date leaves the real search engine: posted and found, then expired by the
// job (server/offer-expiry.server.ts) with a later "today", and gone once the outbox drains; its
// organisation still sees it, as expired.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../db/client.server";
import { organisations } from "../../../db/schema/organisations";
import { drainOutbox } from "../../../search/search-sync.server";
import { createLogger } from "../../../server/logger.server";
import { runOfferExpiry } from "../../../server/offer-expiry.server";
import { createTestUser, userRequest } from "../../../tests/accounts";
import { createTestDatabase } from "../../../tests/database";
import { createTestLoadContext } from "../../../tests/load-context";
import { startTestSearch } from "../../../tests/search-fixture";
import { getActor } from "../auth/guards.server";
import { parseOfferSearch } from "../search/search-query";
import { searchOffers } from "../search/search-offers.server";
import { createOffer } from "./create-offer.server";
import { listOrganisationOffers } from "./organisation-offers.server";

let handle: DatabaseHandle;
let search: Awaited<ReturnType<typeof startTestSearch>>;

beforeAll(async () => {
  [handle, search] = await Promise.all([createTestDatabase(), startTestSearch()]);
}, 60_000);
afterAll(async () => {
  await search?.meili.stop();
  await handle?.close();
});

const find = async (text: string) => {
  const { query } = parseOfferSearch(new URLSearchParams(text), "strict");
  if (!query) throw new Error(`bad query ${text}`);
  const result = await searchOffers({ db: handle.db, search: search.client, indexPrefix: search.indexPrefix, timeoutMs: 2_000 }, query);
  expect(result.degraded).toBe(false);
  return result.items.map((o) => o.ref);
};

describe("an offer past its end date", () => {
  it("is found while valid and leaves the index once the expiry job has run", async () => {
    const [org] = await handle.db.insert(organisations).values({ kind: "training", name: "祥云县测试职业培训学校", regionCode: "532923", status: "verified" }).returning({ id: organisations.id });
    const user = await createTestUser(handle.db, { organisation: org?.id ?? "", role: "member" });
    const actor = await getActor(userRequest("/", { cookie: user.cookie }), createTestLoadContext({ database: handle }));
    if (!actor) throw new Error("no actor");
    const content = {
      offerType: "course" as const,
      category: "training" as const,
      title: "中式烹调师培训班",
      description: "两个月培训，结业考核合格发证。",
      skills: ["厨师"],
      regionCodes: ["532923"],
      capacity: 15,
      amount: null,
      validFrom: null,
      details: { schedule: "每周一至周五上午" },
    };
    const ending = await createOffer({ db: handle.db, actor, content: { ...content, validUntil: "2026-12-20" }, publish: true, ip: null, today: "2026-12-04" });
    const lasting = await createOffer({ db: handle.db, actor, content: { ...content, title: "中式面点师培训班", validUntil: "2027-06-30" }, publish: true, ip: null, today: "2026-12-04" });
    expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toMatchObject({ failed: 0 });
    expect((await find("q=培训班")).sort()).toEqual([ending.ref, lasting.ref].sort());

    // 2026-12-21 00:00:05 in Beijing is 2026-12-20 16:00:05 UTC: the first run of the new day.
    const kicks: number[] = [];
    const expired = await runOfferExpiry({ db: handle.db, logger: createLogger({ level: "silent" }), kick: () => kicks.push(1), now: new Date("2026-12-20T16:00:05Z") });
    expect(expired).toEqual([ending.ref]);
    expect(kicks).toHaveLength(1);
    expect(await drainOutbox({ db: handle.db, client: search.client, indexPrefix: search.indexPrefix })).toMatchObject({ processed: 1, failed: 0 });
    expect(await find("q=培训班")).toEqual([lasting.ref]);
    expect(await find("region=532923")).toEqual([lasting.ref]);
    expect((await listOrganisationOffers({ db: handle.db, actor })).find((o) => o.ref === ending.ref)).toMatchObject({ status: "closed", closedReason: "expired" });
  });
});
