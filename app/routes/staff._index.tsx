// /staff — where a member of union staff starts: who they are, their scope, and what they can do.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireActor } from "../domain/auth/guards.server";
import { canReadAudit, canReadCases, canReviewOrganisations, isUnionStaff, staffRegion } from "../domain/auth/permissions";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["staff"] };
export const clientLoader = withNamespaces("staff");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!isUnionStaff(actor) && !actor.isPlatformAdmin) throw forbidden();
  const [{ locale, t }, regions] = await Promise.all([getPageLocale(request), getRegionDirectory(context.runtime.db)]);
  const region = staffRegion(actor);
  const scope = region ? regions.trail(region).map((r) => (locale === "en" ? r.nameEn || r.nameZh : r.nameZh)) : [];
  return {
    title: t("meta.suffix", { title: t("staff:home.title") }),
    displayName: actor.displayName,
    role: actor.membership?.role ?? null,
    isPlatformAdmin: actor.isPlatformAdmin,
    scope,
    can: { cases: canReadCases(actor), organisations: canReviewOrganisations(actor), audit: canReadAudit(actor) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function StaffHome() {
  const { displayName, role, isPlatformAdmin, scope, can } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const card = "block rounded-lg border border-stone-200 bg-white p-4 hover:border-brand-600";
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title" className="text-2xl font-semibold">
        {t("home.title")}
      </h1>
      <p className="mt-2 text-stone-700">
        {t("home.greeting", { name: displayName })} {role ? t(`roles.${role}`) : isPlatformAdmin ? t("roles.platformAdmin") : null}
      </p>
      {scope.length ? <p className="mt-1 text-stone-700">{t("home.scope", { region: scope.join(" › ") })}</p> : null}
      <ul className="mt-6 grid gap-3 sm:grid-cols-2">
        {can.cases ? (
          <li>
            <Link to="/staff/cases" className={card}>
              <span className="font-semibold">{t("nav.cases")}</span>
              <span className="mt-1 block text-sm text-stone-600">{t("home.casesHint")}</span>
            </Link>
          </li>
        ) : null}
        {can.organisations ? (
          <li>
            <Link to="/staff/organisations" className={card}>
              <span className="font-semibold">{t("nav.organisations")}</span>
              <span className="mt-1 block text-sm text-stone-600">{t("home.organisationsHint")}</span>
            </Link>
          </li>
        ) : null}
        {can.audit ? (
          <li>
            <Link to="/staff/audit" className={card}>
              <span className="font-semibold">{t("nav.audit")}</span>
              <span className="mt-1 block text-sm text-stone-600">{t("home.auditHint")}</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
