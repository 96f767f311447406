// The deterministic demo data set that `npm start` seeds into an empty database (DESIGN §6), as an
// import document (DESIGN §7). Same seed and day → byte-identical JSON: every random choice comes
// from a seeded PRNG and every date from `today`, never from the clock.
//
// It tells the project's own story: the union tree of Yunnan → Dali → Xiangyun and the other places
// the pilot spread to (Kunming, Zhaotong, Liuzhou, Binzhou, Tumxuk), 72 registered households with
// obviously fake identities (see demo-identities.ts), their needs, and the offers that can meet them.
import type { ImportDocumentInput } from "../../app/domain/import/import-document";
import { buildDemoCases } from "./demo-cases";
import { DEMO_OFFERS } from "./demo-offers";
import { DEMO_PARTNERS, DEMO_UNIONS } from "./demo-organisations";
import type { Random } from "./demo-random";
import { createRandom, yuan } from "./demo-random";

type OfferInput = NonNullable<ImportDocumentInput["offers"]>[number];

/** 532923: Xiangyun's region code. */
export const DEMO_SEED = 532923;
/** The default day the demo is generated for, so that output never depends on the clock. */
export const DEMO_TODAY = new Date(Date.UTC(2026, 10, 1));

/** The demo data set as an import document; deterministic for a given seed and day. */
export function buildDemoDocument(options: { seed?: number; today?: Date } = {}): ImportDocumentInput {
  const random = createRandom(options.seed ?? DEMO_SEED);
  const today = options.today ?? DEMO_TODAY;
  return {
    version: 1,
    organisations: [...DEMO_UNIONS, ...DEMO_PARTNERS].map((organisation) => ({ ...organisation })),
    cases: buildDemoCases(random, today),
    offers: buildDemoOffers(random, today),
  };
}

const VALID_UNTIL = ["03-31", "06-30", "08-31", "09-30", "12-31"] as const;

function buildDemoOffers(random: Random, today: Date): OfferInput[] {
  return DEMO_OFFERS.map((offer) => {
    // Opened up to half a year ago; valid until some time next year.
    const validFrom = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - random.int(0, 6), 1));
    return {
      key: offer.key,
      organisation: offer.organisation,
      category: offer.category,
      title: offer.title,
      description: offer.description,
      skills: [...offer.skills],
      regions: [...offer.regions],
      capacity: offer.capacity,
      amount: offer.amount === null ? null : yuan(offer.amount),
      validFrom: validFrom.toISOString().slice(0, 10),
      validUntil: `${today.getUTCFullYear() + 1}-${random.pick(VALID_UNTIL)}`,
      status: offer.status,
    };
  });
}
