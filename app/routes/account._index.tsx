// /account — one's own account: display name, password, second factor, and the sessions signed in
// with it. One action tells the forms apart by the `intent` of their button. Changing the password
// ends every other session and moves this device to a new session id; "sign out everywhere" ends
// this one too.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { revokeSession, signOutEverywhere } from "../domain/auth/account-sessions.server";
import { changePassword } from "../domain/auth/change-password.server";
import { requireActor } from "../domain/auth/guards.server";
import { newPasswordFields, passwordsDifferIssue, passwordsMatch } from "../domain/auth/new-password";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../domain/auth/password-policy";
import { requestInfo } from "../domain/auth/request-info.server";
import { endSessionHeaders, startSessionHeaders } from "../domain/auth/session.server";
import { isSecondFactorRequired } from "../domain/auth/two-factor.server";
import { updateDisplayName } from "../domain/auth/update-profile.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, SubmitButton, TextField } from "../ui/form";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { SessionList } from "../ui/session-list";
import { sessionRows } from "./account-session-rows.server";

export const handle = { i18n: ["account", "auth"] };
export const clientLoader = withNamespaces("account", "auth");

const profileSchema = z.object({
  displayName: z.string("account:errors.displayNameRequired").trim().min(1, "account:errors.displayNameRequired").max(80, "account:errors.displayNameTooLong"),
});
const passwordSchema = z
  .object({
    currentPassword: z.string("account:errors.currentPasswordRequired").max(PASSWORD_MAX_LENGTH, "account:errors.currentPasswordWrong"),
    ...newPasswordFields,
  })
  .refine(passwordsMatch, passwordsDifferIssue);
const revokeSchema = z.object({ sessionId: z.string().min(1).max(128) });
const PASSWORDS = ["currentPassword", "newPassword", "confirmPassword"];

