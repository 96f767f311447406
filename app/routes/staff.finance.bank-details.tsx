// /staff/finance/bank-details — the union's bank account donors transfer to, and a contact; kept by
// its finance staff and admins.
import { withNamespaces } from "../i18n/client-namespaces";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { bankDetailsSchema } from "../domain/ledger/finance-forms";
import { readUnionBankDetails, updateUnionBankDetails } from "../domain/ledger/union-bank-details.server";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { titleMeta } from "../ui/meta";
import { onForm, requireBankDetailsKeeper } from "./staff-finance.server";

export const handle = { i18n: ["finance"] };
export const clientLoader = withNamespaces("finance");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireBankDetailsKeeper(request, context);
  const [{ t }, details] = await Promise.all([getPageLocale(request), readUnionBankDetails({ db: context.runtime.db, actor })]);
  return { title: t("meta.suffix", { title: t("finance:bank.title") }), details, saved: new URL(request.url).searchParams.get("saved") === "1" };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireBankDetailsKeeper(request, context);
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  const submission = parseWithZod(formData, { schema: bankDetailsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await onForm(() => updateUnionBankDetails({ db: context.runtime.db, actor, details: submission.value }), (options) => submission.reply(options), t);
  if (!outcome.ok) return outcome.response;
  return redirect("/staff/finance/bank-details?saved=1");
}

export default function BankDetails() {
  const { details, saved } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "bank-details",
    lastResult,
    constraint: getZodConstraint(bankDetailsSchema),
    defaultValue: details ?? undefined,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bankDetailsSchema }),
  });
  return (
    <FormPage title={t("finance:bank.title")} intro={<p>{t("finance:bank.intro")}</p>}>
      {saved ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t("finance:saved.bankDetails")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.accountName} label={t("finance:fields.accountName")} />
        <TextField field={fields.bankName} label={t("finance:fields.bankName")} />
        <TextField field={fields.accountNumber} label={t("finance:fields.accountNumber")} />
        <TextField field={fields.contact} label={t("finance:fields.contact")} />
        <SubmitButton>{t("finance:bank.submit")}</SubmitButton>
      </Form>
    </FormPage>
  );
}
