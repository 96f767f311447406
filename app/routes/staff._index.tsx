// /staff — where a member of union staff starts: who they are, their scope, what they can do and,
// for those who read cases, the dashboard of their region: follow-ups due, cases by status and
// tier, needs long unmatched and recent activity.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Actor } from "../domain/auth/actor";
import { forbidden, requireActor } from "../domain/auth/guards.server";
import { canReadAudit, canReadCases, canReviewOrganisations, canWriteCases, isUnionStaff, staffRegion } from "../domain/auth/permissions";
import type { CaseDashboard } from "../domain/cases/dashboard.server";
import { getCaseDashboard } from "../domain/cases/dashboard.server";
import { PUBLIC_REFERENCE_PATTERN } from "../domain/needs/public-reference.server";
import { reportAccessOf } from "../domain/reports/report-access.server";
import { regionLabel } from "../domain/regions/region-choices.server";
import type { RegionDirectory } from "../domain/regions/region-directory.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import type { Locale } from "../i18n/config";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { formatDay } from "../ui/format";
import { formatDate, formatDateTime } from "../ui/format-time";
import { titleMeta } from "../ui/meta";
import { MatchCounts } from "../ui/match-counts";
import { CaseCounts, FollowUpList, RecentActivity, StaleNeedList } from "../ui/staff-dashboard";

export const handle = { i18n: ["staff", "dashboard", "audit", "matches"] };
export const clientLoader = withNamespaces("staff", "dashboard", "audit", "matches");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where an audit row's record is shown to this actor, if anywhere. */
function recordHref(actor: Actor, entity: string, entityId: string | null): string | null {
  if (!entityId) return null;
  if (entity === "case" && UUID.test(entityId)) return `/staff/cases/${entityId}`;
  if (entity === "need" && PUBLIC_REFERENCE_PATTERN.test(entityId)) return `/staff/needs/${entityId}`;
  if (entity === "application" && UUID.test(entityId) && canWriteCases(actor)) return `/staff/applications/${entityId}`;
  if (entity === "organisation" && UUID.test(entityId) && canReviewOrganisations(actor)) return `/staff/organisations/${entityId}`;
  return null;
}

/** The dashboard as the page shows it: dates and regions in the page's language, links resolved. */
function present(actor: Actor, dashboard: CaseDashboard, regions: RegionDirectory, locale: Locale) {
  const county = (code: string) => {
    const entry = regions.get(code);
    return entry ? regionLabel(entry, locale) : code;
  };
  return {
    followUps: {
      total: dashboard.followUps.total,
      items: dashboard.followUps.items.map((c) => ({ id: c.id, caseNumber: c.caseNumber, county: county(c.regionCode), status: c.status, tier: c.tier, due: formatDay(c.followUpOn, locale), dueOn: c.followUpOn, overdue: c.overdue })),
    },
    cases: dashboard.cases,
    matches: dashboard.matches,
    staleNeeds: {
      total: dashboard.staleNeeds.total,
      items: dashboard.staleNeeds.items.map((n) => ({ ref: n.ref, title: n.title, county: county(n.regionCode), published: formatDate(n.publishedAt, locale), days: n.daysPublished })),
    },
    activity: dashboard.activity.map((row) => ({
      id: String(row.id),
      action: row.action,
      entity: row.entity,
      actor: row.actorEmail,
      recordId: row.entity === "case" ? row.caseNumber : row.entityId && row.entity === "need" ? row.entityId : null,
      when: formatDateTime(row.occurredAt, locale),
      at: row.occurredAt.toISOString(),
      href: recordHref(actor, row.entity, row.entityId),
    })),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  if (!isUnionStaff(actor) && !actor.isPlatformAdmin) throw forbidden();
  const { db } = context.runtime;
  const [{ locale, t }, regions] = await Promise.all([getPageLocale(request), getRegionDirectory(db)]);
  const region = staffRegion(actor);
  const scope = region ? regions.trail(region).map((r) => (locale === "en" ? r.nameEn || r.nameZh : r.nameZh)) : [];
  const dashboard = canReadCases(actor) ? present(actor, await getCaseDashboard({ db, actor }), regions, locale) : null;
  return {
    title: t("meta.suffix", { title: t("staff:home.title") }),
    displayName: actor.displayName,
    role: actor.membership?.role ?? null,
    isPlatformAdmin: actor.isPlatformAdmin,
    scope,
    can: { cases: canReadCases(actor), organisations: canReviewOrganisations(actor), audit: canReadAudit(actor) },
    // In the page's language here, so the page loads no `reports` namespace.
    reports: reportAccessOf(actor) ? { title: t("reports:nav.menu"), hint: t("reports:nav.dashboardHint") } : null,
    dashboard,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function StaffHome() {
  const { displayName, role, isPlatformAdmin, scope, can, reports, dashboard } = useLoaderData<typeof loader>();
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
      {dashboard ? (
        <div className="mt-6 grid gap-6 xl:grid-cols-2">
          <FollowUpList followUps={dashboard.followUps} />
          <CaseCounts cases={dashboard.cases} />
          <StaleNeedList staleNeeds={dashboard.staleNeeds} />
          <MatchCounts counts={dashboard.matches} />
          <RecentActivity activity={dashboard.activity} />
        </div>
      ) : null}
      <ul className="mt-6 grid gap-3 sm:grid-cols-2">
        {can.cases ? (
          <li>
            <Link to="/staff/cases" className={card}>
              <span className="font-semibold">{t("nav.cases")}</span>
              <span className="mt-1 block text-sm text-stone-600">{t("home.casesHint")}</span>
            </Link>
          </li>
        ) : null}
        {reports ? (
          <li>
            <Link to="/staff/reports" className={card}>
              <span className="font-semibold">{reports.title}</span>
              <span className="mt-1 block text-sm text-stone-600">{reports.hint}</span>
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
