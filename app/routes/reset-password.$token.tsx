// /reset-password/$token — the emailed link: a new password, typed twice. A link that is unknown,
// used or older than an hour answers 410 Gone with a way to ask for a new one. On success every
// session of the account has ended and the person signs in again with the new password.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { newPasswordFields, passwordsDifferIssue, passwordsMatch } from "../domain/auth/new-password";
import { PASSWORD_MIN_LENGTH } from "../domain/auth/password-length";
import { isResetLinkUsable, resetPassword } from "../domain/auth/password-reset.server";
import { requestInfo } from "../domain/auth/request-info.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { titleMeta } from "../ui/meta";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["account", "auth"] };
export const clientLoader = withNamespaces("account", "auth");

const schema = z.object(newPasswordFields).refine(passwordsMatch, passwordsDifferIssue);
const PASSWORDS = ["newPassword", "confirmPassword"];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const usable = await isResetLinkUsable(context.runtime.db, params.token ?? "");
  const { t } = await getPageLocale(request);
  const title = t("meta.suffix", { title: t(usable ? "account:resetPassword.title" : "account:resetPassword.unusableTitle") });
  return data({ title, usable }, { status: usable ? 200 : 410 });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: PASSWORDS }), { status: 400 });
  const { runtime } = context;
  const result = await resetPassword({ db: runtime.db, rateLimits: runtime.rateLimits, token: params.token ?? "", password: submission.value.newPassword, request: requestInfo(request, context) });
  if (result.kind === "unusable") return data(submission.reply({ hideFields: PASSWORDS }), { status: 410 });
  return redirect("/sign-in?passwordReset=1");
}

export default function ResetPasswordPage() {
  const { usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const [form, fields] = useServerForm<z.input<typeof schema>>({lastResult });
  if (!usable) {
    return (
      <FormPage title={t("resetPassword.unusableTitle")}>
        <p className="text-stone-800">{t("resetPassword.unusableBody")}</p>
        <p className="mt-4">
          <Link to="/forgot-password" className="font-medium text-brand-700 underline underline-offset-4">
            {t("resetPassword.askAgain")}
          </Link>
        </p>
      </FormPage>
    );
  }
  return (
    <FormPage title={t("resetPassword.title")} intro={t("resetPassword.intro")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.newPassword} label={t("fields.newPassword")} type="password" autoComplete="new-password" hint={t("fields.newPasswordHint", { min: PASSWORD_MIN_LENGTH })} />
        <TextField field={fields.confirmPassword} label={t("fields.confirmPassword")} type="password" autoComplete="new-password" />
        <SubmitButton>{t("resetPassword.submit")}</SubmitButton>
      </Form>
    </FormPage>
  );
}