/** Messages after a redirect back here; anything else in ?notice= is ignored. */
const NOTICES = ["profileSaved", "passwordChanged", "sessionEnded", "totpEnabled", "totpDisabled"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { locale, t } = await getPageLocale(request);
  const notice = NOTICES.find((key) => key === new URL(request.url).searchParams.get("notice")) ?? null;
  return {
    title: t("meta.suffix", { title: t("account:account.title") }),
    profile: { displayName: actor.displayName, email: actor.email },
    secondFactor: { enabled: actor.totpEnabled, required: isSecondFactorRequired(actor) },
    sessions: await sessionRows({ db: context.runtime.db, actor, locale, t }),
    notice,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await request.formData();
  const { db, rateLimits, config } = context.runtime;
  const info = requestInfo(request, context);
  switch (formData.get("intent")) {
    case "profile": {
      const submission = parseWithZod(formData, { schema: profileSchema });
      if (submission.status !== "success") return data({ intent: "profile" as const, reply: submission.reply() }, { status: 400 });
      await updateDisplayName({ db, actor, displayName: submission.value.displayName, ip: info.ip });
      return redirect("/account?notice=profileSaved");
    }
    case "password": {
      const submission = parseWithZod(formData, { schema: passwordSchema });
      if (submission.status !== "success") return data({ intent: "password" as const, reply: submission.reply({ hideFields: PASSWORDS }) }, { status: 400 });
      const result = await changePassword({ db, rateLimits, actor, currentPassword: submission.value.currentPassword, newPassword: submission.value.newPassword, request: info });
      if (result.kind === "rate-limited") {
        return data(
          { intent: "password" as const, reply: submission.reply({ formErrors: ["account:errors.rateLimited"], hideFields: PASSWORDS }) },
          { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
        );
      }
      if (result.kind === "wrong-password") {
        return data({ intent: "password" as const, reply: submission.reply({ fieldErrors: { currentPassword: ["account:errors.currentPasswordWrong"] }, hideFields: PASSWORDS }) }, { status: 400 });
      }
      return redirect("/account?notice=passwordChanged", { headers: await startSessionHeaders(request, config.NODE_ENV, result.session) });
    }
    case "revoke-session": {
      const parsed = revokeSchema.safeParse({ sessionId: formData.get("sessionId") });
      // Scoped by user: someone else's session id is "not found", exactly like an ended one.
      if (!parsed.success || !(await revokeSession({ db, actor, sessionId: parsed.data.sessionId, ip: info.ip }))) {
        throw new Response("That session has already ended.", { status: 404, statusText: "Not Found" });
      }
      return redirect("/account?notice=sessionEnded");
    }
    case "sign-out-everywhere": {
      await signOutEverywhere({ db, actor, ip: info.ip });
      return redirect("/sign-in?signedOutEverywhere=1", { headers: await endSessionHeaders(request, config.NODE_ENV) });
    }
  }
  throw new Response("Unknown action.", { status: 400, statusText: "Bad Request" });
}

export default function AccountPage() {
  const { profile, secondFactor, sessions, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation("account");
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="text-2xl font-semibold text-stone-900">{t("account.title")}</h1>
      {notice ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 font-medium text-green-900">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      <AccountSection id="profile" title={t("profile.title")}>
        <ProfileForm displayName={profile.displayName} email={profile.email} />
      </AccountSection>
      <AccountSection id="password" title={t("password.title")}>
        <PasswordForm />
      </AccountSection>
      <AccountSection id="two-factor" title={t("secondFactor.title")}>
        <p className="text-stone-800">{t(secondFactor.enabled ? "secondFactor.on" : secondFactor.required ? "secondFactor.offRequired" : "secondFactor.off")}</p>
        <p className="mt-3">
          <Link to="/account/two-factor" className="font-medium text-brand-700 underline underline-offset-4">
            {t(secondFactor.enabled ? "secondFactor.manage" : "secondFactor.setUp")}
          </Link>
        </p>
      </AccountSection>
      <AccountSection id="sessions" title={t("sessions.title")}>
        <p className="mb-3 text-sm text-stone-700">{t("sessions.intro")}</p>
        <SessionList sessions={sessions} />
        <Form method="post" className="mt-4 space-y-2">
          <p className="text-sm text-stone-700">{t("sessions.everywhereHint")}</p>
          <SubmitButton name="intent" value="sign-out-everywhere" variant="danger">
            {t("sessions.everywhere")}
          </SubmitButton>
        </Form>
      </AccountSection>
    </div>
  );
}

function AccountSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id={`${id}-title`} className="mb-4 text-lg font-semibold text-stone-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function useLastResult(intent: "profile" | "password") {
  const actionData = useActionData<typeof action>();
  return actionData?.intent === intent ? actionData.reply : undefined;
}

function ProfileForm({ displayName, email }: { displayName: string; email: string }) {
  const { t } = useTranslation("account");
  const [form, fields] = useForm({
    id: "profile-form",
    lastResult: useLastResult("profile"),
    defaultValue: { displayName },
    constraint: getZodConstraint(profileSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <div>
        <p className="font-medium text-stone-800">{t("fields.email")}</p>
        <p className="mt-1 text-stone-900">{email}</p>
      </div>
      <TextField field={fields.displayName} label={t("fields.displayName")} autoComplete="name" hint={t("fields.displayNameHint")} />
      <SubmitButton name="intent" value="profile">
        {t("profile.submit")}
      </SubmitButton>
    </Form>
  );
}

function PasswordForm() {
  const { t } = useTranslation("account");
  const [form, fields] = useForm({
    id: "password-form",
    lastResult: useLastResult("password"),
    constraint: getZodConstraint(passwordSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <p className="text-sm text-stone-700">{t("password.intro")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.currentPassword} label={t("fields.currentPassword")} type="password" autoComplete="current-password" />
      <TextField field={fields.newPassword} label={t("fields.newPassword")} type="password" autoComplete="new-password" hint={t("fields.newPasswordHint", { min: PASSWORD_MIN_LENGTH })} />
      <TextField field={fields.confirmPassword} label={t("fields.confirmPassword")} type="password" autoComplete="new-password" />
      <SubmitButton name="intent" value="password">
        {t("password.submit")}
      </SubmitButton>
    </Form>
  );
}
