// Rate limits stored in PostgreSQL (rate-limiter-flexible's Drizzle store), so every app instance
// counts the same attempts (DESIGN §6). Keys hash the email so the table holds no addresses.
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../../../db/client.server";
import { rateLimits } from "../../../db/schema/accounts";
import { hashToken } from "./tokens.server";

/** Attempts allowed per window, by what is being limited. Sign-in counts wrong passwords only. */
export const RATE_LIMITS = {
  /** Wrong passwords in a row for one account from one address: that pair waits out the window. */
  signInPair: { points: 5, duration: 15 * 60 },
  /** The same from an address the account has signed in from: a short wait, never a lockout. */
  signInKnownPair: { points: 5, duration: 60 },
  /** Wrong passwords from one address, whatever the account. */
  signInAddress: { points: 30, duration: 15 * 60 },
  /** Wrong passwords for one account from anywhere: past this the account is slowed. */
  signInAccount: { points: 50, duration: 60 * 60 },
  /** A slowed account takes one attempt a minute from addresses it has never signed in from. */
  signInSlowed: { points: 1, duration: 60 },
  /** Addresses an account signed in from (a marker, remembered 90 days): slowing spares them. */
  signInKnownAddress: { points: 1, duration: 90 * 24 * 60 * 60 },
  /** Wrong current passwords when changing the password, per account. */
  passwordChange: { points: 5, duration: 15 * 60 },
  /** Organisation registrations and other public forms from one address. */
  publicFormIp: { points: 10, duration: 60 * 60 },
  /** Pledge forms sent from one address (a retry of one form counts too). */
  pledgeIp: { points: 20, duration: 60 * 60 },
  /** Tracking-code lookups from one address: enough for a donor, too few to guess codes. */
  pledgeTrackIp: { points: 30, duration: 60 * 60 },
  /** Password reset requests, per address and per email. */
  resetIp: { points: 10, duration: 60 * 60 },
  resetEmail: { points: 3, duration: 60 * 60 },
  /** Second-factor codes per pending session. */
  secondFactor: { points: 5, duration: 10 * 60 },
  /** Answers that name the union holding a resident ID, per staff user. */
  residentIdHolder: { points: 10, duration: 60 * 60 },
  /** Invitation emails, per inviting user and per organisation. */
  invitationUser: { points: 10, duration: 60 * 60 },
  invitationOrganisation: { points: 30, duration: 24 * 60 * 60 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

export type RateLimitCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiters {
  /** Counts one attempt; `retryAfterSeconds` when the limit is already reached. */
  consume(name: RateLimitName, key: string): Promise<RateLimitCheck>;
  /** Whether the limit is reached, without counting anything. */
  peek(name: RateLimitName, key: string): Promise<RateLimitCheck>;
  /** Gives back one counted attempt (one that turned out not to count, such as a right password). */
  reward(name: RateLimitName, key: string): Promise<void>;
  /** Forgets the attempts of a key (a successful sign-in clears its failures). */
  reset(name: RateLimitName, key: string): Promise<void>;
  /** Marks a key for the limit's whole duration, from now (`isRemembered` then answers true). */
  remember(name: RateLimitName, key: string): Promise<void>;
  isRemembered(name: RateLimitName, key: string): Promise<boolean>;
}

const retryAfter = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

export function createRateLimiters(db: Database): RateLimiters {
  const limiters = new Map<RateLimitName, RateLimiterDrizzle>();
  const limiter = (name: RateLimitName) => {
    let found = limiters.get(name);
    if (!found) {
      found = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix: name, clearExpiredByTimeout: false, ...RATE_LIMITS[name] });
      limiters.set(name, found);
    }
    return found;
  };
  return {
    async consume(name, key) {
      try {
        await limiter(name).consume(hashToken(key));
        return { ok: true };
      } catch (error) {
        if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: retryAfter(error.msBeforeNext) };
        throw error;
      }
    },
    async peek(name, key) {
      const found = await limiter(name).get(hashToken(key));
      return found && found.consumedPoints >= RATE_LIMITS[name].points ? { ok: false, retryAfterSeconds: retryAfter(found.msBeforeNext) } : { ok: true };
    },
    async reward(name, key) {
      await limiter(name).reward(hashToken(key), 1);
    },
    async reset(name, key) {
      await limiter(name).delete(hashToken(key));
    },
    async remember(name, key) {
      await limiter(name).set(hashToken(key), 1, RATE_LIMITS[name].duration);
    },
    async isRemembered(name, key) {
      return (await limiter(name).get(hashToken(key))) !== null;
    },
  };
}
