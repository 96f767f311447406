// The parts of the caseworker's dashboard (/staff): each a titled section with a list or table,
// dates already formatted by the loader. Cases are named by their case number (532923-2026-0042) —
// never by who the household is.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CaseStatus, CaseTier } from "../domain/cases/case-vocabulary";
import { formatCount } from "./format";
import { useLocale } from "./labels";

const SECTION = "rounded-lg border border-stone-200 bg-white p-4 sm:p-5";
const LINK = "font-medium text-brand-700 underline underline-offset-4";

function Heading({ id, children }: { id: string; children: string }) {
  return (
    <h2 id={id} className="text-lg font-semibold">
      {children}
    </h2>
  );
}

export interface FollowUpItem {
  id: string;
  caseNumber: string;
  county: string;
  status: CaseStatus;
  tier: CaseTier;
  due: string;
  dueOn: string;
  overdue: boolean;
}

export function FollowUpList({ followUps }: { followUps: { total: number; items: FollowUpItem[] } }) {
  const { t } = useTranslation("dashboard");
  const locale = useLocale();
  return (
    <section aria-labelledby="follow-ups-title" className={SECTION}>
      <Heading id="follow-ups-title">{t("followUps.title")}</Heading>
      <p className="mt-1 text-sm text-stone-600">{t("followUps.intro", { count: followUps.total, formatted: formatCount(followUps.total, locale) })}</p>
      {followUps.items.length ? (
        <ul className="mt-3 divide-y divide-stone-100">
          {followUps.items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
              <Link to={`/staff/cases/${item.id}`} className={LINK}>
                {t("staff:cases.caseLink", { id: item.caseNumber })}
              </Link>
              <span className="text-sm text-stone-700">
                {item.county} · {t(`staff:caseStatus.${item.status}`)} · {t(`staff:tier.${item.tier}`)}
              </span>
              <span className={`text-sm ${item.overdue ? "font-semibold text-brand-800" : "text-stone-700"}`}>
                <time dateTime={item.dueOn}>{t(item.overdue ? "followUps.overdue" : "followUps.due", { date: item.due })}</time>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-stone-700">{t("followUps.none")}</p>
      )}
    </section>
  );
}

export function CaseCounts({ cases }: { cases: { total: number; byStatus: { status: CaseStatus; count: number }[]; byTier: { tier: CaseTier; count: number }[] } }) {
  const { t } = useTranslation("dashboard");
  const locale = useLocale();
  const row = (label: string, count: number, key: string) => (
    <div key={key} className="flex justify-between gap-4 py-1">
      <dt className="text-stone-700">{label}</dt>
      <dd className="font-semibold tabular-nums">{formatCount(count, locale)}</dd>
    </div>
  );
  return (
    <section aria-labelledby="case-counts-title" className={SECTION}>
      <Heading id="case-counts-title">{t("cases.title")}</Heading>
      <p className="mt-1 text-sm text-stone-600">{t("cases.total", { count: cases.total, formatted: formatCount(cases.total, locale) })}</p>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-stone-800">{t("cases.byStatus")}</h3>
          <dl className="mt-1 text-sm">{cases.byStatus.map((s) => row(t(`staff:caseStatus.${s.status}`), s.count, s.status))}</dl>
        </div>
        <div>
          <h3 className="text-sm font-semibold text-stone-800">{t("cases.byTier")}</h3>
          <dl className="mt-1 text-sm">{cases.byTier.map((s) => row(t(`staff:tier.${s.tier}`), s.count, s.tier))}</dl>
        </div>
      </div>
      <p className="mt-3 text-sm">
        <Link to="/staff/cases" className={LINK}>
          {t("cases.all")}
        </Link>
      </p>
    </section>
  );
}

export interface StaleNeedItem {
  ref: string;
  title: string;
  county: string;
  published: string;
  days: number;
}

export function StaleNeedList({ staleNeeds }: { staleNeeds: { total: number; items: StaleNeedItem[] } }) {
  const { t } = useTranslation("dashboard");
  const locale = useLocale();
  return (
    <section aria-labelledby="stale-needs-title" className={SECTION}>
      <Heading id="stale-needs-title">{t("staleNeeds.title")}</Heading>
      <p className="mt-1 text-sm text-stone-600">{t("staleNeeds.intro", { count: staleNeeds.total, formatted: formatCount(staleNeeds.total, locale) })}</p>
      {staleNeeds.items.length ? (
        <ul className="mt-3 divide-y divide-stone-100">
          {staleNeeds.items.map((need) => (
            <li key={need.ref} className="py-2">
              <Link to={`/staff/needs/${need.ref}`} className={LINK}>
                {need.title}
              </Link>
              <p className="text-sm text-stone-700">{t("staleNeeds.line", { ref: need.ref, county: need.county, date: need.published, count: need.days })}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-stone-700">{t("staleNeeds.none")}</p>
      )}
    </section>
  );
}

export interface ActivityItem {
  id: string;
  action: string;
  entity: string;
  actor: string | null;
  /** How the record is named on the page: a case's number, a need's reference; null otherwise. */
  recordId: string | null;
  when: string;
  at: string;
  href: string | null;
}

export function RecentActivity({ activity }: { activity: ActivityItem[] }) {
  const { t } = useTranslation("dashboard");
  const record = (item: ActivityItem) => {
    const entity = t(`activity.entity.${item.entity}`, { defaultValue: item.entity });
    return item.recordId ? t("activity.record", { entity, id: item.recordId }) : entity;
  };
  return (
    <section aria-labelledby="activity-title" className={`${SECTION} xl:col-span-2`}>
      <Heading id="activity-title">{t("activity.title")}</Heading>
      {activity.length ? (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("activity.caption")}</caption>
            <thead>
              <tr className="border-b border-stone-200 text-left">
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("activity.columns.when")}
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("activity.columns.action")}
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("activity.columns.actor")}
                </th>
                <th scope="col" className="py-2 font-semibold">
                  {t("activity.columns.record")}
                </th>
              </tr>
            </thead>
            <tbody>
              {activity.map((item) => (
                <tr key={item.id} className="border-b border-stone-100 align-top">
                  <td className="whitespace-nowrap py-2 pr-4">
                    <time dateTime={item.at}>{item.when}</time>
                  </td>
                  <td className="py-2 pr-4">{t(`audit:actions.${item.action}`, { defaultValue: item.action })}</td>
                  <td className="break-all py-2 pr-4">{item.actor ?? t("activity.system")}</td>
                  <td className="py-2">
                    {item.href ? (
                      <Link to={item.href} className={LINK}>
                        {record(item)}
                      </Link>
                    ) : (
                      record(item)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-3 text-stone-700">{t("activity.none")}</p>
      )}
    </section>
  );
}
