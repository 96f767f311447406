// /staff/applications — online applications waiting for the union (new and contacted), oldest
// first, for caseworkers and admins of the union covering their county. Identities stay hidden; what
// help is needed is the applicant's own text, which staff may read.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listApplicationQueue } from "../domain/applications/staff-applications.server";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { regionLabel } from "../domain/regions/region-choices.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { formatCount } from "../ui/format";
import { formatDateTime } from "../ui/format-time";
import { contentLang, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { Pagination } from "../ui/pagination";

export const handle = { i18n: ["applications"] };
export const clientLoader = withNamespaces("applications");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const [{ locale, t }, directory, queue] = await Promise.all([getPageLocale(request), getRegionDirectory(context.runtime.db), listApplicationQueue({ db: context.runtime.db, actor, page })]);
  const countyName = (code: string) => {
    const entry = directory.get(code);
    return entry ? regionLabel(entry, locale) : code;
  };
  return {
    title: t("meta.suffix", { title: t("applications:queue.title") }),
    page,
    total: queue.total,
    pageCount: queue.pageCount,
    applications: queue.applications.map((a) => ({ ...a, county: countyName(a.regionCode), receivedAt: formatDateTime(a.createdAt, locale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function ApplicationQueue() {
  const { applications, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation("applications");
  const locale = useLocale();
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title" className="text-2xl font-semibold">
        {t("queue.title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("queue.intro")}</p>
      <p className="mt-1 text-stone-600">{t("queue.count", { count: total, formatted: formatCount(total, locale) })}</p>
      {applications.length === 0 ? (
        <p className="mt-6 text-stone-700">{t("queue.empty")}</p>
      ) : (
        <ol className="mt-4 space-y-3">
          {applications.map((application) => (
            <li key={application.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/staff/applications/${application.id}`} className="font-mono font-semibold text-brand-700 underline underline-offset-4">
                  {application.number}
                </Link>
                <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${application.status === "new" ? "bg-amber-100 text-amber-900" : "bg-stone-100 text-stone-800"}`}>
                  {t(`staffStatus.${application.status}`)}
                </span>
              </div>
              <p className="mt-1 text-sm text-stone-600">
                {application.county} · {t("queue.received", { date: application.receivedAt })}
              </p>
              <p className="mt-2 line-clamp-3 whitespace-pre-line text-stone-900" lang={contentLang(application.helpNeeded, locale)}>
                <span className="sr-only">{t("queue.helpNeeded")}: </span>
                {application.helpNeeded}
              </p>
            </li>
          ))}
        </ol>
      )}
      <div className="mt-4">
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/staff/applications?page=${p}`} />
      </div>
    </section>
  );
}
