// The applicant's own view of an application: number and phone number together find it,
// and only its status (with the reason, when declined) is shown. A wrong pair is "not found" either
// way, so the answer never tells whether a number exists; the look-up is rate limited per address.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { applications } from "../../../db/schema/case-records";
import type { RateLimiters } from "../auth/rate-limit.server";
import type { ApplicationStatus } from "../cases/case-records-vocabulary";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { StatusCheckInput } from "./application-schema";

/** What the applicant is told: a merge into the household's existing case is an acceptance to them. */
export type ApplicantStatus = Exclude<ApplicationStatus, "merged">;

export type ApplicationStatusResult =
  | { kind: "found"; number: string; status: ApplicantStatus; declineReason: string | null; submittedAt: string }
  | { kind: "not-found" }
  | { kind: "rate-limited"; retryAfterSeconds: number };

/** The status of the application with this number and phone, or not-found. */
export async function checkApplicationStatus(options: { db: Database; cipher: IdentityCipher; rateLimits: RateLimiters; check: StatusCheckInput; ip: string | null }): Promise<ApplicationStatusResult> {
  // Its own counter under the public-form limit: checking does not use up the attempts to apply.
  const limited = await options.rateLimits.consume("publicFormIp", `status:${options.ip ?? "unknown"}`);
  if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  const [row] = await options.db
    .select({ number: applications.number, status: applications.status, declineReason: applications.declineReason, createdAt: applications.createdAt })
    .from(applications)
    .where(and(eq(applications.number, options.check.number), eq(applications.phoneHash, options.cipher.hashPhone(options.check.phone))));
  if (!row) return { kind: "not-found" };
  return { kind: "found", number: row.number, status: row.status === "merged" ? "accepted" : row.status, declineReason: row.status === "declined" ? row.declineReason : null, submittedAt: row.createdAt.toISOString() };
}
