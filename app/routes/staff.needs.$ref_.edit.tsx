// /staff/needs/:ref/edit — a caseworker edits a need of their region beside its public card, and
// publishes, unpublishes, withdraws or restores it. Drafts, published and expired needs are
// edited; matched and fulfilled ones are shown read-only. Publishing passes the PII guard.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { NeedEditConflict, updateNeed } from "../domain/needs/edit-need.server";
import { getNeedForEditor, previewBase, publishRefusal } from "../domain/needs/need-editor.server";
import { isNeedFormIntent, isNeedStatusIntent, needContentOf, needFormSchema } from "../domain/needs/need-form";
import type { NeedStatusIntent } from "../domain/needs/need-form";
import { NeedTransitionError } from "../domain/needs/need-lifecycle.server";
import { canEditNeed, canMoveNeed } from "../domain/needs/need-status";
import { moveNeedStatus, publishNeed } from "../domain/needs/publish-need.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { SubmitButton } from "../ui/form";
import { formatAmountText } from "../ui/format-amount-text";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { NeedCard } from "../ui/need-card";
import { NeedEditor } from "../ui/need-editor";
import { blockedReply, conflictReply, editorValues, formReply } from "./need-editor.server";

export const handle = { i18n: ["needEditor", "staff"] };
export const clientLoader = withNamespaces("needEditor", "staff");

const DONE = ["created", "saved", "saved-live", "published", "unpublish", "withdraw", "restore"] as const;
type Done = (typeof DONE)[number];
const isDone = (value: unknown): value is Done => typeof value === "string" && (DONE as readonly string[]).includes(value);

const editPath = (ref: string, done: Done) => `/staff/needs/${ref}/edit?done=${done}`;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  const { db } = context.runtime;
  const [found, { t }, regions] = await Promise.all([getNeedForEditor({ db, actor, ref: params.ref ?? "" }), getPageLocale(request), getRegionDirectory(db)]);
  if (!found) throw new Response("No such need in your region.", { status: 404 });
  const { need } = found;
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: t("meta.suffix", { title: t("needEditor:edit.title", { ref: need.ref }) }),
    ref: need.ref,
    status: need.status,
    caseId: found.case.id,
    editable: canEditNeed(need.status),
    // Why publishing is not possible for this household now, or null; never an identity.
    refusal: publishRefusal(found.case),
    values: editorValues(need),
    base: previewBase({ found: found.case, need, regions }),
    moves: {
      unpublish: need.status === "published",
      withdraw: canMoveNeed(need.status, "withdrawn"),
      restore: need.status === "withdrawn" || need.status === "expired",
    } satisfies Record<NeedStatusIntent, boolean>,
    done: isDone(done) ? done : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  const { runtime } = context;
  const ip = context.clientIp || null;
  const ref = params.ref ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (isNeedStatusIntent(intent)) {
    try {
      await moveNeedStatus({ db: runtime.db, actor, ref, intent, ip, mail: runtime });
    } catch (error) {
      if (error instanceof NeedTransitionError) return conflictReply(null, error.from);
      throw error;
    }
    runtime.kickSearch();
    return redirect(editPath(ref, intent));
  }
  if (!isNeedFormIntent(intent)) throw new Response("Unknown action.", { status: 400 });

  const submission = parseWithZod(formData, { schema: needFormSchema });
  if (intent === "preview") return formReply(submission, 200);
  if (submission.status !== "success") return formReply(submission, 400);
  const content = needContentOf(submission.value);
  const overrideReason = submission.value.overrideReason ?? null;
  const options = { db: runtime.db, cipher: runtime.cipher, actor, ref, content, overrideReason, ip };
  try {
    if (intent === "publish") {
      const outcome = await publishNeed(options);
      if (outcome.kind === "blocked") return blockedReply(submission, { intent, spans: outcome.spans, content, overrideReason });
      if (outcome.kind === "refused") return formReply(submission, 409, [`needEditor:errors.refused.${outcome.reason}`]);
      runtime.kickSearch();
      return redirect(editPath(ref, "published"));
    }
    const outcome = await updateNeed(options);
    if (outcome.kind === "blocked") return blockedReply(submission, { intent, spans: outcome.spans, content, overrideReason });
    if (outcome.live) runtime.kickSearch();
    return redirect(editPath(ref, outcome.live ? "saved-live" : "saved"));
  } catch (error) {
    if (error instanceof NeedTransitionError) return conflictReply(submission, error.from);
    if (error instanceof NeedEditConflict) return conflictReply(submission, error.status);
    throw error;
  }
}

