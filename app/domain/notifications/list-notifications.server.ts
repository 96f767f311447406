// A person's notifications, newest first, and how many are unread (the header's count).
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { notifications } from "../../../db/schema/notifications";

export interface NotificationItem {
  id: string;
  kind: string;
  params: Record<string, string>;
  href: string | null;
  read: boolean;
  createdAt: string;
}

export const NOTIFICATIONS_PAGE_SIZE = 50;

export async function listNotifications(options: { db: Database; userId: string; page?: number }): Promise<{ items: NotificationItem[]; total: number; unread: number }> {
  const page = Math.max(1, options.page ?? 1);
  const [rows, [totals], unread] = await Promise.all([
    options.db
      .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, href: notifications.href, readAt: notifications.readAt, createdAt: notifications.createdAt })
      .from(notifications)
      .where(eq(notifications.userId, options.userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE),
    options.db.select({ total: count() }).from(notifications).where(eq(notifications.userId, options.userId)),
    unreadCount(options.db, options.userId),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, params: r.params, href: r.href, read: r.readAt !== null, createdAt: r.createdAt.toISOString() })),
    total: totals?.total ?? 0,
    unread,
  };
}

/** Unread notifications of the user (a partial index serves this). */
export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
