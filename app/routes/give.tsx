// /give — a pledge without an account: to a public need (/give?need=N-…, linked from the need page)
// or to a union's general fund (choose the union). The form carries a fresh key, so a double click
// or a retry makes one pledge; the page is never cached, or two visitors would share a key. The
// answer shows the pledge reference, the union's bank details and the tracking code, once (no
// redirect: the code never reaches a URL). Works without JavaScript; rate-limited per address.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { isDomainError } from "../domain/errors/domain-error";
import { beijingDay } from "../domain/pledges/beijing-day";
import { createPledge } from "../domain/pledges/create-pledge.server";
import { findPledgeDestination, listGivingUnions, readGiveQuery } from "../domain/pledges/pledge-destination.server";
import { pledgeFormSchema } from "../domain/pledges/pledge-form";
import { newPledgeKey } from "../domain/pledges/tracking-code.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, Honeypot, SubmitButton, TextAreaField, TextField, isHoneypotFilled } from "../ui/form";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { formatPledgeAmount } from "../ui/pledge-amounts.server";
import { PledgeCreated } from "../ui/pledge-created";
import { SelectField } from "../ui/select-field";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["pledges"] };
export const clientLoader = withNamespaces("pledges");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = readGiveQuery(url.searchParams);
  if (!query) throw new Response("Not Found", { status: 404 });
  const { db } = context.runtime;
  const [{ t }, destination, unions] = await Promise.all([
    getPageLocale(request),
    query.need ? findPledgeDestination(db, { kind: "need", needRef: query.need }) : Promise.resolve(null),
    query.need ? Promise.resolve([]) : listGivingUnions(db),
  ]);
  if (query.need && !destination) throw new Response("Not Found", { status: 404 });
  const need = destination?.need ? { ref: destination.need.ref, title: destination.need.title, unionName: destination.unionName } : null;
  return data(
    { title: t("meta.suffix", { title: need ? t("pledges:give.titleNeed") : t("pledges:give.titleGeneral") }), need, unions, selectedUnion: query.union ?? "", key: newPledgeKey() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  headers.set("Cache-Control", "private, no-store");
  return headers;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { runtime } = context;
  // The page's address names the need: one that is not public is not found, whatever the form says.
  const query = readGiveQuery(new URL(request.url).searchParams);
  if (!query) throw new Response("Not Found", { status: 404 });
  if (query.need && !(await findPledgeDestination(runtime.db, { kind: "need", needRef: query.need }))) throw new Response("Not Found", { status: 404 });
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: pledgeFormSchema });
  const noStore = { "Cache-Control": "private, no-store" };
  const limited = await runtime.rateLimits.consume("pledgeIp", context.clientIp || "unknown");
  if (!limited.ok) {
    return data({ kind: "form" as const, result: submission.reply({ formErrors: ["pledges:errors.rateLimited"] }) }, { status: 429, headers: { ...noStore, "Retry-After": String(limited.retryAfterSeconds) } });
  }
  if (submission.status !== "success") return data({ kind: "form" as const, result: submission.reply() }, { status: 400, headers: noStore });
  // A filled honeypot is a bot: no pledge, no tracking code, no bank details.
  if (isHoneypotFilled(formData)) return data({ kind: "form" as const, result: submission.reply({ formErrors: ["pledges:errors.notSent"] }) }, { status: 400, headers: noStore });
  try {
    const { locale } = await getPageLocale(request);
    const pledge = await createPledge({ db: runtime.db, input: submission.value, expiryDays: runtime.config.PLEDGE_EXPIRY_DAYS });
    const { ref, amount, unionName, need, bank, trackingCode } = pledge;
    return data({ kind: "created" as const, pledge: { ref, amount: formatPledgeAmount(amount, locale), unionName, need, bank, trackingCode, expiresOn: beijingDay(pledge.expiresAt) } }, { headers: noStore });
  } catch (error) {
    if (isDomainError(error) && error.kind === "conflict") {
      return data({ kind: "form" as const, result: submission.reply({ formErrors: ["pledges:errors.keyReused"] }) }, { status: 409, headers: noStore });
    }
    if (isDomainError(error) && error.kind === "not-found") {
      const field = submission.value.target.kind === "need" ? "need" : "union";
      return data({ kind: "form" as const, result: submission.reply({ fieldErrors: { [field]: [field === "need" ? "pledges:errors.needNotFound" : "pledges:errors.unionRequired"] } }) }, { status: 400, headers: noStore });
    }
    throw error;
  }
}

