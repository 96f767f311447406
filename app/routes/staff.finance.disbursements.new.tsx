// /staff/finance/disbursements/new — a finance user asks to pay a provider from a fund; another
// finance user approves it on the workspace. More than the fund holds is said on the form (409).
import { withNamespaces } from "../i18n/client-namespaces";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { disbursementSchema } from "../domain/ledger/finance-forms";
import { listFinanceAccounts } from "../domain/ledger/finance-workspace.server";
import { financeBooksOf } from "../domain/ledger/ledger-accounts.server";
import { FUND_SOURCES, PAYEE_KINDS } from "../domain/ledger/ledger-vocabulary";
import type { DisbursementFund } from "../domain/ledger/request-disbursement.server";
import { requestDisbursement } from "../domain/ledger/request-disbursement.server";
import { formatMoneyText } from "../domain/money/money-text";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { titleMeta } from "../ui/meta";
import { SelectField } from "../ui/select-field";
import { onForm, requireFinance } from "./staff-finance.server";

export const handle = { i18n: ["finance"] };
export const clientLoader = withNamespaces("finance");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireFinance(request, context);
  const { locale, t } = await getPageLocale(request);
  const accounts = await listFinanceAccounts(context.runtime.db, financeBooksOf(actor).organisationId);
  const funds = accounts
    .filter((a) => a.kind === "general-fund" || a.kind === "need-fund")
    .map((a) => ({
      value: a.need ? `need:${a.need.ref}` : `general:${a.source ?? "donations"}`,
      label: `${a.need ? t("finance:fields.needFund", { ref: a.need.ref, title: a.need.title }) : t("finance:fields.generalFund", { source: t(`finance:source.${a.source ?? "donations"}`) })} (${formatMoneyText(a.balance, locale)})`,
    }));
  return { title: t("meta.suffix", { title: t("finance:disbursement.title") }), idempotencyKey: randomUUID(), funds };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod === "POST" ? false : defaultShouldRevalidate);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireFinance(request, context);
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  const submission = parseWithZod(formData, { schema: disbursementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const [kind, rest = ""] = v.fund.split(":");
  const source = FUND_SOURCES.find((s) => s === rest) ?? "donations";
  const fund: DisbursementFund = kind === "need" ? { needRef: rest } : { source };
  const outcome = await onForm(
    () =>
      requestDisbursement({
        db: context.runtime.db,
        actor,
        request: { fund, payeeName: v.payeeName, payeeKind: v.payeeKind, purpose: v.purpose, invoiceRef: v.invoiceRef || null, amount: v.amount, idempotencyKey: v.idempotencyKey },
      }),
    (options) => submission.reply(options),
    t,
  );
  if (!outcome.ok) return outcome.response;
  return redirect("/staff/finance?saved=request");
}

export default function NewDisbursement() {
  const { idempotencyKey, funds } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "disbursement",
    lastResult,
    constraint: getZodConstraint(disbursementSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: disbursementSchema }),
  });
  return (
    <FormPage title={t("finance:disbursement.title")} intro={<p>{t("finance:disbursement.intro")}</p>}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <SelectField field={fields.fund} label={t("finance:fields.fund")}>
          <option value="">{t("finance:fields.choose")}</option>
          {funds.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </SelectField>
        <TextField field={fields.payeeName} label={t("finance:fields.payeeName")} />
        <SelectField field={fields.payeeKind} label={t("finance:fields.payeeKind")}>
          <option value="">{t("finance:fields.choose")}</option>
          {PAYEE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`finance:payeeKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField field={fields.purpose} label={t("finance:fields.purpose")} />
        <TextField field={fields.invoiceRef} label={t("finance:fields.invoiceRef")} />
        <TextField field={fields.amount} label={t("finance:fields.amount")} hint={t("finance:fields.amountHint")} />
        <SubmitButton>{t("finance:disbursement.submit")}</SubmitButton>
      </Form>
    </FormPage>
  );
}
