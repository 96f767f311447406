// Telling people in the site and by email. `notify` writes the rows in the caller's transaction, so
// a notification exists exactly when what it announces committed; `emailNotifications` sends them
// after the commit (a failure is logged, never thrown: the notification is still in the site).
// No user has a language setting yet, so each email carries both languages and links to the site.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Logger } from "pino";
import type { Database, Transaction } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { notifications } from "../../../db/schema/notifications";
import { i18nServer } from "../../i18n/i18next.server";
import type { Mailer } from "../mail/mailer.server";
import type { NotificationKind, NotificationParams } from "./notification-kinds";

/** What sending needs, from context.runtime. */
export interface NotificationMail {
  mailer: Mailer;
  logger: Logger;
  publicUrl: string;
}

export interface NotifyInput {
  userIds: readonly string[];
  kind: NotificationKind;
  matchId?: string | null;
  params: NotificationParams;
  /** A path in the site. */
  href: string;
}

/** Writes one notification per distinct user; returns their ids (for emailNotifications after the commit). */
export async function notify(tx: Transaction, input: NotifyInput): Promise<string[]> {
  const userIds = [...new Set(input.userIds)];
  if (!userIds.length) return [];
  const rows = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind: input.kind, matchId: input.matchId ?? null, params: { ...input.params }, href: input.href })))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

/** The subject and body of a notification's email, in Chinese then English, ending with the link. */
export async function notificationEmail(kind: string, params: Record<string, string>, link: string): Promise<{ subject: string; text: string }> {
  const zh = await i18nServer.getFixedT("zh-CN", "notifications");
  const en = await i18nServer.getFixedT("en", "notifications");
  const subject = `${zh("mail.subject", params)} / ${en("mail.subject", params)}`;
  const text = [zh(`kind.${kind}`, params), zh("mail.open", { link }), "", en(`kind.${kind}`, params), en("mail.open", { link }), "", zh("mail.footer"), en("mail.footer")].join("\n");
  return { subject, text };
}

/**
 * Emails the given notifications that have not been emailed yet. Each row is claimed (emailed_at set)
 * before it is sent, so two callers never send one twice; disabled accounts get no email.
 */
export async function emailNotifications(db: Database, mail: NotificationMail, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  let sent = 0;
  try {
    const claimed = await db
      .update(notifications)
      .set({ emailedAt: new Date() })
      .where(and(inArray(notifications.id, [...ids]), isNull(notifications.emailedAt)))
      .returning({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, params: notifications.params, href: notifications.href });
    if (!claimed.length) return 0;
    const recipients = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(inArray(users.id, [...new Set(claimed.map((c) => c.userId))]), isNull(users.disabledAt)));
    const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
    const base = mail.publicUrl.replace(/\/+$/, "");
    for (const row of claimed) {
      const to = emailOf.get(row.userId);
      if (!to) continue;
      const message = await notificationEmail(row.kind, row.params, `${base}${row.href ?? "/notifications"}`);
      try {
        await mail.mailer.send({ to, ...message });
        sent++;
      } catch (error) {
        // The address stays out of the log; the notification's id finds it again.
        mail.logger.error({ err: error, notificationId: row.id }, "notification email not sent");
      }
    }
  } catch (error) {
    mail.logger.error({ err: error }, "notification emails not sent");
  }
  return sent;
}

/** Marks one of the user's notifications read (another user's id changes nothing). */
export async function markRead(db: Database, userId: string, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Marks one of the user's notifications read and returns where it leads (null for another user's id). */
export async function openNotification(db: Database, userId: string, id: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  await markRead(db, userId, id);
  const [row] = await db
    .select({ href: notifications.href })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row?.href ?? null;
}

/** Marks every unread notification of the user read. */
export async function markAllRead(db: Database, userId: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
