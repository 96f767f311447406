// What the home page says the site holds now: its public needs and its listed offers, each a count
// of a whole table (tens of milliseconds at 100,000 needs), read at most once a minute and shared by
// visitors (public-figures-cache.server.ts).
import type { Database } from "../../../db/client.server";
import { countPublicNeeds } from "../needs/public-needs.server";
import { countListedOffers } from "../offers/public-offers.server";
import type { PublicFiguresCache } from "./public-figures-cache.server";

export async function readSiteCounts(db: Database, figures: PublicFiguresCache): Promise<{ needs: number; offers: number }> {
  const { value } = await figures.get("site-counts", async () => {
    const [needs, offers] = await Promise.all([countPublicNeeds(db), countListedOffers(db)]);
    return { needs, offers };
  });
  return value;
}
