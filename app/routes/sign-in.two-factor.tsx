// /sign-in/two-factor — the six-digit code from an authenticator app, after a right password.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getSession } from "../domain/auth/guards.server";
import { homePathOf } from "../domain/auth/home-path";
import { requestInfo } from "../domain/auth/request-info.server";
import { safeRedirect } from "../domain/auth/safe-redirect";
import { endSessionHeaders, loadSession, startSessionHeaders } from "../domain/auth/session.server";
import { completeSecondFactor } from "../domain/auth/sign-in.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { titleMeta } from "../ui/meta";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["auth"] };
export const clientLoader = withNamespaces("auth");

const schema = z.object({
  code: z
    .string("auth:errors.codeInvalid")
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "auth:errors.codeInvalid")),
  redirectTo: z.string().optional(),
});

async function pendingSession(request: Request, context: LoaderFunctionArgs["context"]) {
  const session = await getSession(request, context);
  if (!session) throw redirect("/sign-in");
  return session;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Empty unless a page asked to be returned to: then the role's home is the destination.
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  const session = await pendingSession(request, context);
  if (!session.secondFactorPending) throw redirect(redirectTo || homePathOf(session.actor));
  const { t } = await getPageLocale(request);
  return { title: t("meta.suffix", { title: t("auth:twoFactor.title") }), redirectTo };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await pendingSession(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { runtime } = context;
  const result = await completeSecondFactor({ db: runtime.db, cipher: runtime.cipher, rateLimits: runtime.rateLimits, pendingSessionId: session.id, code: submission.value.code, request: requestInfo(request, context) });
  switch (result.kind) {
    case "expired":
      return redirect("/sign-in", { headers: await endSessionHeaders(request, runtime.config.NODE_ENV) });
    case "rate-limited":
      return redirect("/sign-in?tooManyCodes=1", { headers: await endSessionHeaders(request, runtime.config.NODE_ENV) });
    case "invalid":
      return data(submission.reply({ formErrors: ["auth:errors.wrongCode"], hideFields: ["code"] }), { status: 400 });
    case "signed-in": {
      const redirectTo = safeRedirect(submission.value.redirectTo, "");
      const signedIn = redirectTo ? null : await loadSession(runtime.db, result.session.token);
      return redirect(redirectTo || (signedIn ? homePathOf(signedIn.actor) : "/account"), { headers: await startSessionHeaders(request, runtime.config.NODE_ENV, result.session) });
    }
  }
}

export default function TwoFactorPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  // Checked on the server only (as sign-in): validating in the browser would bring zod to this page.
  const [form, fields] = useServerForm<z.input<typeof schema>>({ lastResult });
  return (
    <FormPage title={t("twoFactor.title")} intro={t("twoFactor.intro")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.code} label={t("fields.code")} autoComplete="one-time-code" inputMode="numeric" autoFocus />
        <SubmitButton>{t("twoFactor.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        <Link to="/sign-in" className="font-medium text-brand-700 underline underline-offset-4">
          {t("twoFactor.startOver")}
        </Link>
      </p>
    </FormPage>
  );
}
