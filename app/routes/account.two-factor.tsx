// /account/two-factor — set up an authenticator app (QR code or the secret typed in, then a code
// to prove it works) or, when the role allows going without, turn it off with a current code.
// Accounts that must have a second factor are sent here (?required=1) before anything else.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, requireActor } from "../domain/auth/guards.server";
import { requestInfo } from "../domain/auth/request-info.server";
import { startSessionHeaders } from "../domain/auth/session.server";
import { disableTotp, enableTotp, loadTwoFactor } from "../domain/auth/two-factor.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, FormPage, SubmitButton, TextField } from "../ui/form";
import { formatDateTime } from "../ui/format-time";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["account"] };
export const clientLoader = withNamespaces("account");

const schema = z.object({
  code: z
    .string("account:errors.codeInvalid")
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "account:errors.codeInvalid")),
});

/** "JBSWY3DP…" in groups of four, easier to copy by hand; authenticator apps ignore the spaces. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const { runtime } = context;
  const { locale, t } = await getPageLocale(request);
  const state = await loadTwoFactor({ db: runtime.db, cipher: runtime.cipher, actor });
  return {
    title: t("meta.suffix", { title: t("account:twoFactor.title") }),
    required: new URL(request.url).searchParams.get("required") === "1" && state.kind === "enrolling",
    state:
      state.kind === "enabled"
        ? { kind: state.kind, enabledAt: formatDateTime(state.enabledAt, locale), canDisable: state.canDisable }
        : { kind: state.kind, secret: groupSecret(state.secret), qrDataUrl: state.qrDataUrl },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent !== "enable" && intent !== "disable") throw new Response("Unknown action.", { status: 400, statusText: "Bad Request" });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { runtime } = context;
  const options = { db: runtime.db, cipher: runtime.cipher, rateLimits: runtime.rateLimits, actor, code: submission.value.code, request: requestInfo(request, context) };
  const result = intent === "enable" ? await enableTotp(options) : await disableTotp(options);
  switch (result.kind) {
    case "rate-limited":
      return data(submission.reply({ formErrors: ["account:errors.rateLimited"], hideFields: ["code"] }), { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
    case "wrong-code":
      return data(submission.reply({ fieldErrors: { code: ["account:errors.wrongCode"] }, hideFields: ["code"] }), { status: 400 });
    case "required":
      throw forbidden("Your role requires a second factor.");
    case "already-enabled":
    case "not-enabled":
      // Another tab got there first: show the page as it now is.
      return redirect("/account/two-factor");
    case "enabled":
      return redirect("/account?notice=totpEnabled", { headers: await startSessionHeaders(request, runtime.config.NODE_ENV, result.session) });
    case "disabled":
      return redirect("/account?notice=totpDisabled");
  }
}

export default function TwoFactorSettingsPage() {
  const { required, state } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("account");
  const [form, fields] = useForm({
    id: "totp-form",
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const codeForm = (intent: "enable" | "disable") => (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.code} label={t("fields.code")} autoComplete="one-time-code" inputMode="numeric" />
      <SubmitButton name="intent" value={intent} variant={intent === "disable" ? "danger" : "primary"}>
        {t(intent === "enable" ? "twoFactor.enable" : "twoFactor.disable")}
      </SubmitButton>
    </Form>
  );
  return (
    <FormPage title={t("twoFactor.title")} intro={t(state.kind === "enabled" ? "twoFactor.introEnabled" : "twoFactor.intro")}>
      {required ? (
        <p role="status" className="mb-4 rounded-md border border-brand-700 bg-brand-50 p-3 text-sm font-medium text-brand-800">
          {t("twoFactor.required")}
        </p>
      ) : null}
      {state.kind === "enrolling" ? (
        <div className="space-y-5">
          <ol className="list-decimal space-y-4 pl-5 text-stone-800">
            <li>
              <p>{t("twoFactor.scan")}</p>
              <img src={state.qrDataUrl} alt={t("twoFactor.qrAlt")} width={200} height={200} className="mt-2 h-48 w-48 border border-stone-200 bg-white" />
            </li>
            <li>
              <p>{t("twoFactor.manual")}</p>
              <p className="mt-1">
                <code className="break-all rounded bg-stone-100 px-2 py-1 font-mono text-stone-900">{state.secret}</code>
              </p>
            </li>
            <li>{t("twoFactor.enterCode")}</li>
          </ol>
          {codeForm("enable")}
        </div>
      ) : (
        <div className="space-y-4">
          <p className="font-medium text-stone-900">{t("twoFactor.enabledSince", { date: state.enabledAt })}</p>
          {state.canDisable ? (
            <>
              <p className="text-sm text-stone-700">{t("twoFactor.disableHint")}</p>
              {codeForm("disable")}
            </>
          ) : (
            <p className="text-sm text-stone-700">{t("twoFactor.cannotDisable")}</p>
          )}
        </div>
      )}
      <p className="mt-6 text-sm">
        <Link to="/account" className="font-medium text-brand-700 underline underline-offset-4">
          {t("twoFactor.backToAccount")}
        </Link>
      </p>
    </FormPage>
  );
}
