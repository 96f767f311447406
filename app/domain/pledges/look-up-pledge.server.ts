// A donor's tracking-code lookup from a public page: counted against the address's limit, then
// one lookup by the code's hash. Every code that names no pledge gets the same answer.
import type { Database } from "../../../db/client.server";
import type { RateLimiters } from "../auth/rate-limit.server";
import { beijingDay } from "./beijing-day";
import type { PledgeJourney } from "./read-pledge-journey.server";
import { readPledgeJourney } from "./read-pledge-journey.server";

export type PledgeJourneyView = Omit<PledgeJourney, "createdAt" | "expiresAt"> & { madeOn: string; expiresOn: string };

export type PledgeLookup = { kind: "found"; journey: PledgeJourneyView } | { kind: "not-found" } | { kind: "rate-limited"; retryAfterSeconds: number };

/** The journey of the pledge a typed code names, for the donor's pages; rate-limited per address. */
export async function lookUpPledge(options: { db: Database; rateLimits: RateLimiters; ip: string | null; code: string }): Promise<PledgeLookup> {
  const limited = await options.rateLimits.consume("pledgeTrackIp", options.ip ?? "unknown");
  if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  const journey = await readPledgeJourney(options.db, options.code);
  if (!journey) return { kind: "not-found" };
  const { createdAt, expiresAt, ...rest } = journey;
  return { kind: "found", journey: { ...rest, madeOn: beijingDay(createdAt), expiresOn: beijingDay(expiresAt) } };
}
