// The invitation email, in the language of the admin who sends it (the page they were using).
import type { Locale } from "../../i18n/config";
import { i18nServer } from "../../i18n/i18next.server";
import type { MailMessage } from "../mail/mailer.server";
import type { MembershipRole } from "../auth/roles";
import { INVITATION_DAYS } from "./invitation-rules";

export async function invitationMail(options: { locale: Locale; to: string; organisationName: string; inviterName: string; role: MembershipRole; link: string }): Promise<MailMessage> {
  const t = await i18nServer.getFixedT(options.locale, "members");
  const values = { organisation: options.organisationName, inviter: options.inviterName, role: t(`roles.${options.role}`), link: options.link, days: INVITATION_DAYS };
  return { to: options.to, subject: t("mail.inviteSubject", values), text: t("mail.inviteText", values) };
}
