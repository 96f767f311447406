// Emails about an organisation's registration and its review. They go out after the
// commit of what they announce, and a failure is logged, never thrown: the decision stands and is
// on the site (the applicant reads it at /organisation, union admins at /staff/organisations).
// No user has a language setting yet, so a message is in the language of the request that caused it.
import { and, eq, isNull } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database } from "../../../db/client.server";
import { memberships, users } from "../../../db/schema/accounts";
import { organisations } from "../../../db/schema/organisations";
import type { Locale } from "../../i18n/config";
import { i18nServer } from "../../i18n/i18next.server";
import type { MailMessage, Mailer } from "../mail/mailer.server";
import { coversRegion } from "../regions/region-scope.server";
import type { OrganisationKind } from "./organisation-vocabulary";

/** What sending needs: from context.runtime, and the request's language. */
export interface MailContext {
  mailer: Mailer;
  logger: Logger;
  publicUrl: string;
  locale: Locale;
}

function siteLink(mail: MailContext, path: string): string {
  return `${mail.publicUrl.replace(/\/+$/, "")}${path}`;
}

async function sendLogged(mail: MailContext, message: MailMessage, about: { organisationId: string; purpose: string }): Promise<void> {
  try {
    await mail.mailer.send(message);
  } catch (error) {
    // The address stays out of the log; the organisation and the purpose find the message again.
    mail.logger.error({ err: error, organisationId: about.organisationId, mail: about.purpose }, "organisation email not sent");
  }
}

/** Active union admins whose union's region is the region or lies above it. */
export async function coveringUnionAdminEmails(db: Database, regionCode: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(organisations.kind, "union"),
        eq(organisations.status, "verified"),
        eq(memberships.role, "admin"),
        isNull(users.disabledAt),
        coversRegion(organisations.regionCode, regionCode),
      ),
    )
    .orderBy(users.email);
  return rows.map((r) => r.email);
}

async function organisationAdminEmails(db: Database, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "admin"), isNull(users.disabledAt)))
    .orderBy(users.email);
  return rows.map((r) => r.email);
}

export interface RegisteredOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  regionCode: string;
  regionName: string;
  applicantEmail: string;
}

/** Confirms a registration to the applicant and asks every union admin covering its region to review it. */
export async function mailRegistration(db: Database, mail: MailContext, organisation: RegisteredOrganisation): Promise<void> {
  const about = { organisationId: organisation.id };
  try {
    const t = await i18nServer.getFixedT(mail.locale, "organisations");
    const values = { name: organisation.name, region: organisation.regionName, kind: t(`common:organisationKind.${organisation.kind}`) };
    await sendLogged(
      mail,
      { to: organisation.applicantEmail, subject: t("mail.received.subject", values), text: t("mail.received.body", { ...values, link: siteLink(mail, "/organisation") }) },
      { ...about, purpose: "registration-received" },
    );
    const review = siteLink(mail, `/staff/organisations/${organisation.id}`);
    for (const to of await coveringUnionAdminEmails(db, organisation.regionCode)) {
      await sendLogged(mail, { to, subject: t("mail.reviewRequest.subject", values), text: t("mail.reviewRequest.body", { ...values, link: review }) }, { ...about, purpose: "review-request" });
    }
  } catch (error) {
    mail.logger.error({ err: error, ...about }, "registration emails not sent");
  }
}

/** Tells the organisation's admins the union's decision (and, for a rejection, its reason). */
export async function mailReviewDecision(
  db: Database,
  mail: MailContext,
  organisation: { id: string; name: string; status: "verified" | "rejected"; rejectionReason: string | null },
): Promise<void> {
  const about = { organisationId: organisation.id, purpose: `review-${organisation.status}` };
  try {
    const t = await i18nServer.getFixedT(mail.locale, "organisations");
    const values = { name: organisation.name, reason: organisation.rejectionReason ?? "", link: siteLink(mail, "/organisation") };
    const key = organisation.status === "verified" ? "mail.verified" : "mail.rejected";
    for (const to of await organisationAdminEmails(db, organisation.id)) {
      await sendLogged(mail, { to, subject: t(`${key}.subject`, values), text: t(`${key}.body`, values) }, about);
    }
  } catch (error) {
    mail.logger.error({ err: error, ...about }, "review emails not sent");
  }
}
