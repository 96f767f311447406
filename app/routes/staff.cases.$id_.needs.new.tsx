// /staff/cases/:id/needs/new — a caseworker adds a need to the plan of a household of their region
// (一户一策), beside its public card as donors would see it. It is saved as a draft; publishing,
// with the PII guard, is done from the need's editor where this page leads.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getCaseInScope } from "../domain/cases/staff-cases.server";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { createNeed } from "../domain/needs/edit-need.server";
import { getCaseForNeedEditor, previewBase } from "../domain/needs/need-editor.server";
import { needContentOf, needFormSchema } from "../domain/needs/need-form";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { titleMeta } from "../ui/meta";
import { NeedEditor } from "../ui/need-editor";
import { editorValues, formReply } from "./need-editor.server";

export const handle = { i18n: ["needEditor", "staff"] };
export const clientLoader = withNamespaces("needEditor", "staff");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  const { db } = context.runtime;
  const [found, { t }, regions] = await Promise.all([getCaseForNeedEditor({ db, actor, caseId: params.id ?? "" }), getPageLocale(request), getRegionDirectory(db)]);
  if (!found) throw new Response("No such household in your region.", { status: 404 });
  return {
    title: t("meta.suffix", { title: t("needEditor:new.title") }),
    caseId: found.id,
    values: editorValues(null),
    // The card's case side (county, age band, urgency, month): no identity, no birth year.
    base: previewBase({ found, need: null, regions }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  // Another county's case is not there at all, whatever the form says (a 404 before any 400).
  if (!(await getCaseInScope({ db: context.runtime.db, actor, caseId: params.id ?? "" }))) throw new Response("No such household in your region.", { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent !== "save" && intent !== "preview") throw new Response("Unknown action.", { status: 400 });
  const submission = parseWithZod(formData, { schema: needFormSchema });
  if (intent === "preview") return formReply(submission, 200);
  if (submission.status !== "success") return formReply(submission, 400);
  const created = await createNeed({ db: context.runtime.db, actor, caseId: params.id ?? "", content: needContentOf(submission.value), ip: context.clientIp || null });
  if (!created) throw new Response("No such household in your region.", { status: 404 });
  return redirect(`/staff/needs/${created.ref}/edit?done=created`);
}

export default function NewNeed() {
  const { caseId, values, base } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("needEditor");
  return (
    <article aria-labelledby="editor-title">
      <Link to={`/staff/cases/${caseId}`} className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("new.back")}
      </Link>
      <h1 id="editor-title" className="mt-3 text-2xl font-semibold">
        {t("new.title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("new.intro")}</p>
      <div className="mt-6">
        <NeedEditor lastResult={actionData?.reply} defaultValue={values} base={base} blocked={null} live={false} canPublish={false} />
      </div>
    </article>
  );
}
