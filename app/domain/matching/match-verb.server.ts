// What every verb of a match's lifecycle takes, and what it does after its commit: email the
// notifications it wrote (when given the mailer). The caller then runs runtime.kickSearch().
import type { Database } from "../../../db/client.server";
import type { Actor } from "../auth/actor";
import type { NotificationMail } from "../notifications/notify.server";
import { emailNotifications } from "../notifications/notify.server";

export interface MatchVerbOptions {
  db: Database;
  actor: Actor;
  /** The client's address, for the audit row. */
  ip?: string | null;
  /** context.runtime (mailer, logger, publicUrl): the notifications are emailed after the commit. */
  mail?: NotificationMail;
}

export async function afterMatchCommit(options: MatchVerbOptions, notificationIds: readonly string[]): Promise<void> {
  if (options.mail) await emailNotifications(options.db, options.mail, notificationIds);
}
