// /forgot-password — asks for an email and sends a reset link if it belongs to an account. The
// answer is the same whether it does or not (and for a bot that filled the honeypot), so the form
// cannot be used to find out who has an account.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requestPasswordReset } from "../domain/auth/password-reset.server";
import { requestInfo } from "../domain/auth/request-info.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, Honeypot, SubmitButton, TextField, isHoneypotFilled } from "../ui/form";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["account"] };
export const clientLoader = withNamespaces("account");

const schema = z.object({
  email: z.email("account:errors.emailInvalid").max(200, "account:errors.emailInvalid"),
});

const SENT = "/forgot-password?sent=1";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getPageLocale(request);
  return { title: t("meta.suffix", { title: t("account:forgotPassword.title") }), sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (isHoneypotFilled(formData)) return redirect(SENT);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { runtime } = context;
  const { locale } = await getPageLocale(request);
  const result = await requestPasswordReset({
    db: runtime.db,
    rateLimits: runtime.rateLimits,
    mailer: runtime.mailer,
    publicUrl: runtime.publicUrl,
    locale,
    email: submission.value.email,
    request: requestInfo(request, context),
  });
  if (result.kind === "rate-limited") {
    return data(submission.reply({ formErrors: ["account:errors.rateLimited"] }), { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
  return redirect(SENT);
}

export default function ForgotPasswordPage() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const [form, fields] = useServerForm<z.input<typeof schema>>({lastResult });
  return (
    <FormPage title={t("forgotPassword.title")} intro={sent ? undefined : t("forgotPassword.intro")}>
      {sent ? (
        <div role="status" className="space-y-3">
          <p className="font-medium text-stone-900">{t("forgotPassword.sent")}</p>
          <p className="text-sm text-stone-700">{t("forgotPassword.sentHint")}</p>
        </div>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Honeypot />
          <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" inputMode="email" />
          <SubmitButton>{t("forgotPassword.submit")}</SubmitButton>
        </Form>
      )}
      <p className="mt-6 text-sm">
        <Link to="/sign-in" className="font-medium text-brand-700 underline underline-offset-4">
          {t("forgotPassword.backToSignIn")}
        </Link>
      </p>
    </FormPage>
  );
}
