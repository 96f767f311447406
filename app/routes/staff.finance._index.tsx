// /staff/finance — the union finance staff's workspace: pledges awaiting money, disbursements
// awaiting a second approver (approve or reject here, for anyone but the requester), fund balances
// from the balance rows, and recent transactions. Plain POST forms, so it works without JavaScript.
import { withNamespaces } from "../i18n/client-namespaces";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { decideDisbursement } from "../domain/ledger/decide-disbursement.server";
import { cancelPledge } from "../domain/pledges/cancel-pledge.server";
import { loadFinanceWorkspace } from "../domain/ledger/finance-workspace.server";
import { decisionSchema } from "../domain/ledger/finance-forms";
import { formatMoneyText } from "../domain/money/money-text";
import { reportAccessOf } from "../domain/reports/report-access.server";
import { getPageLocale } from "../i18n/page-locale.server";
import { ErrorList, SubmitButton, inputClass } from "../ui/form";
import { formatDateTime } from "../ui/format-time";
import { titleMeta } from "../ui/meta";
import { FINANCE_SAVED, onForm, requireFinance } from "./staff-finance.server";

export const handle = { i18n: ["finance"] };
export const clientLoader = withNamespaces("finance");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireFinance(request, context);
  const [{ locale, t }, workspace] = await Promise.all([getPageLocale(request), loadFinanceWorkspace({ db: context.runtime.db, actor })]);
  const yuan = (text: string) => formatMoneyText(text, locale);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    title: t("meta.suffix", { title: t("finance:title") }),
    saved: FINANCE_SAVED.find((s) => s === saved) ?? null,
    pledges: workspace.pledges.map((p) => ({ ...p, amount: yuan(p.amount), received: yuan(p.received), expires: formatDateTime(p.expiresAt, locale) })),
    pending: workspace.pendingDisbursements.map((d) => ({ ...d, amount: yuan(d.amount) })),
    general: workspace.accounts.filter((a) => a.kind === "general-fund").map((a) => ({ id: a.id, source: a.source, balance: yuan(a.balance) })),
    needFunds: workspace.accounts.filter((a) => a.kind === "need-fund").map((a) => ({ id: a.id, need: a.need, balance: yuan(a.balance) })),
    bank: workspace.accounts.filter((a) => a.kind === "bank" || a.kind === "clearing").map((a) => ({ id: a.id, kind: a.kind, balance: yuan(a.balance) })),
    recent: workspace.recent.map((r) => ({ ...r, amount: yuan(r.amount) })),
    // The money part of the region's report, in the page's language (no `reports` namespace here).
    report: reportAccessOf(actor) ? { href: "/staff/reports#money", label: t("reports:nav.finance"), hint: t("reports:nav.financeHint") } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

