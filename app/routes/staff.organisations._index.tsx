// /staff/organisations — the organisations registered in a union admin's region, by state: those
// waiting for review first (the default), then the verified and the rejected.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { ORGANISATION_STATUSES } from "../domain/organisations/organisation-vocabulary";
import { listOrganisationsForReview } from "../domain/organisations/organisations-for-review.server";
import { regionTrailLabel } from "../domain/regions/region-choices.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format-time";
import { contentLang, useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { Pagination } from "../ui/pagination";

export const handle = { i18n: ["organisations"] };
export const clientLoader = withNamespaces("organisations");

const querySchema = z.object({
  status: z.enum(ORGANISATION_STATUSES).catch("pending"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin"]);
  const { status, page } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { db } = context.runtime;
  const [{ locale, t }, directory, list] = await Promise.all([getPageLocale(request), getRegionDirectory(db), listOrganisationsForReview({ db, actor, status, page })]);
  return {
    title: t("meta.suffix", { title: t("organisations:review.listTitle") }),
    status,
    page,
    pageCount: list.pageCount,
    counts: list.counts,
    organisations: list.organisations.map((o) => ({ ...o, region: regionTrailLabel(directory, o.regionCode, locale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const statusHref = (status: string, page = 1) => `/staff/organisations?status=${status}${page > 1 ? `&page=${page}` : ""}`;

export default function OrganisationsForReview() {
  const { status, page, pageCount, counts, organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organisations");
  const labels = useLabels();
  const locale = useLocale();
  return (
    <section aria-labelledby="organisations-title">
      <h1 id="organisations-title" className="text-2xl font-semibold">
        {t("review.listTitle")}
      </h1>
      <p className="mt-2 text-stone-700">{t("review.listIntro")}</p>
      <nav aria-label={t("review.tabsLabel")} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {ORGANISATION_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={statusHref(s)}
                aria-current={s === status ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md px-3 ${s === status ? "bg-brand-700 text-white" : "border border-stone-300 bg-white text-stone-800 hover:bg-stone-100"}`}
              >
                {t(`review.tabs.${s}`, { n: counts[s] })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6">
        {organisations.length === 0 ? (
          <EmptyState message={t(`review.empty.${status}`)} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption className="sr-only">{t(`review.caption.${status}`)}</caption>
              <thead>
                <tr className="border-b border-stone-300">
                  <th scope="col" className="py-2 pr-4">
                    {t("review.columns.name")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("review.columns.kind")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("review.columns.region")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {status === "pending" ? t("review.columns.registered") : t("review.columns.reviewed")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((o) => (
                  <tr key={o.id} className="border-b border-stone-200">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      <Link to={`/staff/organisations/${o.id}`} className="text-brand-700 underline underline-offset-4" lang={contentLang(o.name, locale)}>
                        {o.name}
                      </Link>
                    </th>
                    <td className="py-2 pr-4">{labels.organisationKind(o.kind)}</td>
                    <td className="py-2 pr-4">{o.region}</td>
                    <td className="py-2 pr-4">{formatDateTime(status === "pending" ? o.createdAt : (o.reviewedAt ?? o.createdAt), locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => statusHref(status, p)} />
    </section>
  );
}
