// /staff/finance/receipts/new — finance staff record money received: against a pledge
// (?pledge=P-… fills it in) or by source into a general fund or a need's fund. The form's hidden
// key makes a double submit one receipt; errors come back with the input kept.
import { withNamespaces } from "../i18n/client-namespaces";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { receiptSchema } from "../domain/ledger/finance-forms";
import { FUND_SOURCES, RECEIPT_METHODS } from "../domain/ledger/ledger-vocabulary";
import { recordReceipt } from "../domain/ledger/record-receipt.server";
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
  const pledge = new URL(request.url).searchParams.get("pledge");
  return {
    title: t("meta.suffix", { title: t("finance:receipt.title") }),
    idempotencyKey: randomUUID(),
    pledgeRef: pledge && /^P-[0-9A-Z]{4,12}$/.test(pledge) ? pledge : "",
    today: new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

// The key stays the page's own across a refused submit, so a corrected retry is still one receipt.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod === "POST" ? false : defaultShouldRevalidate);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireFinance(request, context);
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  const submission = parseWithZod(formData, { schema: receiptSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const outcome = await onForm(
    () =>
      recordReceipt({
        db: context.runtime.db,
        actor,
        receipt: {
          target: v.pledgeRef ? { pledgeRef: v.pledgeRef } : { source: v.source ?? "donations", needRef: v.needRef || null },
          amount: v.amount,
          valueDate: v.valueDate,
          method: v.method,
          bankReference: v.bankReference || null,
          memo: v.memo || null,
          idempotencyKey: v.idempotencyKey,
        },
      }),
    (options) => submission.reply(options),
    t,
  );
  if (!outcome.ok) return outcome.response;
  return redirect("/staff/finance?saved=receipt");
}

export default function NewReceipt() {
  const { idempotencyKey, pledgeRef, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "receipt",
    lastResult,
    constraint: getZodConstraint(receiptSchema),
    defaultValue: { pledgeRef, valueDate: today, method: "bank-transfer" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: receiptSchema }),
  });
  return (
    <FormPage title={t("finance:receipt.title")} intro={<p>{t("finance:receipt.intro")}</p>}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <TextField field={fields.pledgeRef} label={t("finance:fields.pledgeRef")} hint={t("finance:fields.pledgeRefHint")} />
        <SelectField field={fields.source} label={t("finance:fields.source")} hint={t("finance:fields.sourceHint")}>
          <option value="">{t("finance:fields.choose")}</option>
          {FUND_SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`finance:source.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField field={fields.needRef} label={t("finance:fields.needRef")} hint={t("finance:fields.needRefHint")} />
        <TextField field={fields.amount} label={t("finance:fields.amount")} hint={t("finance:fields.amountHint")} inputMode="text" />
        <TextField field={fields.valueDate} label={t("finance:fields.valueDate")} type="date" />
        <SelectField field={fields.method} label={t("finance:fields.method")}>
          {RECEIPT_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`finance:method.${m}`)}
            </option>
          ))}
        </SelectField>
        <TextField field={fields.bankReference} label={t("finance:fields.bankReference")} />
        <TextField field={fields.memo} label={t("finance:fields.memo")} />
        <SubmitButton>{t("finance:receipt.submit")}</SubmitButton>
      </Form>
    </FormPage>
  );
}
