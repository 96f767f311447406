// /staff/audit — who did what to which record, when and from where. Union admins and auditors read
// the rows of their region, platform admins all rows (the scope is inside the domain query).
// The filters are GET parameters, so a filtered view is a link and works without JavaScript;
// /staff/audit.csv downloads the same rows.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditFilterQuery, parseAuditFilters } from "../domain/audit/audit-filters";
import { summaryLines } from "../domain/audit/audit-summary";
import { listAuditActions, listAuditEntries } from "../domain/audit/read-audit.server";
import { requireAuditReader } from "../domain/auth/guards.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { SubmitButton, inputClass } from "../ui/form";
import { formatCount } from "../ui/format";
import { formatDateTime } from "../ui/format-time";
import { regionName, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { Pagination } from "../ui/pagination";

export const handle = { i18n: ["audit"] };
export const clientLoader = withNamespaces("audit");

const PATH = "/staff/audit";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireAuditReader(request, context);
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const { db } = context.runtime;
  const [{ locale, t }, result, actions, directory] = await Promise.all([
    getPageLocale(request),
    listAuditEntries({ db, actor, filters }),
    listAuditActions({ db, actor }),
    getRegionDirectory(db),
  ]);
  return {
    title: t("meta.suffix", { title: t("audit:title") }),
    filters,
    actions,
    total: result.total,
    page: result.page,
    pageCount: result.pageCount,
    entries: result.entries.map((entry) => {
      const region = entry.regionCode ? directory.get(entry.regionCode) : undefined;
      return {
        id: entry.id,
        occurredAt: entry.occurredAt.toISOString(),
        time: formatDateTime(entry.occurredAt, locale),
        actorEmail: entry.actorEmail,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        regionCode: entry.regionCode,
        regionName: region ? { zh: region.nameZh, en: region.nameEn } : null,
        ip: entry.ip,
        summary: summaryLines(entry.summary),
      };
    }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const TH = "px-3 py-2 text-left text-sm font-semibold text-stone-700";
const TD = "px-3 py-2 align-top text-sm";
const LABEL = "block text-sm font-medium text-stone-800";

export default function AuditPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("audit");
  const locale = useLocale();
  const { filters } = data;
  const query = auditFilterQuery(filters);
  const hrefFor = (page: number) => {
    const q = auditFilterQuery(filters, page);
    return q ? `${PATH}?${q}` : PATH;
  };

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-stone-900">{t("title")}</h1>
        <p className="mt-1 text-stone-700">{t("intro")}</p>
      </header>

      <Form method="get" action={PATH} className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-3" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="text-lg font-semibold text-stone-900 sm:col-span-2 lg:col-span-3">
          {t("filters.heading")}
        </h2>
        <div>
          <label htmlFor="audit-action" className={LABEL}>
            {t("filters.action")}
          </label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""} className={inputClass}>
            <option value="">{t("filters.anyAction")}</option>
            {data.actions.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`, { defaultValue: action })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-actor" className={LABEL}>
            {t("filters.actor")}
          </label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filters.actor ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-entity" className={LABEL}>
            {t("filters.entity")}
          </label>
          <input id="audit-entity" name="entity" type="text" defaultValue={filters.entity ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-entity-id" className={LABEL}>
            {t("filters.entityId")}
          </label>
          <input id="audit-entity-id" name="entityId" type="text" defaultValue={filters.entityId ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-from" className={LABEL}>
            {t("filters.from")}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className={LABEL}>
            {t("filters.to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass} />
        </div>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
          <SubmitButton>{t("filters.submit")}</SubmitButton>
          {query ? (
            <Link to={PATH} className="font-medium text-brand-700 underline underline-offset-4">
              {t("filters.clear")}
            </Link>
          ) : null}
          {/* A plain link: the file is a download, not a page Remix should render. */}
          <a href={query ? `${PATH}.csv?${query}` : `${PATH}.csv`} download className="font-medium text-brand-700 underline underline-offset-4">
            {t("export")}
          </a>
        </div>
      </Form>

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading" className="text-lg font-semibold text-stone-900">
          {t("found", { count: data.total, total: formatCount(data.total, locale) })}
        </h2>
        {data.entries.length === 0 ? (
          <p className="mt-3 text-stone-700">{t("none")}</p>
        ) : (
          // The table is wider than the page: its frame scrolls, and takes focus so keyboards can scroll it.
          <div role="region" aria-labelledby="entries-heading" tabIndex={0} className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="min-w-full divide-y divide-stone-200">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={TH}>{t("columns.time")}</th>
                  <th scope="col" className={TH}>{t("columns.actor")}</th>
                  <th scope="col" className={TH}>{t("columns.action")}</th>
                  <th scope="col" className={TH}>{t("columns.entity")}</th>
                  <th scope="col" className={TH}>{t("columns.region")}</th>
                  <th scope="col" className={TH}>{t("columns.ip")}</th>
                  <th scope="col" className={TH}>{t("columns.summary")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {data.entries.map((entry) => {
                  const name = entry.regionName ? regionName(entry.regionName, locale) : null;
                  return (
                    <tr key={entry.id}>
                      <td className={`${TD} whitespace-nowrap`}>
                        <time dateTime={entry.occurredAt}>{entry.time}</time>
                      </td>
                      <td className={`${TD} min-w-[14rem] break-all`}>{entry.actorEmail ?? <span className="text-stone-600">{t("noActor")}</span>}</td>
                      <td className={`${TD} min-w-[10rem]`}>
                        {t(`actions.${entry.action}`, { defaultValue: entry.action })}
                        <span className="block font-mono text-xs text-stone-600">{entry.action}</span>
                      </td>
                      <td className={`${TD} min-w-[12rem]`}>
                        <span className="font-mono">{entry.entity}</span>
                        {entry.entityId ? <span className="block break-all font-mono text-xs text-stone-600">{entry.entityId}</span> : null}
                      </td>
                      <td className={`${TD} min-w-[8rem]`}>
                        {entry.regionCode ? (
                          <>
                            {name ? <span lang={name.lang}>{name.text}</span> : null}
                            <span className="block font-mono text-xs text-stone-600">{entry.regionCode}</span>
                          </>
                        ) : (
                          <span className="text-stone-600">—</span>
                        )}
                      </td>
                      <td className={`${TD} font-mono`}>{entry.ip ?? "—"}</td>
                      <td className={`${TD} min-w-[16rem]`}>
                        {entry.summary.length ? (
                          <ul className="space-y-0.5">
                            {entry.summary.map((line, index) => (
                              <li key={index} className="break-all">
                                {line}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="text-stone-600">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={data.page} pageCount={data.pageCount} hrefFor={hrefFor} />
      </section>
    </div>
  );
}
