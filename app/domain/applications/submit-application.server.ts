// An online application for help, made without an account (Liuzhou's one-click
// application). Its identity is protected exactly like a case's: each field encrypted, the resident
// ID and phone kept as keyed hashes for matching and for the status check. Nothing is emailed (no
// address is asked); the applicant keeps the number shown once.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { applications } from "../../../db/schema/case-records";
import { organisations } from "../../../db/schema/organisations";
import { recordAudit } from "../audit/record-audit.server";
import type { RateLimiters } from "../auth/rate-limit.server";
import { newPublicReference } from "../needs/public-reference.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { getRegionDirectory } from "../regions/region-directory.server";
import { coversRegion } from "../regions/region-scope.server";
import type { ApplicationInput } from "./application-schema";

export type SubmitApplicationResult =
  | { kind: "submitted"; number: string }
  | { kind: "invalid"; fieldErrors: Record<string, string[]> }
  | { kind: "rate-limited"; retryAfterSeconds: number };

const NUMBER_ATTEMPTS = 5;

/** Stores an application for the unions covering its county and audits it (without identity values). */
export async function submitApplication(options: {
  db: Database;
  cipher: IdentityCipher;
  rateLimits: RateLimiters;
  application: ApplicationInput;
  ip: string | null;
}): Promise<SubmitApplicationResult> {
  const { db, cipher, application } = options;
  const limited = await options.rateLimits.consume("publicFormIp", options.ip ?? "unknown");
  if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };

  const county = (await getRegionDirectory(db)).get(application.county);
  if (county?.level !== "county") return { kind: "invalid", fieldErrors: { county: ["applications:errors.countyRequired"] } };
  // An application nobody would see is data kept for nothing: say where else to turn instead.
  if (!(await isCoveredByUnion(db, county.code))) return { kind: "invalid", fieldErrors: { county: ["applications:errors.countyNotCovered"] } };

  const values = {
    regionCode: county.code,
    nameEnc: cipher.encrypt("name", application.name),
    idNumberEnc: cipher.encrypt("idNumber", application.idNumber),
    phoneEnc: cipher.encrypt("phone", application.phone),
    idHash: cipher.hashResidentId(application.idNumber),
    phoneHash: cipher.hashPhone(application.phone),
    whatHappened: application.whatHappened,
    helpNeeded: application.helpNeeded,
    consentAt: new Date(),
  };
  for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
    const number = newPublicReference("A");
    const stored = await db.transaction(async (tx) => {
      // A taken number (1 in 22 billion) inserts nothing, and the loop draws another.
      const [row] = await tx.insert(applications).values({ ...values, number }).onConflictDoNothing({ target: applications.number }).returning({ id: applications.id });
      if (!row) return false;
      await recordAudit(tx, {
        actor: null,
        action: "application.submit",
        entity: "application",
        entityId: row.id,
        regionCode: county.code,
        ip: options.ip,
        after: { status: "new", number },
      });
      return true;
    });
    if (stored) return { kind: "submitted", number };
  }
  throw new Error(`no free application number after ${NUMBER_ATTEMPTS} attempts`);
}

/** A verified union whose region is the county or lies above it. */
async function isCoveredByUnion(db: Database, countyCode: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, "union"), eq(organisations.status, "verified"), coversRegion(organisations.regionCode, countyCode)))
    .limit(1);
  return Boolean(row);
}
