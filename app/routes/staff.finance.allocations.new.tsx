// /staff/finance/allocations/new — finance staff move money from a general fund to a need's fund.
// A double submit is one allocation; more than the fund holds is said on the form (409).
import { withNamespaces } from "../i18n/client-namespaces";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allocateFunds } from "../domain/ledger/allocate-funds.server";
import { allocationSchema } from "../domain/ledger/finance-forms";
import { FUND_SOURCES } from "../domain/ledger/ledger-vocabulary";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { titleMeta } from "../ui/meta";
import { SelectField } from "../ui/select-field";
import { onForm, requireFinance } from "./staff-finance.server";

export const handle = { i18n: ["finance"] };
export const clientLoader = withNamespaces("finance");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireFinance(request, context);
  const { t } = await getPageLocale(request);
  const need = new URL(request.url).searchParams.get("need");
  return { title: t("meta.suffix", { title: t("finance:allocation.title") }), idempotencyKey: randomUUID(), needRef: need && /^N-[0-9A-Z]{4,12}$/.test(need) ? need : "" };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod === "POST" ? false : defaultShouldRevalidate);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireFinance(request, context);
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  const submission = parseWithZod(formData, { schema: allocationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const outcome = await onForm(
    () => allocateFunds({ db: context.runtime.db, actor, allocation: { source: v.source, needRef: v.needRef, amount: v.amount, memo: v.memo || null, idempotencyKey: v.idempotencyKey } }),
    (options) => submission.reply(options),
    t,
  );
  if (!outcome.ok) return outcome.response;
  return redirect("/staff/finance?saved=allocation");
}

export default function NewAllocation() {
  const { idempotencyKey, needRef } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "allocation",
    lastResult,
    constraint: getZodConstraint(allocationSchema),
    defaultValue: { needRef },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: allocationSchema }),
  });
  return (
    <FormPage title={t("finance:allocation.title")} intro={<p>{t("finance:allocation.intro")}</p>}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <SelectField field={fields.source} label={t("finance:fields.source")}>
          <option value="">{t("finance:fields.choose")}</option>
          {FUND_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t("finance:fields.generalFund", { source: t(`finance:source.${s}`) })}
            </option>
          ))}
        </SelectField>
        <TextField field={fields.needRef} label={t("finance:fields.needRef")} />
        <TextField field={fields.amount} label={t("finance:fields.amount")} hint={t("finance:fields.amountHint")} />
        <TextField field={fields.memo} label={t("finance:fields.memo")} />
        <SubmitButton>{t("finance:allocation.submit")}</SubmitButton>
      </Form>
    </FormPage>
  );
}
