// /sign-in — email and password. Failures are rate limited per email and per address; staff with
// a second factor continue at /sign-in/two-factor.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getActor } from "../domain/auth/guards.server";
import { homePathOf } from "../domain/auth/home-path";
import { requestInfo } from "../domain/auth/request-info.server";
import { safeRedirect } from "../domain/auth/safe-redirect";
import { loadSession, startSessionHeaders } from "../domain/auth/session.server";
import { signIn } from "../domain/auth/sign-in.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["auth", "account"] };
export const clientLoader = withNamespaces("auth", "account");

/** Why someone arrives here: after a reset, after "sign out everywhere", after too many wrong codes. */
const NOTICES = { passwordReset: "account:signInNotices.passwordReset", signedOutEverywhere: "account:signInNotices.signedOutEverywhere", tooManyCodes: "auth:signIn.tooManyCodes" } as const;

const schema = z.object({
  email: z.email("auth:errors.emailInvalid").max(200, "auth:errors.emailInvalid"),
  password: z.string("auth:errors.passwordRequired").min(1, "auth:errors.passwordRequired").max(200, "auth:errors.passwordRequired"),
  redirectTo: z.string().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Empty unless a page asked to be returned to: then the role's home is the destination.
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "");
  const actor = await getActor(request, context);
  if (actor) throw redirect(redirectTo || homePathOf(actor));
  const { t } = await getPageLocale(request);
  const notice = Object.entries(NOTICES).find(([key]) => url.searchParams.get(key) === "1")?.[1] ?? null;
  return { title: t("meta.suffix", { title: t("auth:signIn.title") }), redirectTo, notice };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { runtime } = context;
  const result = await signIn({ db: runtime.db, rateLimits: runtime.rateLimits, email: submission.value.email, password: submission.value.password, request: requestInfo(request, context) });
  const redirectTo = safeRedirect(submission.value.redirectTo, "");
  switch (result.kind) {
    case "rate-limited":
      return data(submission.reply({ formErrors: ["auth:errors.rateLimited"], hideFields: ["password"] }), { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
    case "invalid":
      return data(submission.reply({ formErrors: ["auth:errors.wrongCredentials"], hideFields: ["password"] }), { status: 400 });
    case "second-factor":
      return redirect(redirectTo ? `/sign-in/two-factor?redirectTo=${encodeURIComponent(redirectTo)}` : "/sign-in/two-factor", {
        headers: await startSessionHeaders(request, runtime.config.NODE_ENV, result.session),
      });
    case "signed-in": {
      const signedIn = redirectTo ? null : await loadSession(runtime.db, result.session.token);
      return redirect(redirectTo || (signedIn ? homePathOf(signedIn.actor) : "/account"), { headers: await startSessionHeaders(request, runtime.config.NODE_ENV, result.session) });
    }
  }
}

export default function SignInPage() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const [form, fields] = useServerForm<z.input<typeof schema>>({lastResult });
  return (
    <FormPage title={t("signIn.title")} intro={t("signIn.intro")}>
      {notice ? (
        <p role="status" className="mb-4 rounded-md border border-stone-300 bg-stone-50 p-3 text-sm">
          {t(notice)}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="username" inputMode="email" />
        <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="current-password" />
        <SubmitButton>{t("signIn.submit")}</SubmitButton>
      </Form>
      <ul className="mt-6 space-y-2 text-sm">
        <li>
          <Link to="/forgot-password" className="font-medium text-brand-700 underline underline-offset-4">
            {t("signIn.forgot")}
          </Link>
        </li>
        <li>
          <Link to="/register" className="font-medium text-brand-700 underline underline-offset-4">
            {t("signIn.register")}
          </Link>
        </li>
        <li>
          <Link to="/apply" className="font-medium text-brand-700 underline underline-offset-4">
            {t("signIn.apply")}
          </Link>
        </li>
      </ul>
    </FormPage>
  );
}
