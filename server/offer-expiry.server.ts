// The server closes offers past their end date by itself: once at start-up, then just after every
// full hour. China has one time zone and no daylight saving, so midnight in Beijing (16:00 UTC) is
// one of those hours and an offer stops listing minutes after its last day. The CLI does not
// schedule; `expireOffers` is safe to run from several instances at once (SKIP LOCKED).
import { matchingToday } from "../app/domain/matching/hard-rules";
import { expireOffers } from "../app/domain/offers/expire-offers.server";
import type { Database } from "../db/client.server";
import type { Logger } from "./logger.server";

const HOUR_MS = 60 * 60 * 1000;
/** After the hour, so a clock a little behind still finds the new day. */
const AFTER_HOUR_MS = 5_000;

/** Milliseconds from `now` to the next run: 5 s past the next full hour. */
export function msUntilNextExpiry(now: Date): number {
  const next = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS + AFTER_HOUR_MS;
  const ms = next - now.getTime();
  // Within the 5 s after an hour the next full hour's run is nearly an hour away: run now-ish instead.
  return ms > HOUR_MS ? ms - HOUR_MS : ms;
}

/** Runs the expiry now; the outbox rows it queued are kicked to the worker. Returns the refs closed. */
export async function runOfferExpiry(options: { db: Database; logger: Logger; kick: () => void; now?: Date }): Promise<string[]> {
  const today = matchingToday(options.now ?? new Date());
  const expired = await expireOffers(options.db, today);
  if (expired.length) {
    options.logger.info({ count: expired.length, today }, "offers past their end date closed");
    options.kick();
  }
  return expired;
}

/** Runs `job` just after every full hour (msUntilNextExpiry), one run at a time; returns the function that stops it. */
export function scheduleHourly(job: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      job().catch(onError).finally(arm);
    }, msUntilNextExpiry(new Date()));
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** Schedules runOfferExpiry after every full hour; returns the function that stops it. */
export function scheduleOfferExpiry(options: { db: Database; logger: Logger; kick: () => void }): () => void {
  return scheduleHourly(
    () => runOfferExpiry(options),
    (error) => options.logger.error({ err: error }, "could not close offers past their end date"),
  );
}