function StatusMove({ intent, hint }: { intent: NeedStatusIntent; hint: string }) {
  const { t } = useTranslation("needEditor");
  return (
    <Form method="post" className="flex flex-wrap items-center gap-3">
      <SubmitButton name="intent" value={intent} variant={intent === "withdraw" ? "danger" : "secondary"}>
        {t(`moves.${intent}`)}
      </SubmitButton>
      <span className="text-sm text-stone-600">{hint}</span>
    </Form>
  );
}

export default function EditNeed() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("needEditor");
  const locale = useLocale();
  const status = t(`staff:needStatus.${loaded.status}`);
  const canPublish = (loaded.status === "draft" || loaded.status === "expired") && loaded.refusal === null;
  return (
    <article aria-labelledby="editor-title">
      <Link to={`/staff/needs/${loaded.ref}`} className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("edit.back")}
      </Link>
      <h1 id="editor-title" className="mt-3 text-2xl font-semibold">
        {t("edit.title", { ref: loaded.ref })}
      </h1>
      <p className="mt-1 text-stone-600">{t("edit.status", { status })}</p>
      {loaded.done && !actionData ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
          {t(`done.${loaded.done}`)}
        </p>
      ) : null}
      {actionData?.conflict ? (
        <p role="alert" className="mt-4 rounded-md border border-brand-700 bg-brand-50 p-3 text-sm font-medium text-brand-800">
          {t("errors.conflict", { status: t(`staff:needStatus.${actionData.conflict}`) })}
        </p>
      ) : null}
      {loaded.refusal && (loaded.status === "draft" || loaded.status === "expired") ? (
        <p className="mt-4 rounded-md border border-stone-300 bg-stone-50 p-3 text-sm">
          {t(`refusal.${loaded.refusal}`)}{" "}
          <Link to={`/staff/cases/${loaded.caseId}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("refusal.toCase")}
          </Link>
        </p>
      ) : null}
      <div className="mt-6">
        {loaded.editable ? (
          <NeedEditor lastResult={actionData?.reply} defaultValue={loaded.values} base={loaded.base} blocked={actionData?.blocked ?? null} live={loaded.status === "published"} canPublish={canPublish} />
        ) : (
          <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(16rem,22rem)]">
            <p className="self-start rounded-md border border-stone-300 bg-stone-50 p-3">{t("edit.readOnly", { status })}</p>
            <NeedCard need={loaded.base} amountLabel={formatAmountText(loaded.base.targetAmount, locale)} headingLevel="h2" />
          </div>
        )}
      </div>
      {loaded.moves.unpublish || loaded.moves.withdraw || loaded.moves.restore ? (
        <section aria-labelledby="moves-title" className="mt-10 space-y-3 border-t border-stone-200 pt-6">
          <h2 id="moves-title" className="text-lg font-semibold">
            {t("moves.title")}
          </h2>
          {loaded.moves.unpublish ? <StatusMove intent="unpublish" hint={t("moves.unpublishHint")} /> : null}
          {loaded.moves.restore ? <StatusMove intent="restore" hint={t("moves.restoreHint")} /> : null}
          {loaded.moves.withdraw ? <StatusMove intent="withdraw" hint={t("moves.withdrawHint")} /> : null}
        </section>
      ) : null}
    </article>
  );
}
