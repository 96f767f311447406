// /staff/finance/transactions/:id — one transaction of the union's books with its postings, and a
// form to reverse it with a reason (once; refused when the money has already moved on).
import { withNamespaces } from "../i18n/client-namespaces";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getFinanceTransaction } from "../domain/ledger/finance-workspace.server";
import { reverseSchema } from "../domain/ledger/finance-forms";
import { reverseTransaction } from "../domain/ledger/reverse-transaction.server";
import { formatMoneyText } from "../domain/money/money-text";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, SubmitButton, TextAreaField } from "../ui/form";
import { formatDateTime } from "../ui/format-time";
import { titleMeta } from "../ui/meta";
import { onForm, requireFinance } from "./staff-finance.server";

export const handle = { i18n: ["finance"] };
export const clientLoader = withNamespaces("finance");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireFinance(request, context);
  const [{ locale, t }, transaction] = await Promise.all([getPageLocale(request), getFinanceTransaction({ db: context.runtime.db, actor, id: params.id ?? "" })]);
  return {
    title: t("meta.suffix", { title: t("finance:transaction.title") }),
    transaction: {
      ...transaction,
      recorded: formatDateTime(transaction.recordedAt, locale),
      postings: transaction.postings.map((p) => ({ ...p, amount: formatMoneyText(p.amount, locale) })),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireFinance(request, context);
  // Another union's transaction, or none, is not found before anything is asked of the form.
  await getFinanceTransaction({ db: context.runtime.db, actor, id: params.id ?? "" });
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  const submission = parseWithZod(formData, { schema: reverseSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await onForm(
    () => reverseTransaction({ db: context.runtime.db, actor, transactionId: params.id ?? "", reason: submission.value.reason }),
    (options) => submission.reply(options),
    t,
  );
  if (!outcome.ok) return outcome.response;
  return redirect("/staff/finance?saved=reversed");
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-stone-100 py-2">
      <dt className="text-stone-600">{term}</dt>
      <dd className="break-all text-right">{children}</dd>
    </div>
  );
}

export default function FinanceTransaction() {
  const { transaction: tx } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "reverse",
    lastResult,
    constraint: getZodConstraint(reverseSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reverseSchema }),
  });
  const canReverse = tx.kind !== "reversal" && tx.reversedById === null;
  return (
    <section aria-labelledby="transaction-title" className="mx-auto max-w-2xl">
      <p>
        <Link to="/staff/finance" className="text-brand-700 underline underline-offset-4">
          {t("finance:transaction.back")}
        </Link>
      </p>
      <h1 id="transaction-title" className="mt-2 text-2xl font-semibold">
        {t("finance:transaction.title")} · {t(`finance:kind.${tx.kind}`)}
      </h1>
      <dl className="mt-4 rounded-lg border border-stone-200 bg-white p-4 text-sm">
        <Row term={t("finance:transaction.valueDate")}>{tx.valueDate}</Row>
        <Row term={t("finance:transaction.recordedAt")}>
          <time dateTime={tx.recordedAt}>{tx.recorded}</time>
        </Row>
        {tx.source ? <Row term={t("finance:transaction.source")}>{t(`finance:source.${tx.source}`)}</Row> : null}
        {tx.method ? <Row term={t("finance:transaction.method")}>{t(`finance:method.${tx.method}`)}</Row> : null}
        {tx.bankReference ? <Row term={t("finance:transaction.bankReference")}>{tx.bankReference}</Row> : null}
        {tx.memo ? <Row term={t("finance:transaction.memo")}>{tx.memo}</Row> : null}
        {tx.hash ? <Row term={t("finance:transaction.hash")}>{tx.hash}</Row> : null}
      </dl>
      {tx.reversesId ? (
        <p className="mt-3">
          <Link to={`/staff/finance/transactions/${tx.reversesId}`} className="text-brand-700 underline underline-offset-4">
            {t("finance:transaction.reverses")}
          </Link>
        </p>
      ) : null}
      {tx.reversedById ? (
        <p className="mt-3">
          <Link to={`/staff/finance/transactions/${tx.reversedById}`} className="text-brand-700 underline underline-offset-4">
            {t("finance:transaction.reversedBy")}
          </Link>
        </p>
      ) : null}
      <table className="mt-4 w-full text-left text-sm">
        <caption className="text-left font-medium">{t("finance:transaction.postings")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("finance:transaction.account")}</th>
            <th scope="col" className="text-right">
              {t("finance:transaction.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {tx.postings.map((p) => (
            <tr key={`${p.kind}-${p.account}`} className="border-t border-stone-200">
              <th scope="row" className="py-1 font-normal">
                {p.kind === "bank" ? t("finance:balances.bank") : p.kind === "clearing" ? t("finance:balances.clearing") : p.account.startsWith("N-") ? p.account : t(`finance:source.${p.account}`, { defaultValue: p.account })}
              </th>
              <td className="py-1 text-right">{p.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canReverse ? (
        <section aria-labelledby="reverse-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="reverse-title" className="text-lg font-semibold">
            {t("finance:transaction.reverse")}
          </h2>
          <p className="mt-1 text-sm text-stone-700">{t("finance:transaction.reverseIntro")}</p>
          <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextAreaField field={fields.reason} label={t("finance:transaction.reason")} rows={3} />
            <SubmitButton variant="danger">{t("finance:transaction.reverse")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
