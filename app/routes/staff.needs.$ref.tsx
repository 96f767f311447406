// /staff/needs/:ref — a need of the actor's region in any state, drafts included, with the way to
// its editor for those who write needs (caseworkers and admins; auditors read).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { canWriteCases } from "../domain/auth/permissions";
import { getNeedInScope } from "../domain/cases/staff-cases.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { SkillTags } from "../ui/badges";
import { formatAmount } from "../ui/format-amount.server";
import { formatDateTime } from "../ui/format-time";
import { useLabels } from "../ui/labels";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["staff", "needEditor"] };
export const clientLoader = withNamespaces("staff", "needEditor");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker", "auditor"]);
  const need = await getNeedInScope({ db: context.runtime.db, actor, ref: params.ref ?? "" });
  if (!need) throw new Response("Not Found", { status: 404 });
  const { locale, t } = await getPageLocale(request);
  return {
    title: t("meta.suffix", { title: need.title }),
    need: { ...need, targetAmount: formatAmount(need.targetAmount, locale), updatedAt: formatDateTime(new Date(need.updatedAt), locale) },
    canEdit: canWriteCases(actor),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function StaffNeed() {
  const { need, canEdit } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { t: te } = useTranslation("needEditor");
  const labels = useLabels();
  return (
    <article aria-labelledby="need-title">
      <Link to={`/staff/cases/${need.caseId}`} className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("need.backToCase")}
      </Link>
      <h1 id="need-title" className="mt-3 text-2xl font-semibold">
        {need.title}
      </h1>
      <p className="mt-1 text-stone-600">
        {need.ref} · {labels.category(need.category)} · {t(`needStatus.${need.status}`)}
        {need.targetAmount ? ` · ${need.targetAmount}` : ""}
      </p>
      <p className="mt-4 whitespace-pre-line rounded-lg border border-stone-200 bg-white p-4">{need.story}</p>
      {need.skills.length ? (
        <div className="mt-3">
          <SkillTags skills={need.skills} label={t("need.skills")} />
        </div>
      ) : null}
      <p className="mt-3 text-sm text-stone-600">{t("need.updated", { when: need.updatedAt })}</p>
      {canEdit ? (
        <p className="mt-4">
          <Link to={`/staff/needs/${need.ref}/edit`} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {te(need.status === "matched" || need.status === "fulfilled" ? "links.viewInEditor" : "links.edit")}
          </Link>
        </p>
      ) : null}
      {need.status === "published" ? (
        <p className="mt-2 text-sm">
          <Link to={`/needs/${need.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("need.publicPage")}
          </Link>
        </p>
      ) : null}
    </article>
  );
}
