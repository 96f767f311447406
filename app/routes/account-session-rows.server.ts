// The rows of the session list on /account, as text in the page's language: the loader sends
// strings, not user agents or timestamps to format in the browser.
import type { Actor } from "../domain/auth/actor";
import { listAccountSessions } from "../domain/auth/account-sessions.server";
import { describeUserAgent } from "../domain/auth/describe-user-agent";
import type { Database } from "../../db/client.server";
import type { Locale } from "../i18n/config";
import type { getPageLocale } from "../i18n/page-locale.server";
import { formatDateTime } from "../ui/format-time";
import type { SessionRow } from "../ui/session-list";

type Translate = Awaited<ReturnType<typeof getPageLocale>>["t"];

function deviceName(userAgent: string | null, t: Translate): string {
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return t("account:sessions.browserOnOs", { browser, os });
  return browser ?? os ?? t("account:sessions.unknownDevice");
}

export async function sessionRows(options: { db: Database; actor: Actor; locale: Locale; t: Translate }): Promise<SessionRow[]> {
  const sessions = await listAccountSessions({ db: options.db, actor: options.actor });
  return sessions.map((session) => ({
    id: session.id,
    device: deviceName(session.userAgent, options.t),
    createdAt: formatDateTime(session.createdAt, options.locale),
    lastSeenAt: formatDateTime(session.lastSeenAt, options.locale),
    ip: session.ip,
    isCurrent: session.isCurrent,
  }));
}
