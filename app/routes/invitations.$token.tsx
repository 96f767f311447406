// /invitations/:token — where an invitation email leads. A valid link names the organisation and
// the role; a newcomer creates an account here, someone with an account signs in first and then
// accepts. A link that no longer works says why: 404 when it never existed, 410 when it expired,
// was withdrawn or was already used. POSTs are rate limited per address like other public forms.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getActor, requireActor } from "../domain/auth/guards.server";
import { requestInfo } from "../domain/auth/request-info.server";
import { startSessionHeaders } from "../domain/auth/session.server";
import type { AcceptResult } from "../domain/organisations/accept-invitation.server";
import { acceptAsMember, acceptAsNewcomer, describeInvitation } from "../domain/organisations/accept-invitation.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, Honeypot, SubmitButton, TextField, isHoneypotFilled } from "../ui/form";
import { formatDate } from "../ui/format-time";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../domain/auth/password-policy";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["members"] };
export const clientLoader = withNamespaces("members");

const newcomerSchema = z.object({
  intent: z.literal("create-account"),
  displayName: z
    .string("members:errors.displayNameRequired")
    .trim()
    .min(1, "members:errors.displayNameRequired")
    .max(100, "members:errors.displayNameTooLong"),
  password: z.string("members:errors.passwordTooShort").min(PASSWORD_MIN_LENGTH, "members:errors.passwordTooShort").max(PASSWORD_MAX_LENGTH, "members:errors.passwordTooLong"),
});

const acceptSchema = z.object({ intent: z.literal("accept") });

const GONE_STATUS = { "not-found": 404, expired: 410, revoked: 410, accepted: 410, closed: 410 } as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const [{ locale, t }, actor] = await Promise.all([getPageLocale(request), getActor(request, context)]);
  const view = await describeInvitation({ db: context.runtime.db, token, actor });
  if (view.state !== "valid") {
    return data({ title: t("meta.suffix", { title: t(`members:join.gone.${view.state}.title`) }), token, view }, { status: GONE_STATUS[view.state] });
  }
  const { expiresAt, ...rest } = view;
  return { title: t("meta.suffix", { title: t("members:join.title", { organisation: view.organisationName }) }), token, view: { ...rest, expires: formatDate(expiresAt, locale) } };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

/** Where a new member starts: union staff in the workspace, everyone else on their organisation's page. */
function joined(request: Request, context: ActionFunctionArgs["context"], result: Extract<AcceptResult, { kind: "joined" }>) {
  const to = result.organisationKind === "union" ? "/staff" : "/organisation";
  return startSessionHeaders(request, context.runtime.config.NODE_ENV, result.session).then((headers) => redirect(to, { headers }));
}

function refusal(result: Exclude<AcceptResult, { kind: "joined" }>): { message: string; status: number } {
  switch (result.kind) {
    case "gone":
      return { message: `members:join.gone.${result.state}.title`, status: GONE_STATUS[result.state] };
    case "account-exists":
      return { message: "members:errors.accountExists", status: 409 };
    case "other-account":
      return { message: "members:errors.otherAccount", status: 403 };
    case "has-membership":
      return { message: "members:errors.hasMembership", status: 409 };
  }
}

