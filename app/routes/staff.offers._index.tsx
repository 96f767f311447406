// /staff/offers?q=… — the listed offers that cover the staff member's region or a place in it (the
// public offer search, held to the region), each linking to its staff page with suggested needs.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { staffRegion } from "../domain/auth/permissions";
import { searchOffers } from "../domain/search/search-offers.server";
import { parseOfferSearch } from "../domain/search/search-query";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { inputClass } from "../ui/form";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["staff", "matches"] };
export const clientLoader = withNamespaces("staff", "matches");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker", "auditor"]);
  const { query } = parseOfferSearch(new URL(request.url).searchParams);
  if (!query) throw new Response("Bad Request", { status: 400 });
  const { db, search, logger, indexPrefix } = context.runtime;
  const region = staffRegion(actor) ?? undefined;
  const [{ t }, result] = await Promise.all([getPageLocale(request), searchOffers({ db, search, logger, indexPrefix }, { ...query, region })]);
  return {
    title: t("meta.suffix", { title: t("matches:staff.offers.title") }),
    q: query.q,
    total: result.total,
    degraded: result.degraded,
    offers: result.items.map((o) => ({ ref: o.ref, title: o.title, organisationName: o.organisationName, kind: t(`organisationKind.${o.organisationKind}`), category: t(`category.${o.category}`) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function StaffOffers() {
  const { q, total, degraded, offers } = useLoaderData<typeof loader>();
  const { t } = useTranslation("matches");
  return (
    <section aria-labelledby="offers-title">
      <h1 id="offers-title" className="text-2xl font-semibold">
        {t("staff.offers.title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("staff.offers.intro")}</p>
      <Form method="get" role="search" className="mt-4 flex max-w-xl items-end gap-2">
        <div className="grow">
          <label htmlFor="offer-q" className="block font-medium text-stone-800">
            {t("staff.offers.search")}
          </label>
          <input id="offer-q" type="search" name="q" defaultValue={q} className={inputClass} />
        </div>
        <button type="submit" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("staff.offers.submit")}
        </button>
      </Form>
      {degraded ? <p className="mt-3 text-sm text-amber-900">{t("staff.offers.unavailable")}</p> : null}
      <p className="mt-3 text-sm text-stone-600">{t("staff.offers.count", { count: total, formatted: String(total) })}</p>
      {offers.length === 0 ? (
        <p className="mt-3 text-stone-700">{t("staff.offers.none")}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {offers.map((o) => (
            <li key={o.ref} className="rounded-lg border border-stone-200 bg-white p-3">
              <Link to={`/staff/offers/${o.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
                {o.title}
              </Link>
              <p className="text-sm text-stone-600">
                {o.organisationName} · {o.kind} · {o.category}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
