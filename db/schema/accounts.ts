import { MEMBERSHIP_ROLES } from "../../app/domain/auth/roles";
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, oneOf, timestamps } from "./columns";
import { organisations } from "./organisations";

/**
 * People who sign in. Donors need no account; a user without a membership is a personal account.
 * The TOTP secret is encrypted like an identity field; `totpLastStep` refuses a replayed code.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-case and trimmed; unique. */
    email: text("email").notNull().unique("users_email_key"),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    totpSecretEnc: bytea("totp_secret_enc"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    totpLastStep: integer("totp_last_step"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    /** Demo accounts of the seed: disabled when SEED_DEMO=false. */
    isDemo: boolean("is_demo").notNull().default(false),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check("users_email_normalised", sql`${t.email} = lower(btrim(${t.email})) and position('@' in ${t.email}) > 1`),
    check("users_totp_enabled_has_secret", sql`${t.totpEnabledAt} is null or ${t.totpSecretEnc} is not null`),
  ],
);

/** A user's place in one organisation (one per user: a member of staff works for one union). */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" })
      .unique("memberships_user_key"),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    ...timestamps,
  },
  (t) => [index("memberships_organisation_idx").on(t.organisationId), oneOf("memberships_role_valid", t.role, MEMBERSHIP_ROLES)],
);

/**
 * Server-side sessions. The cookie holds a random token; only its SHA-256 is stored, so a copy of
 * this table signs nobody in. `secondFactorPending`: the password was right, the TOTP code is due.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secondFactorPending: boolean("second_factor_pending").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Idle timeout in seconds (staff sessions end sooner when left alone). */
    idleSeconds: integer("idle_seconds").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** An emailed invitation to join an organisation; the link carries the token, we keep its hash. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull().unique("invitations_token_key"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("invitations_organisation_idx").on(t.organisationId), oneOf("invitations_role_valid", t.role, MEMBERSHIP_ROLES)],
);

/** A password reset link: usable once, until it expires. */
export const passwordResets = pgTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/** Counters of rate-limiter-flexible's RateLimiterDrizzle (its schema: key, points, expire). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});
