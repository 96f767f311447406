// /dev/mail — the messages the site "sent" while no SMTP_URL is set (they are files in
// DATA_DIR/mail), so reset and invitation links can be followed on the embedded default.
// Platform admins only; with real SMTP there is nothing here and the page is a 404.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePlatformAdmin } from "../domain/auth/guards.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { formatDateTime } from "../ui/format-time";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["staff"] };
export const clientLoader = withNamespaces("staff");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request, context);
  if (context.runtime.mailer.kind !== "files") throw new Response("Not Found", { status: 404 });
  const { t } = await getPageLocale(request);
  return { title: t("meta.suffix", { title: t("staff:mail.title") }), messages: context.runtime.mailer.list() };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function DevMail() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const locale = useLocale();
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title" className="text-2xl font-semibold">
        {t("mail.title")}
      </h1>
      <p className="mt-1 text-stone-600">{t("mail.intro")}</p>
      {messages.length === 0 ? <p className="mt-6">{t("mail.empty")}</p> : null}
      <ol className="mt-4 space-y-3">
        {messages.map((m) => (
          <li key={m.id} className="rounded-lg border border-stone-200 bg-white p-4">
            <article aria-label={m.subject}>
              <h2 className="font-semibold">{m.subject}</h2>
              <p className="text-sm text-stone-600">
                {t("mail.to", { to: m.to })} · {formatDateTime(m.sentAt, locale)}
              </p>
              <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{m.text}</pre>
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}
