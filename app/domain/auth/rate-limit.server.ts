// Rate limits stored in PostgreSQL (rate-limiter-flexible's Drizzle store), so every app instance
// counts the same attempts (DESIGN §6). Keys hash the email so the table holds no addresses.
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "../../../db/client.server";
import { rateLimits } from "../../../db/schema/accounts";
import { hashToken } from "./tokens.server";

/** Attempts allowed per window, by what is being limited. */
export const RATE_LIMITS = {
  /** Failed sign-ins for one email from anywhere, and from one address for any email. */
  signInEmail: { points: 5, duration: 15 * 60 },
  signInIp: { points: 30, duration: 15 * 60 },
  /** Organisation registrations and other public forms from one address. */
  publicFormIp: { points: 10, duration: 60 * 60 },
  /** Password reset requests, per address and per email. */
  resetIp: { points: 10, duration: 60 * 60 },
  resetEmail: { points: 3, duration: 60 * 60 },
  /** Second-factor codes per pending session. */
  secondFactor: { points: 5, duration: 10 * 60 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

export interface RateLimiters {
  /** Counts one attempt; `retryAfterSeconds` when the limit is already reached. */
  consume(name: RateLimitName, key: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /** Forgets the attempts of a key (a successful sign-in clears its failures). */
  reset(name: RateLimitName, key: string): Promise<void>;
}

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
        if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
        throw error;
      }
    },
    async reset(name, key) {
      await limiter(name).delete(hashToken(key));
    },
  };
}