/** Rate limit and honeypot, before either form is acted on; a refusal keeps the form's input. */
async function refuseAbuse(formData: FormData, context: ActionFunctionArgs["context"], reply: (formErrors: string[]) => SubmissionResult<string[]>) {
  const limited = await context.runtime.rateLimits.consume("publicFormIp", context.clientIp || "unknown");
  if (!limited.ok) return data({ reply: reply(["members:errors.rateLimited"]) }, { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } });
  if (isHoneypotFilled(formData)) return data({ reply: reply(["members:errors.badRequest"]) }, { status: 400 });
  return null;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const { db } = context.runtime;
  // A dead link is answered as the page answers it, before any form is read or any limit counted.
  const found = await describeInvitation({ db, token, actor: null });
  if (found.state !== "valid") throw new Response(found.state === "not-found" ? "Not Found" : "Gone", { status: GONE_STATUS[found.state] });
  const formData = await request.formData();

  if (formData.get("intent") === "accept") {
    const submission = parseWithZod(formData, { schema: acceptSchema });
    const abuse = await refuseAbuse(formData, context, (formErrors) => submission.reply({ formErrors }));
    if (abuse) return abuse;
    const actor = await requireActor(request, context);
    const result = await acceptAsMember({ db, token, actor, request: requestInfo(request, context) });
    if (result.kind === "joined") return joined(request, context, result);
    const { message, status } = refusal(result);
    return data({ reply: submission.reply({ formErrors: [message] }) }, { status });
  }

  const submission = parseWithZod(formData, { schema: newcomerSchema });
  const abuse = await refuseAbuse(formData, context, (formErrors) => submission.reply({ formErrors, hideFields: ["password"] }));
  if (abuse) return abuse;
  if (submission.status !== "success") return data({ reply: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const result = await acceptAsNewcomer({ db, token, displayName: submission.value.displayName, password: submission.value.password, request: requestInfo(request, context) });
  if (result.kind === "joined") return joined(request, context, result);
  const { message, status } = refusal(result);
  return data({ reply: submission.reply({ formErrors: [message], hideFields: ["password"] }) }, { status });
}

const LINK = "font-medium text-brand-700 underline underline-offset-4";

export default function InvitationPage() {
  const { token, view } = useLoaderData<typeof loader>();
  const { t } = useTranslation("members");
  if (view.state !== "valid") {
    return (
      <FormPage title={t(`join.gone.${view.state}.title`)}>
        <p className="text-stone-700">{t(`join.gone.${view.state}.body`)}</p>
        <p className="mt-4">
          <Link to="/" className={LINK}>
            {t("join.home")}
          </Link>
        </p>
      </FormPage>
    );
  }
  const here = `/invitations/${token}`;
  const intro = t("join.intro", { organisation: view.organisationName, role: t(`roles.${view.role}`), expires: view.expires });
  return (
    <FormPage title={t("join.title", { organisation: view.organisationName })} intro={<p>{intro}</p>}>
      {view.viewer.kind === "newcomer" ? (
        <NewcomerForm email={view.email} />
      ) : view.viewer.kind === "must-sign-in" ? (
        <div className="space-y-4">
          <p className="text-stone-700">{t("join.mustSignIn", { email: view.email })}</p>
          <Link to={`/sign-in?redirectTo=${encodeURIComponent(here)}`} className={LINK}>
            {t("join.signIn")}
          </Link>
        </div>
      ) : view.viewer.kind === "can-accept" ? (
        <AcceptForm email={view.email} />
      ) : view.viewer.kind === "has-membership" ? (
        <p className="text-stone-700">{t("join.hasMembership", { organisation: view.viewer.organisationName })}</p>
      ) : (
        <div className="space-y-4">
          <p className="text-stone-700">{t("join.otherAccount", { signedInAs: view.viewer.signedInAs, email: view.email })}</p>
          <Form method="post" action="/sign-out">
            <SubmitButton variant="secondary">{t("join.signOut")}</SubmitButton>
          </Form>
        </div>
      )}
    </FormPage>
  );
}

function NewcomerForm({ email }: { email: string }) {
  const { t } = useTranslation("members");
  const lastResult = useActionData<typeof action>()?.reply;
  const [form, fields] = useServerForm<z.input<typeof newcomerSchema>>({id: "join", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Honeypot />
      <input type="hidden" name="intent" value="create-account" />
      <p className="text-stone-700">{t("join.newcomer", { email })}</p>
      <TextField field={fields.displayName} label={t("join.displayName")} hint={t("join.displayNameHint")} autoComplete="name" />
      <TextField field={fields.password} label={t("join.password")} hint={t("join.passwordHint")} type="password" autoComplete="new-password" />
      <SubmitButton>{t("join.create")}</SubmitButton>
    </Form>
  );
}

function AcceptForm({ email }: { email: string }) {
  const { t } = useTranslation("members");
  const lastResult = useActionData<typeof action>()?.reply;
  const [form] = useServerForm({ id: "accept", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <p className="text-stone-700">{t("join.canAccept", { email })}</p>
      <SubmitButton name="intent" value="accept">
        {t("join.accept")}
      </SubmitButton>
    </Form>
  );
}