/** Approve (and pay) or reject a pending disbursement request, or cancel an open pledge. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireFinance(request, context);
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  const submission = parseWithZod(formData, { schema: decisionSchema });
  const target = String(formData.get("ref") ?? "");
  if (submission.status !== "success") return data({ target, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  if (value.intent === "cancel-pledge") {
    const cancelled = await onForm(() => cancelPledge({ db: context.runtime.db, actor, ref: value.ref }), (options) => submission.reply(options), t);
    if (!cancelled.ok) return data({ target, result: cancelled.response.data }, { status: cancelled.response.init?.status ?? 409 });
    return redirect("/staff/finance?saved=pledgeCancelled");
  }
  const outcome = await onForm(
    () => decideDisbursement({ db: context.runtime.db, actor, ref: value.ref, decision: value.intent === "approve" ? { decision: "approve" } : { decision: "reject", reason: value.reason } }),
    (options) => submission.reply(options),
    t,
  );
  if (!outcome.ok) return data({ target, result: outcome.response.data }, { status: outcome.response.init?.status ?? 409 });
  return redirect(`/staff/finance?saved=${outcome.value.status}`);
}

function SectionTitle({ id, children }: { id: string; children: string }) {
  return (
    <h2 id={id} className="mt-8 text-xl font-semibold">
      {children}
    </h2>
  );
}

export default function FinanceWorkspace() {
  const { saved, pledges, pending, general, needFunds, bank, recent, report } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const linkClass = "inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-3 text-brand-700 underline-offset-4 hover:underline";
  return (
    <section aria-labelledby="finance-title">
      <h1 id="finance-title" className="text-2xl font-semibold">
        {t("finance:title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("finance:intro")}</p>
      {saved ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(`finance:saved.${saved}`)}
        </p>
      ) : null}
      <nav aria-label={t("finance:actions")} className="mt-4">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link to="/staff/finance/receipts/new" className={linkClass}>
              {t("finance:recordReceipt")}
            </Link>
          </li>
          <li>
            <Link to="/staff/finance/allocations/new" className={linkClass}>
              {t("finance:allocate")}
            </Link>
          </li>
          <li>
            <Link to="/staff/finance/disbursements/new" className={linkClass}>
              {t("finance:requestDisbursement")}
            </Link>
          </li>
          <li>
            <Link to="/staff/finance/bank-details" className={linkClass}>
              {t("finance:bankDetails")}
            </Link>
          </li>
          {report ? (
            <li>
              <Link to={report.href} className={linkClass} aria-describedby="finance-report-hint">
                {report.label}
              </Link>
              <span id="finance-report-hint" className="sr-only">
                {report.hint}
              </span>
            </li>
          ) : null}
        </ul>
      </nav>

      <section aria-labelledby="finance-pending">
        <SectionTitle id="finance-pending">{t("finance:pending.title")}</SectionTitle>
        {pending.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("finance:pending.empty")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {pending.map((d) => {
              const result = actionData && actionData.target === d.ref ? actionData.result : undefined;
              return (
                <li key={d.ref} className="rounded-lg border border-stone-200 bg-white p-4">
                  <p className="flex flex-wrap items-baseline gap-2">
                    <span className="font-mono text-sm text-stone-600">{d.ref}</span>
                    <span className="text-lg font-semibold">{d.amount}</span>
                  </p>
                  <dl className="mt-2 grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
                    <div>
                      <dt className="inline text-stone-600">{t("finance:pending.payee")}: </dt>
                      <dd className="inline">
                        {d.payeeName} ({t(`finance:payeeKind.${d.payeeKind}`)})
                      </dd>
                    </div>
                    <div>
                      <dt className="inline text-stone-600">{t("finance:pending.purpose")}: </dt>
                      <dd className="inline">{d.purpose}</dd>
                    </div>
                    <div>
                      <dt className="inline text-stone-600">{t("finance:pending.fund")}: </dt>
                      <dd className="inline">{d.fund.startsWith("N-") ? d.fund : t(`finance:source.${d.fund}`, { defaultValue: d.fund })}</dd>
                    </div>
                    {d.invoiceRef ? (
                      <div>
                        <dt className="inline text-stone-600">{t("finance:pending.invoice")}: </dt>
                        <dd className="inline">{d.invoiceRef}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt className="inline text-stone-600">{t("finance:pending.requestedBy")}: </dt>
                      <dd className="inline">{d.requestedBy}</dd>
                    </div>
                  </dl>
                  {result?.error?.[""] ? <ErrorList errors={result.error[""]} /> : null}
                  {d.isOwn ? (
                    <p className="mt-3 text-sm text-stone-700">{t("finance:pending.own")}</p>
                  ) : (
                    <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
                      <Form method="post" aria-label={t("finance:pending.approve", { ref: d.ref })}>
                        <input type="hidden" name="ref" value={d.ref} />
                        <SubmitButton name="intent" value="approve">
                          {t("finance:pending.approve", { ref: d.ref })}
                        </SubmitButton>
                      </Form>
                      <Form method="post" aria-label={t("finance:pending.reject", { ref: d.ref })} className="flex flex-col gap-2 sm:flex-row sm:items-end">
                        <input type="hidden" name="ref" value={d.ref} />
                        <div>
                          <label htmlFor={`reason-${d.ref}`} className="block text-sm font-medium text-stone-800">
                            {t("finance:pending.reason")}
                          </label>
                          <input id={`reason-${d.ref}`} name="reason" required maxLength={500} className={inputClass} aria-invalid={result?.error?.reason ? true : undefined} />
                          <ErrorList errors={result?.error?.reason ?? undefined} />
                        </div>
                        <SubmitButton name="intent" value="reject" variant="danger">
                          {t("finance:pending.reject", { ref: d.ref })}
                        </SubmitButton>
                      </Form>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="finance-pledges">
        <SectionTitle id="finance-pledges">{t("finance:pledges.title")}</SectionTitle>
        {pledges.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("finance:pledges.empty")}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {pledges.map((p) => (
              <li key={p.ref} className="rounded-lg border border-stone-200 bg-white p-3">
                <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="font-mono text-sm">{p.ref}</span>
                  <span>{t(`finance:pledgeStatus.${p.status}`)}</span>
                  <span>{p.need ? `${p.need.ref} · ${p.need.title}` : t("finance:pledges.generalFund")}</span>
                </p>
                <p className="mt-1 text-sm text-stone-700">
                  {t("finance:pledges.amount")} {p.amount} · {t("finance:pledges.received")} {p.received} · {t("finance:pledges.expires")} <time dateTime={p.expiresAt}>{p.expires}</time>
                </p>
                <dl className="mt-1 grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
                  <div>
                    <dt className="inline text-stone-600">{t("finance:pledges.donor")}: </dt>
                    <dd className="inline">{p.donor.displayName ?? t("finance:pledges.anonymous")}</dd>
                  </div>
                  {p.donor.contact ? (
                    <div>
                      <dt className="inline text-stone-600">{t("finance:pledges.contact")}: </dt>
                      <dd className="inline break-all">{p.donor.contact}</dd>
                    </div>
                  ) : null}
                  {p.donor.message ? (
                    <div className="sm:col-span-2">
                      <dt className="inline text-stone-600">{t("finance:pledges.message")}: </dt>
                      <dd className="inline whitespace-pre-line">{p.donor.message}</dd>
                    </div>
                  ) : null}
                </dl>
                <div className="mt-2 flex flex-wrap items-center gap-3">
                  <Link to={`/staff/finance/receipts/new?pledge=${p.ref}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4">
                    {t("finance:pledges.record", { ref: p.ref })}
                  </Link>
                  {p.status === "open" ? (
                    <Form method="post" aria-label={t("finance:pledges.cancel", { ref: p.ref })}>
                      <input type="hidden" name="ref" value={p.ref} />
                      <SubmitButton name="intent" value="cancel-pledge" variant="danger">
                        {t("finance:pledges.cancel", { ref: p.ref })}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </div>
                {actionData && actionData.target === p.ref && actionData.result?.error?.[""] ? <ErrorList errors={actionData.result.error[""]} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="finance-balances">
        <SectionTitle id="finance-balances">{t("finance:balances.title")}</SectionTitle>
        <table className="mt-3 w-full text-left text-sm">
          <caption className="text-left font-medium">{t("finance:balances.bySource")}</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1">
                {t("finance:balances.account")}
              </th>
              <th scope="col" className="py-1 text-right">
                {t("finance:balances.balance")}
              </th>
            </tr>
          </thead>
          <tbody>
            {general.map((a) => (
              <tr key={a.id} className="border-t border-stone-200">
                <th scope="row" className="py-1 font-normal">
                  {t(`finance:source.${a.source ?? "donations"}`)}
                </th>
                <td className="py-1 text-right">{a.balance}</td>
              </tr>
            ))}
            {bank.map((a) => (
              <tr key={a.id} className="border-t border-stone-200 text-stone-600">
                <th scope="row" className="py-1 font-normal">
                  {t(a.kind === "bank" ? "finance:balances.bank" : "finance:balances.clearing")}
                </th>
                <td className="py-1 text-right">{a.balance}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 className="mt-4 font-medium">{t("finance:balances.needFunds")}</h3>
        {needFunds.length === 0 ? (
          <p className="mt-1 text-stone-700">{t("finance:balances.noNeedFunds")}</p>
        ) : (
          <ul className="mt-1 divide-y divide-stone-200 text-sm">
            {needFunds.map((a) => (
              <li key={a.id} className="flex justify-between gap-4 py-1">
                <span>{a.need ? `${a.need.ref} · ${a.need.title}` : ""}</span>
                <span>{a.balance}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="finance-recent">
        <SectionTitle id="finance-recent">{t("finance:recent.title")}</SectionTitle>
        {recent.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("finance:recent.empty")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 text-sm">
            {recent.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <Link to={`/staff/finance/transactions/${r.id}`} className="text-brand-700 underline underline-offset-4">
                  {r.valueDate} · {t(`finance:kind.${r.kind}`)}
                </Link>
                <span>
                  {r.amount}
                  {r.isReversed ? ` (${t("finance:recent.reversed")})` : ""}
                </span>
                {r.memo ? <span className="w-full text-stone-600">{r.memo}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
