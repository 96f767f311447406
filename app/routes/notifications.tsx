// /notifications — what happened to the matches a signed-in person works on, newest first, with
// the unread ones marked. Works without JavaScript: "Open" is a form that marks the notification
// read and then goes where it leads; "Mark all read" is another.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "../domain/auth/guards.server";
import { safeRedirect } from "../domain/auth/safe-redirect";
import { NOTIFICATIONS_PAGE_SIZE, listNotifications } from "../domain/notifications/list-notifications.server";
import { isNotificationKind } from "../domain/notifications/notification-kinds";
import { markAllRead, openNotification } from "../domain/notifications/notify.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format-time";
import { titleMeta } from "../ui/meta";
import { Pagination } from "../ui/pagination";

export const handle = { i18n: ["notifications"] };
export const clientLoader = withNamespaces("notifications");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { locale, t } = await getPageLocale(request);
  const pageParam = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const listed = await listNotifications({ db: context.runtime.db, userId: actor.userId, page });
  return {
    title: t("meta.suffix", { title: t("notifications:title") }),
    page,
    pageCount: Math.max(1, Math.ceil(listed.total / NOTIFICATIONS_PAGE_SIZE)),
    unread: listed.unread,
    // Only kinds the site knows how to say; params are references and public titles.
    items: listed.items
      .filter((item) => isNotificationKind(item.kind))
      .map((item) => ({ id: item.id, kind: item.kind, params: item.params, read: item.read, when: formatDateTime(item.createdAt, locale) })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "read-all") {
    await markAllRead(context.runtime.db, actor.userId);
    return redirect("/notifications");
  }
  const id = form.get("id");
  if (intent === "open" && typeof id === "string") {
    const href = await openNotification(context.runtime.db, actor.userId, id);
    return redirect(safeRedirect(href, "/notifications"));
  }
  return redirect("/notifications");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function Notifications() {
  const { items, unread, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold text-stone-900">{t("title")}</h1>
      <p className="mt-2 max-w-prose text-stone-700">{t("intro")}</p>
      {unread > 0 ? (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <p className="font-medium text-stone-800">{t("unread", { count: unread })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="read-all" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm text-stone-800 hover:bg-stone-100">
              {t("markAllRead")}
            </button>
          </Form>
        </div>
      ) : null}
      {items.length === 0 ? (
        <div className="mt-6">
          <EmptyState message={t("empty")} />
        </div>
      ) : (
        <ul className="mt-6 space-y-3">
          {items.map((item) => (
            <li key={item.id} className={`rounded-lg border p-4 ${item.read ? "border-stone-200 bg-white" : "border-brand-300 bg-brand-50"}`}>
              <p className="text-stone-900">
                {item.read ? null : <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("new")}</span>}
                {t(`kind.${item.kind}`, item.params)}
              </p>
              <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-stone-600">
                <span>{item.when}</span>
                <Form method="post">
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" name="intent" value="open" className="font-medium text-brand-700 underline underline-offset-4">
                    {t("open")}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-6">
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/notifications?page=${p}`} />
      </div>
    </div>
  );
}
