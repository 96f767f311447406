// /staff/cases/:id — one household of the actor's region and its plan. Identity fields stay
// encrypted and are not read here: showing them is a logged reveal (issue 5).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { getCaseInScope } from "../domain/cases/staff-cases.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { formatAmount } from "../ui/format-amount.server";
import { formatDay } from "../ui/format";
import { formatDateTime } from "../ui/format-time";
import { useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["staff"] };
export const clientLoader = withNamespaces("staff");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker", "auditor"]);
  const found = await getCaseInScope({ db: context.runtime.db, actor, caseId: params.id ?? "" });
  if (!found) throw new Response("Not Found", { status: 404 });
  const [{ locale, t }, regions] = await Promise.all([getPageLocale(request), getRegionDirectory(context.runtime.db)]);
  const region = regions.trail(found.regionCode).map((r) => (locale === "en" ? r.nameEn || r.nameZh : r.nameZh)).join(" › ");
  return {
    title: t("meta.suffix", { title: t("staff:case.title", { id: found.id.slice(0, 8) }) }),
    found: { ...found, monthlyIncomePerHead: formatAmount(found.monthlyIncomePerHead, locale), needs: found.needs.map((n) => ({ ...n, targetAmount: formatAmount(n.targetAmount, locale) })) },
    region,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-stone-100 py-2 last:border-b-0">
      <dt className="text-stone-600">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

export default function StaffCase() {
  const { found, region } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const labels = useLabels();
  const locale = useLocale();
  return (
    <article aria-labelledby="case-title">
      <Link to="/staff/cases" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("case.back")}
      </Link>
      <h1 id="case-title" className="mt-3 text-2xl font-semibold">
        {t("case.title", { id: found.id.slice(0, 8) })}
      </h1>
      <p className="mt-1 text-stone-600">{found.organisationName}</p>
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
        <Fact term={t("case.identity")}>{t("case.identityHidden")}</Fact>
      </dl>
      <h2 className="mt-8 text-xl font-semibold">{t("case.plan")}</h2>
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
