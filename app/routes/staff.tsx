// /staff — the union workspace's frame: a section menu by role. Each page below guards itself too
// (layout and page loaders run in parallel), so the menu is convenience, never the check.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor, forbidden } from "../domain/auth/guards.server";
import { canReadAudit, canReadCases, canReviewOrganisations, canWriteCases, isUnionStaff } from "../domain/auth/permissions";
import { canKeepLedger, canManageBankDetails } from "../domain/ledger/ledger-accounts.server";
import { reportAccessOf } from "../domain/reports/report-access.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";

export const handle = { i18n: ["staff"] };
export const clientLoader = withNamespaces("staff");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!isUnionStaff(actor) && !actor.isPlatformAdmin) throw forbidden();
  return {
    sections: {
      cases: canReadCases(actor),
      writeCases: canWriteCases(actor),
      organisations: canReviewOrganisations(actor),
      audit: canReadAudit(actor),
      finance: canKeepLedger(actor),
      bankDetails: canManageBankDetails(actor) && !canKeepLedger(actor),
      mail: actor.isPlatformAdmin && context.runtime.mailer.kind === "files",
    },
    // Translated here, so the menu needs no `reports` namespace on every staff page.
    reportsLabel: reportAccessOf(actor) ? (await getPageLocale(request)).t("reports:nav.menu") : null,
    organisationName: actor.membership?.organisationName ?? null,
  };
}

export default function StaffLayout() {
  const { sections, reportsLabel, organisationName } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    `inline-flex min-h-11 items-center rounded-md px-3 ${isActive ? "bg-brand-700 text-white" : "text-stone-800 hover:bg-stone-100"}`;
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label={t("nav.label")} className="text-sm">
        {organisationName ? <p className="mb-2 px-3 font-semibold text-stone-700">{organisationName}</p> : null}
        <ul className="flex flex-wrap gap-1 md:flex-col">
          <li>
            <NavLink to="/staff" end className={linkClass}>
              {t("nav.home")}
            </NavLink>
          </li>
          {sections.cases ? (
            <li>
              <NavLink to="/staff/cases" end className={linkClass}>
                {t("nav.cases")}
              </NavLink>
            </li>
          ) : null}
          {sections.cases ? (
            <>
              <li>
                <NavLink to="/staff/matches" className={linkClass}>
                  {t("nav.matches")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/staff/offers" className={linkClass}>
                  {t("nav.offers")}
                </NavLink>
              </li>
            </>
          ) : null}
          {sections.writeCases ? (
            <>
              <li>
                <NavLink to="/staff/cases/new" className={linkClass}>
                  {t("nav.registerCase")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/staff/applications" className={linkClass}>
                  {t("nav.applications")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/staff/households/import" className={linkClass}>
                  {t("nav.importHouseholds")}
                </NavLink>
              </li>
            </>
          ) : null}
          {sections.organisations ? (
            <li>
              <NavLink to="/staff/organisations" className={linkClass}>
                {t("nav.organisations")}
              </NavLink>
            </li>
          ) : null}
          {sections.finance ? (
            <li>
              <NavLink to="/staff/finance" className={linkClass}>
                {t("common:finance.nav")}
              </NavLink>
            </li>
          ) : null}
          {sections.bankDetails ? (
            <li>
              <NavLink to="/staff/finance/bank-details" className={linkClass}>
                {t("common:finance.bankDetails")}
              </NavLink>
            </li>
          ) : null}
          {reportsLabel ? (
            <li>
              <NavLink to="/staff/reports" className={linkClass}>
                {reportsLabel}
              </NavLink>
            </li>
          ) : null}
          {sections.audit ? (
            <li>
              <NavLink to="/staff/audit" className={linkClass}>
                {t("nav.audit")}
              </NavLink>
            </li>
          ) : null}
          {sections.mail ? (
            <li>
              <NavLink to="/dev/mail" className={linkClass}>
                {t("nav.mail")}
              </NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
