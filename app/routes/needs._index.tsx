// /needs?page=N — every published need, newest first, twenty to a page.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPublicNeeds } from "../domain/needs/public-needs.server";
import { EmptyState } from "../ui/empty-state";
import { formatCount } from "../ui/format";
import { withNeedAmount } from "../ui/format-amount.server";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { NeedCard } from "../ui/need-card";
import { Pagination } from "../ui/pagination";
import { LIST_PAGE_SIZE, countPages, parseListPage } from "./list-page.server";
import { getPageLocale } from "../i18n/page-locale.server";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = parseListPage(request);
  const [{ locale, t }, { items, total }] = await Promise.all([
    getPageLocale(request),
    listPublicNeeds(context.runtime.db, { page, pageSize: LIST_PAGE_SIZE }),
  ]);
  const heading = page > 1 ? t("meta.needsPage", { page }) : t("meta.needs");
  return { title: t("meta.suffix", { title: heading }), page, pageCount: countPages(total), total, needs: items.map((need) => withNeedAmount(need, locale)) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

/** Page 1 has no query string, so there is one address for the start of the list. */
const needsPageHref = (page: number) => (page === 1 ? "/needs" : `/needs?page=${page}`);

export default function NeedsList() {
  const { page, pageCount, total, needs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">{t("needs.title")}</h1>
        <p className="mt-2 max-w-3xl text-stone-700">{t("needs.intro")}</p>
        {total > 0 ? <p className="mt-1 text-sm text-stone-600">{t("needs.total", { total: formatCount(total, locale) })}</p> : null}
      </header>
      <div className="mt-6">
        {needs.length ? (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {needs.map(({ need, amountLabel }) => (
              <li key={need.ref}>
                <NeedCard need={need} amountLabel={amountLabel} />
              </li>
            ))}
          </ul>
        ) : total === 0 ? (
          <EmptyState message={t("needs.empty")} />
        ) : (
          <EmptyState message={t("needs.beyondLast")} action={{ to: needsPageHref(1), label: t("needs.backToFirst") }} />
        )}
      </div>
      {needs.length ? <Pagination page={page} pageCount={pageCount} hrefFor={needsPageHref} /> : null}
    </>
  );
}