export default function GivePage() {
  const { need, unions, selectedUnion, key } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (answer?.kind === "created") return <PledgeCreated pledge={answer.pledge} />;
  return <PledgeForm need={need} unions={unions} selectedUnion={selectedUnion} formKey={key} lastResult={answer?.result} />;
}

function PledgeForm({
  need,
  unions,
  selectedUnion,
  formKey,
  lastResult,
}: {
  need: { ref: string; title: string; unionName: string } | null;
  unions: { id: string; name: string }[];
  selectedUnion: string;
  formKey: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useServerForm<z.input<typeof pledgeFormSchema>>({ lastResult, defaultValue: { union: selectedUnion } });
  const anonymousHintId = `${fields.anonymous.id}-hint`;
  const anonymousProps = getInputProps(fields.anonymous, { type: "checkbox", value: "on", ariaDescribedBy: anonymousHintId });
  return (
    <section aria-labelledby="give-title" className="mx-auto max-w-2xl">
      <h1 id="give-title" className="text-2xl font-semibold text-stone-900">
        {need ? t("pledges:give.titleNeed") : t("pledges:give.titleGeneral")}
      </h1>
      {need ? (
        <p className="mt-2 text-stone-700">
          {t("pledges:give.need")}:{" "}
          <Link to={`/needs/${need.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
            {need.title}
          </Link>{" "}
          <span className="font-mono text-sm">{need.ref}</span>
        </p>
      ) : null}
      <p className="mt-2 text-stone-700">{need ? t("pledges:give.introNeed", { union: need.unionName }) : t("pledges:give.introGeneral")}</p>
      <p className="mt-1 text-sm text-stone-600">{t("pledges:give.noAccount")}</p>
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
        <Form method="post" {...getFormProps(form)} className="space-y-5">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="key" value={formKey} />
          {need ? (
            <input type="hidden" name="need" value={need.ref} />
          ) : (
            <SelectField field={fields.union} label={t("pledges:fields.union")}>
              <option value="">{t("pledges:fields.unionPlaceholder")}</option>
              {unions.map((union) => (
                <option key={union.id} value={union.id}>
                  {union.name}
                </option>
              ))}
            </SelectField>
          )}
          {need && fields.need.errors ? <FormErrors id={fields.need.errorId} errors={fields.need.errors} /> : null}
          <TextField field={fields.amount} label={t("pledges:fields.amount")} hint={t("pledges:fields.amountHint")} inputMode="text" autoComplete="off" />
          <TextField field={fields.displayName} label={t("pledges:fields.displayName")} hint={t("pledges:fields.displayNameHint")} autoComplete="name" />
          <div className="flex items-start gap-3">
            <input {...anonymousProps} key={anonymousProps.key} className="mt-1 h-6 w-6 shrink-0 accent-brand-700" />
            <label htmlFor={fields.anonymous.id} className="text-stone-800">
              <span className="font-medium">{t("pledges:fields.anonymous")}</span>
              <span id={anonymousHintId} className="mt-1 block text-sm text-stone-600">
                {t("pledges:fields.anonymousHint")}
              </span>
            </label>
          </div>
          <TextField field={fields.contact} label={t("pledges:fields.contact")} hint={t("pledges:fields.contactHint")} autoComplete="off" />
          <TextAreaField field={fields.message} label={t("pledges:fields.message")} hint={t("pledges:fields.messageHint")} rows={3} />
          <Honeypot />
          <SubmitButton>{t("pledges:fields.submit")}</SubmitButton>
        </Form>
      </div>
      {need ? (
        <p className="mt-4 text-sm">
          <Link to="/give" className="text-brand-700 underline underline-offset-4">
            {t("pledges:give.generalInstead")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
