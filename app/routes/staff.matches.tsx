// /staff/matches — every match of the needs in the actor's region, by status: waiting on the union
// (providers' requests), waiting on the provider (proposals), accepted, finished. Waiting longer
// than 7 days is flagged in words as well as colour; `?overdue=1` shows only those. Caseworkers and
// admins withdraw a match here with a note (a plain POST form); auditors read.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { canCurateMatches } from "../domain/auth/permissions";
import type { MatchStatus } from "../domain/matching/match-status";
import { getStaffMatch, listStaffMatches } from "../domain/matching/staff-matches.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { formatDateTime } from "../ui/format-time";
import { WaitingText } from "../ui/match-suggestions";
import { titleMeta } from "../ui/meta";
import { MatchStatusBadge } from "../ui/need-match-list";
import { StaffMatchErrorBoundary } from "../ui/staff-match-error";
import { WithdrawForm } from "../ui/staff-match-forms";
import { STAFF_MATCH_SAVED, handleStaffMatchAction } from "./staff-match-actions.server";

export const handle = { i18n: ["staff", "matches"] };
export const clientLoader = withNamespaces("staff", "matches");

const READERS = ["admin", "caseworker", "auditor"] as const;
const TABS = {
  requested: ["requested"],
  proposed: ["proposed"],
  accepted: ["accepted"],
  finished: ["fulfilled", "failed", "declined", "withdrawn"],
} as const satisfies Record<string, readonly MatchStatus[]>;
type Tab = keyof typeof TABS;
const isTab = (value: string | null): value is Tab => value !== null && value in TABS;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, READERS);
  const url = new URL(request.url);
  const overdueOnly = url.searchParams.get("overdue") === "1";
  const asked = url.searchParams.get("status");
  const tab: Tab = isTab(asked) ? asked : "requested";
  const [{ locale, t }, list] = await Promise.all([
    getPageLocale(request),
    listStaffMatches({ db: context.runtime.db, actor, status: overdueOnly ? ["requested", "proposed"] : TABS[tab] }),
  ]);
  const items = list.items
    .filter((m) => !overdueOnly || m.isOverdue)
    .map((m) => ({
      ref: m.ref,
      status: m.status,
      need: { ref: m.need.ref, title: m.need.title },
      offer: { ref: m.offer.ref, title: m.offer.title, organisationName: m.offer.organisationName },
      since: formatDateTime(m.statusChangedAt, locale),
      at: m.statusChangedAt,
      waitingDays: m.waitingDays,
      overdue: m.isOverdue,
    }));
  const saved = url.searchParams.get("saved");
  return {
    title: t("meta.suffix", { title: t("matches:staff.list.title") }),
    tab: overdueOnly ? null : tab,
    overdueOnly,
    items,
    total: list.total,
    canCurate: canCurateMatches(actor),
    saved: STAFF_MATCH_SAVED.find((s) => s === saved) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, READERS);
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  return handleStaffMatchAction({
    context,
    actor,
    formData,
    t,
    page: { kind: "list" },
    back: `/staff/matches`,
    // getStaffMatch is scoped: another county's match is a 404.
    matchOf: async (ref) => {
      const match = await getStaffMatch({ db: context.runtime.db, actor, ref });
      return { needRef: match.need.ref, offerRef: match.offer.ref };
    },
  });
}

export default function StaffMatches() {
  const { tab, overdueOnly, items, canCurate, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("matches");
  const tabLabel = overdueOnly ? t("staff.dashboard.overdue", { count: items.length }) : t(`staff.list.tab.${tab ?? "requested"}`);
  const overdue = items.filter((m) => m.overdue).length;
  return (
    <section aria-labelledby="matches-title">
      <h1 id="matches-title" className="text-2xl font-semibold">
        {t("staff.list.title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("staff.list.intro")}</p>
      {saved ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(`staff.saved.${saved}`)}
        </p>
      ) : null}
      <nav aria-label={t("staff.list.tabs")} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          {(Object.keys(TABS) as Tab[]).map((key) => (
            <li key={key}>
              <Link
                to={`/staff/matches?status=${key}`}
                aria-current={tab === key ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md px-3 ${tab === key ? "bg-brand-700 text-white" : "border border-stone-300 bg-white text-stone-800 hover:bg-stone-100"}`}
              >
                {t(`staff.list.tab.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {overdue ? <p className="mt-3 font-semibold text-brand-800">{t("staff.list.overdueCount", { count: overdue })}</p> : null}
      {items.length === 0 ? (
        <p className="mt-4 text-stone-700">{t("staff.list.empty")}</p>
      ) : (
        <ul aria-label={t("staff.list.caption", { tab: tabLabel })} className="mt-4 space-y-3">
          {items.map((m) => (
            <li key={m.ref} className={`rounded-lg border bg-white p-4 ${m.overdue ? "border-brand-700" : "border-stone-200"}`}>
              <div className="flex flex-wrap items-center gap-2">
                <MatchStatusBadge status={m.status} />
                <span className="font-mono text-sm text-stone-600">{m.ref}</span>
                {m.status === "requested" || m.status === "proposed" ? (
                  <WaitingText days={m.waitingDays} overdue={m.overdue} />
                ) : (
                  <span className="text-sm text-stone-600">
                    {t("staff.list.columns.since")} <time dateTime={m.at}>{m.since}</time>
                  </span>
                )}
              </div>
              <p className="mt-2">
                <span className="text-sm text-stone-600">{t("staff.list.columns.need")}: </span>
                <Link to={`/staff/needs/${m.need.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
                  {m.need.title}
                </Link>
              </p>
              <p className="mt-1">
                <span className="text-sm text-stone-600">{t("staff.list.columns.offer")}: </span>
                <Link to={`/staff/offers/${m.offer.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
                  {m.offer.title}
                </Link>
                <span className="text-stone-600"> · {m.offer.organisationName}</span>
              </p>
              {canCurate && (m.status === "requested" || m.status === "proposed" || m.status === "accepted") ? (
                <div className="mt-3">
                  <WithdrawForm matchRef={m.ref} lastResult={actionData && actionData.intent === "withdraw" && actionData.target === m.ref ? actionData.result : undefined} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("matches");
  return <StaffMatchErrorBoundary back={{ to: "/staff/matches", label: t("staff.list.title") }} />;
}
