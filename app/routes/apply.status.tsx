// /apply/status — the applicant checks an application with its number and their phone number and
// reads its status in plain words (with the union's reason when declined); nothing else about it is
// shown. A wrong pair is "not found" without saying which part was wrong. A POST, so the phone
// number stays out of addresses and logs; rate limited per address.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { statusCheckSchema } from "../domain/applications/application-schema";
import { checkApplicationStatus } from "../domain/applications/check-application-status.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { formatDate } from "../ui/format-time";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["applications"] };
export const clientLoader = withNamespaces("applications");

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getPageLocale(request);
  return { title: t("meta.suffix", { title: t("applications:status.title") }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: statusCheckSchema });
  if (submission.status !== "success") return data({ reply: submission.reply(), found: null }, { status: 400 });
  const { runtime } = context;
  const [result, { locale }] = await Promise.all([
    checkApplicationStatus({ db: runtime.db, cipher: runtime.cipher, rateLimits: runtime.rateLimits, check: submission.value, ip: context.clientIp || null }),
    getPageLocale(request),
  ]);
  switch (result.kind) {
    case "rate-limited":
      return data({ reply: submission.reply({ formErrors: ["applications:errors.statusRateLimited"] }), found: null }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
    case "not-found":
      return data({ reply: submission.reply({ formErrors: ["applications:errors.notFound"] }), found: null }, { status: 404 });
    case "found":
      return {
        reply: submission.reply(),
        found: { number: result.number, status: result.status, declineReason: result.declineReason, submittedOn: formatDate(new Date(result.submittedAt), locale) },
      };
  }
}

export default function ApplicationStatusPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("applications");
  const [form, fields] = useServerForm<z.input<typeof statusCheckSchema>>({ lastResult: actionData?.reply });
  const found = actionData?.found;
  return (
    <FormPage title={t("status.title")} intro={<p>{t("status.intro")}</p>}>
      {found ? (
        <section role="status" aria-labelledby="status-result" className="mb-6 rounded-md border-2 border-brand-700 bg-brand-50 p-4">
          <h2 id="status-result" className="text-lg font-semibold">
            {t("status.resultTitle", { number: found.number })}
          </h2>
          <p className="mt-1 text-sm text-stone-700">{t("status.submittedOn", { date: found.submittedOn })}</p>
          <p className="mt-3 text-xl font-semibold">{t(`status.label.${found.status}`)}</p>
          <p className="mt-1">{t(`status.explain.${found.status}`)}</p>
          {found.declineReason ? (
            <>
              <h3 className="mt-3 font-semibold">{t("status.reasonTitle")}</h3>
              <p className="mt-1 whitespace-pre-line">{found.declineReason}</p>
            </>
          ) : null}
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.number} label={t("fields.number")} hint={t("fields.numberHint")} autoComplete="off" />
        <TextField field={fields.phone} label={t("fields.statusPhone")} hint={t("fields.statusPhoneHint")} type="tel" inputMode="tel" autoComplete="tel" />
        <SubmitButton>{t("status.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        <Link to="/apply" className="font-medium text-brand-700 underline underline-offset-4">
          {t("status.applyLink")}
        </Link>
      </p>
    </FormPage>
  );
}
