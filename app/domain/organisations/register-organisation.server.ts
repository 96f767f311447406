// Public registration of an organisation. The organisation (pending until a union admin
// of its region verifies it), its first user with an admin membership, the audit row and a signed-in
// session commit together; the emails follow the commit (organisation-mail.server.ts).
import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { memberships, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import { recordAudit } from "../audit/record-audit.server";
import { hashPassword } from "../auth/password.server";
import type { RateLimiters } from "../auth/rate-limit.server";
import type { NewSession } from "../auth/session.server";
import { createSession, deleteSession } from "../auth/session.server";
import type { RequestInfo } from "../auth/sign-in.server";
import { regionLabel } from "../regions/region-choices.server";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { MailContext } from "./organisation-mail.server";
import { mailRegistration } from "./organisation-mail.server";
import type { Registration } from "./registration-schema";

/** Field errors found on the server, as i18n keys, for `submission.reply({ fieldErrors })`. */
export type RegistrationFieldErrors = Record<string, string[]>;

export type RegistrationResult =
  | { kind: "registered"; organisationId: string; session: NewSession }
  | { kind: "invalid"; fieldErrors: RegistrationFieldErrors }
  | { kind: "rate-limited"; retryAfterSeconds: number };

const EMAIL_TAKEN = ["organisations:errors.emailTaken"];

/** Registers an organisation and its first admin, signs them in, then emails the applicant and the covering union admins. */
export async function registerOrganisation(options: {
  db: Database;
  rateLimits: RateLimiters;
  mail: MailContext;
  registration: Registration;
  request: RequestInfo;
  /** A session the browser already had: replaced by the new account's. */
  previousSessionId?: string | null;
}): Promise<RegistrationResult> {
  const { db, registration, request } = options;
  // Counted before the email check, so the "already registered" answer cannot be harvested quickly.
  const limited = await options.rateLimits.consume("publicFormIp", request.ip ?? "unknown");
  if (!limited.ok) return { kind: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };

  const region = (await getRegionDirectory(db)).get(registration.region);
  const fieldErrors: RegistrationFieldErrors = {};
  if (!region) fieldErrors.region = ["organisations:errors.regionUnknown"];
  if (await isEmailTaken(db, registration.email)) fieldErrors.email = EMAIL_TAKEN;
  if (!region || Object.keys(fieldErrors).length) return { kind: "invalid", fieldErrors };

  // Argon2 is slow on purpose: outside the transaction.
  const passwordHash = await hashPassword(registration.password);
  let created: { organisationId: string; session: NewSession };
  try {
    created = await db.transaction(async (tx) => {
      const [organisation] = await tx
        .insert(organisations)
        .values({
          kind: registration.kind,
          name: registration.name,
          description: registration.description,
          regionCode: region.code,
          status: "pending",
          contactName: registration.contactName,
          contactEmail: registration.contactEmail,
          contactPhone: registration.contactPhone,
          website: registration.website ?? null,
        })
        .returning({ id: organisations.id });
      const [user] = await tx
        .insert(users)
        .values({ email: registration.email, displayName: registration.displayName, passwordHash })
        .returning({ id: users.id });
      if (!organisation || !user) throw new Error("insert returned no row");
      await tx.insert(memberships).values({ userId: user.id, organisationId: organisation.id, role: "admin" });
      await recordAudit(tx, {
        actor: { userId: user.id, email: registration.email },
        action: "organisation.register",
        entity: "organisation",
        entityId: organisation.id,
        organisationId: organisation.id,
        regionCode: region.code,
        ip: request.ip,
        after: { status: "pending", kind: registration.kind, regionCode: region.code },
      });
      if (options.previousSessionId) await deleteSession(tx, options.previousSessionId);
      const session = await createSession(tx, { userId: user.id, staff: false, ...request });
      return { organisationId: organisation.id, session };
    });
  } catch (error) {
    // Two registrations with one email at the same moment: the unique index decides.
    if (isUniqueViolation(error, "users_email_key")) return { kind: "invalid", fieldErrors: { email: EMAIL_TAKEN } };
    throw error;
  }

  await mailRegistration(db, options.mail, {
    id: created.organisationId,
    name: registration.name,
    kind: registration.kind,
    regionCode: region.code,
    regionName: regionLabel(region, options.mail.locale),
    applicantEmail: registration.email,
  });
  return { kind: "registered", ...created };
}

async function isEmailTaken(db: Database, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row !== undefined;
}

/** True for PostgreSQL's unique_violation on `constraint`, however the driver wrapped it. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  let e: unknown = error;
  while (typeof e === "object" && e !== null) {
    if ("code" in e && e.code === "23505") return !("constraint" in e) || e.constraint === undefined || e.constraint === constraint;
    e = "cause" in e ? e.cause : undefined;
  }
  return false;
}
