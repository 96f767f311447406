// /register — an organisation registers itself and its first admin account; it stays
// pending until a union admin of its region verifies it. A public form: honeypot and a rate limit
// per address. The region is picked without JavaScript in two steps: a province (a GET form that
// reloads the page with ?province=), then a region of that province; with JavaScript the list
// follows the province at once and what was typed stays.
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getActor, getSession } from "../domain/auth/guards.server";
import { requestInfo } from "../domain/auth/request-info.server";
import { startSessionHeaders } from "../domain/auth/session.server";
import { registerOrganisation } from "../domain/organisations/register-organisation.server";
import { REGISTRABLE_KINDS } from "../domain/organisations/organisation-vocabulary";
import { registrationSchema } from "../domain/organisations/registration-schema";
import { provinceChoices, regionChoicesIn } from "../domain/regions/region-choices.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { ProvincePicker, ProvincePickerForm } from "../ui/province-picker";
import { FormErrors, FormPage, Honeypot, SubmitButton, TextAreaField, TextField, isHoneypotFilled } from "../ui/form";
import { useLabels } from "../ui/labels";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { SelectField } from "../ui/select-field";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["organisations"] };
export const clientLoader = withNamespaces("organisations");

const PICKER_FORM = "region-picker";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [{ locale, t }, directory, actor] = await Promise.all([getPageLocale(request), getRegionDirectory(context.runtime.db), getActor(request, context)]);
  return {
    title: t("meta.suffix", { title: t("organisations:register.title") }),
    // A filled honeypot lands here: thanked like everyone, though nothing was created.
    received: url.searchParams.get("received") === "1",
    signedInAs: actor?.email ?? null,
    provinces: provinceChoices(directory, locale),
    regions: regionChoicesIn(directory, url.searchParams.get("province"), locale),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (isHoneypotFilled(formData)) return redirect("/register?received=1");
  const submission = parseWithZod(formData, { schema: registrationSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { runtime } = context;
  const [{ locale }, session] = await Promise.all([getPageLocale(request), getSession(request, context)]);
  const result = await registerOrganisation({
    db: runtime.db,
    rateLimits: runtime.rateLimits,
    mail: { mailer: runtime.mailer, logger: runtime.logger, publicUrl: runtime.publicUrl, locale },
    registration: submission.value,
    request: requestInfo(request, context),
    previousSessionId: session?.id ?? null,
  });
  switch (result.kind) {
    case "rate-limited":
      return data(submission.reply({ formErrors: ["organisations:errors.rateLimited"], hideFields: ["password"] }), {
        status: 429,
        headers: { "Retry-After": String(result.retryAfterSeconds) },
      });
    case "invalid":
      return data(submission.reply({ fieldErrors: result.fieldErrors, hideFields: ["password"] }), { status: 400 });
    case "registered":
      return redirect("/organisation?registered=1", { headers: await startSessionHeaders(request, runtime.config.NODE_ENV, result.session) });
  }
}

export default function RegisterPage() {
  const { received, signedInAs, provinces, regions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("organisations");
  const labels = useLabels();
  const [form, fields] = useServerForm<z.input<typeof registrationSchema>>({lastResult });
  if (received) {
    return (
      <FormPage title={t("register.receivedTitle")}>
        <p role="status">{t("register.receivedBody")}</p>
      </FormPage>
    );
  }
  const legend = "text-lg font-semibold text-stone-900";
  return (
    <FormPage title={t("register.title")} intro={t("register.intro")}>
      {signedInAs ? <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t("register.signedInAs", { email: signedInAs })}</p> : null}
      {/* The province picker's own form: its controls sit inside the registration form and point here. */}
      <ProvincePickerForm id={PICKER_FORM} />
      <Form method="post" action={regions ? `/register?province=${regions.province.code}` : "/register"} {...getFormProps(form)} className="space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Honeypot />
        <fieldset className="space-y-4">
          <legend className={legend}>{t("register.regionLegend")}</legend>
          <ProvincePicker formId={PICKER_FORM} provinces={provinces} selected={regions?.province.code ?? null} labels={{ province: t("fields.province"), placeholder: t("fields.provincePlaceholder"), show: t("fields.showRegions") }} />
          <SelectField field={fields.region} label={t("fields.region")} hint={regions ? t("fields.regionHint") : t("fields.regionNeedsProvince")}>
            <option value="">{t("fields.regionPlaceholder")}</option>
            {regions ? (
              <>
                <option value={regions.province.code}>{t("fields.wholeRegion", { name: regions.province.name })}</option>
                {regions.prefectures.map((prefecture) => (
                  <optgroup key={prefecture.code} label={prefecture.name}>
                    <option value={prefecture.code}>{t("fields.wholeRegion", { name: prefecture.name })}</option>
                    {prefecture.counties.map((county) => (
                      <option key={county.code} value={county.code}>
                        {county.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </>
            ) : null}
          </SelectField>
        </fieldset>
        <fieldset className="space-y-4">
          <legend className={legend}>{t("register.organisationLegend")}</legend>
          <SelectField field={fields.kind} label={t("fields.kind")}>
            <option value="">{t("fields.kindPlaceholder")}</option>
            {REGISTRABLE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {labels.organisationKind(kind)}
              </option>
            ))}
          </SelectField>
          <TextField field={fields.name} label={t("fields.name")} autoComplete="organization" />
          <TextAreaField field={fields.description} label={t("fields.description")} hint={t("fields.descriptionHint")} />
          <TextField field={fields.website} label={t("fields.website")} type="url" autoComplete="url" />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className={legend}>{t("register.contactLegend")}</legend>
          <p className="text-sm text-stone-600">{t("register.contactIntro")}</p>
          <TextField field={fields.contactName} label={t("fields.contactName")} autoComplete="name" />
          <TextField field={fields.contactEmail} label={t("fields.contactEmail")} type="email" autoComplete="email" inputMode="email" />
          <TextField field={fields.contactPhone} label={t("fields.contactPhone")} type="tel" autoComplete="tel" inputMode="tel" hint={t("fields.contactPhoneHint")} />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className={legend}>{t("register.accountLegend")}</legend>
          <p className="text-sm text-stone-600">{t("register.accountIntro")}</p>
          <TextField field={fields.displayName} label={t("fields.displayName")} autoComplete="name" />
          <TextField field={fields.email} label={t("fields.email")} type="email" autoComplete="username" inputMode="email" />
          <TextField field={fields.password} label={t("fields.password")} type="password" autoComplete="new-password" hint={t("fields.passwordHint")} />
        </fieldset>
        <SubmitButton>{t("register.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        {t("register.haveAccount")}{" "}
        <Link to="/sign-in" className="font-medium text-brand-700 underline underline-offset-4">
          {t("register.signIn")}
        </Link>
      </p>
    </FormPage>
  );
}
