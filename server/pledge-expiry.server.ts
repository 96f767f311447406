// The server expires unpaid pledges by itself: once at start-up, then just after every full hour,
// on the same clock as offer expiry. `expirePledges` is one UPDATE, safe from several instances.
import { expirePledges } from "../app/domain/pledges/expire-pledges.server";
import type { Database } from "../db/client.server";
import type { Logger } from "./logger.server";
import { scheduleHourly } from "./offer-expiry.server";

/** Runs the expiry now; returns the references of the pledges that expired. */
export async function runPledgeExpiry(options: { db: Database; logger: Logger; now?: Date }): Promise<string[]> {
  const expired = await expirePledges(options.db, options.now ?? new Date());
  if (expired.length) options.logger.info({ count: expired.length }, "unpaid pledges past their expiry closed");
  return expired;
}

/** Schedules runPledgeExpiry after every full hour; returns the function that stops it. */
export function schedulePledgeExpiry(options: { db: Database; logger: Logger }): () => void {
  return scheduleHourly(
    () => runPledgeExpiry(options),
    (error) => options.logger.error({ err: error }, "could not expire unpaid pledges"),
  );
}
