// /staff/cases/:id — one household of the actor's region: its facts, its identity (hidden until a
// logged reveal), its consent, visits, status and plan (needs). Auditors read; caseworkers and
// union admins also write, through the forms of staff-case-actions.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { canWriteCases } from "../domain/auth/permissions";
import { listCaseRecords } from "../domain/cases/case-records.server";
import { caseStatusesAfter } from "../domain/cases/case-status";
import { getCaseInScope } from "../domain/cases/staff-cases.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { CaseConsentSection } from "../ui/case-consent-section";
import { CaseIdentitySection } from "../ui/case-identity-section";
import { CaseStatusSection } from "../ui/case-status-section";
import { CaseVisitsSection } from "../ui/case-visits-section";
import { formatAmount } from "../ui/format-amount.server";
import { formatDay } from "../ui/format";
import { formatDateTime } from "../ui/format-time";
import { domainMessageOf } from "../ui/error-text";
import { useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { handleCaseAction } from "./staff-case-actions.server";

export const handle = { i18n: ["staff", "cases"] };
export const clientLoader = withNamespaces("staff", "cases");

const READERS = ["admin", "caseworker", "auditor"] as const;
const SAVED = ["registered", "consent", "consent-withdrawn", "visit", "status"] as const;
/** Needs that withdrawing consent would take back (as case-consent.server.ts does). */
const OPEN_NEED_STATUSES = ["draft", "published", "matched", "expired"];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, READERS);
  const { db } = context.runtime;
  const found = await getCaseInScope({ db, actor, caseId: params.id ?? "" });
  if (!found) throw new Response("Not Found", { status: 404 });
  const [{ locale, t }, regions, records] = await Promise.all([getPageLocale(request), getRegionDirectory(db), listCaseRecords({ db, actor, caseId: found.id })]);
  const region = regions.trail(found.regionCode).map((r) => (locale === "en" ? r.nameEn || r.nameZh : r.nameZh)).join(" › ");
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    title: t("meta.suffix", { title: t("staff:case.title", { id: found.caseNumber }) }),
    found: { ...found, monthlyIncomePerHead: formatAmount(found.monthlyIncomePerHead, locale), needs: found.needs.map((n) => ({ ...n, targetAmount: formatAmount(n.targetAmount, locale) })) },
    region,
    records,
    canWrite: canWriteCases(actor),
    nextStatuses: caseStatusesAfter(found.status),
    openNeeds: found.needs.filter((n) => OPEN_NEED_STATUSES.includes(n.status)).length,
    saved: SAVED.find((s) => s === saved) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, READERS);
  // Another county's case is not there at all, whatever the form says (a 404 before any 400).
  if (!(await getCaseInScope({ db: context.runtime.db, actor, caseId: params.id ?? "" }))) throw new Response("Not Found", { status: 404 });
  return handleCaseAction({ context, actor, caseId: params.id ?? "", formData: await request.formData() });
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-stone-100 py-2 last:border-b-0">
      <dt className="text-stone-600">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

export default function StaffCase() {
  const { found, region, records, canWrite, nextStatuses, openNeeds, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const labels = useLabels();
  const locale = useLocale();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  return (
    <article aria-labelledby="case-title">
      <Link to="/staff/cases" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("case.back")}
      </Link>
      <h1 id="case-title" className="mt-3 text-2xl font-semibold">
        {t("case.title", { id: found.caseNumber })}
      </h1>
      <p className="mt-1 text-stone-600">{found.organisationName}</p>
      {saved ? (
        <p role="status" className="mt-4 rounded-md border border-stone-300 bg-stone-50 p-3 text-sm">
          {t(`cases:saved.${saved}`)}
        </p>
      ) : null}
      <dl className="mt-4 rounded-lg border border-stone-200 bg-white px-4">
        <Fact term={t("case.region")}>{region}</Fact>
        <Fact term={t("cases.columns.status")}>{t(`caseStatus.${found.status}`)}</Fact>
        <Fact term={t("cases.columns.tier")}>{t(`tier.${found.tier}`)}</Fact>
        <Fact term={t("case.householdSize")}>{found.householdSize}</Fact>
        <Fact term={t("case.income")}>{found.monthlyIncomePerHead}</Fact>
        <Fact term={t("case.causes")}>{found.causes.map((c) => t(`cause.${c}`)).join("、")}</Fact>
        <Fact term={t("case.consent")}>{found.consent ? t("case.consentYes") : t("case.consentNo")}</Fact>
        {found.followUpOn ? <Fact term={t("case.followUp")}>{formatDay(found.followUpOn, locale)}</Fact> : null}
        <Fact term={t("cases.columns.registered")}>{formatDateTime(found.createdAt, locale)}</Fact>
      </dl>
      <CaseIdentitySection identity={actionData?.intent === "reveal" ? actionData.identity : null} lastResult={resultFor("reveal")} />
      <CaseStatusSection status={found.status} next={nextStatuses} canWrite={canWrite} lastResult={resultFor("status")} />
      <CaseConsentSection consent={found.consent} consents={records.consents} openNeeds={openNeeds} canWrite={canWrite} lastResult={resultFor("consent-record")} />
      <CaseVisitsSection visits={records.visits} canWrite={canWrite} lastResult={resultFor("visit")} />
      <h2 className="mt-8 text-xl font-semibold">{t("case.plan")}</h2>
      {canWrite ? (
        <p className="mt-2">
          <Link to={`/staff/cases/${found.id}/needs/new`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("cases:plan.writeNeed")}
          </Link>
        </p>
      ) : null}
      {found.needs.length === 0 ? (
        <p className="mt-2 text-stone-700">{t("case.noNeeds")}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {found.needs.map((need) => (
            <li key={need.ref} className="rounded-lg border border-stone-200 bg-white p-3">
              <Link to={`/staff/needs/${need.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
                {need.title}
              </Link>
              <p className="mt-1 text-sm text-stone-600">
                {labels.category(need.category)} · {t(`needStatus.${need.status}`)}
                {need.targetAmount ? ` · ${need.targetAmount}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** A stale form (409), a forbidden write (403) or an unknown case (404), said plainly. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { id } = useParams();
  const { t } = useTranslation("cases");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const domain = isRouteErrorResponse(error) ? domainMessageOf(error.data) : null;
  const detail = domain ? domain.text : isRouteErrorResponse(error) && typeof error.data === "string" && status !== 404 ? error.data : null;
  const key = status === 409 ? "conflict" : status === 403 ? "forbidden" : status === 404 ? "notFound" : status === 400 ? "badRequest" : "server";
  return (
    <section aria-labelledby="case-error-title" className="max-w-xl">
      <p className="text-4xl font-bold text-brand-700">{status}</p>
      <h1 id="case-error-title" className="mt-2 text-2xl font-semibold">
        {t(`pageErrors.${key}.title`)}
      </h1>
      <p className="mt-2 text-stone-700">{t(`pageErrors.${key}.body`)}</p>
      {detail ? <p className="mt-2 text-sm text-stone-600">{detail}</p> : null}
      <p className="mt-4 flex flex-wrap gap-4">
        {id && status !== 404 ? (
          <Link to={`/staff/cases/${id}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("pageErrors.reload")}
          </Link>
        ) : null}
        <Link to="/staff/cases" className="font-medium text-brand-700 underline underline-offset-4">
          {t("staff:case.back")}
        </Link>
      </p>
    </section>
  );
}
