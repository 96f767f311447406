// /apply — a worker, or someone on their behalf, asks the union for help without an account
// (Liuzhou's one-click application). A short form in plain words that works on a phone and
// without JavaScript: the county is picked in two steps like /register's region (a GET form reloads
// the page with ?province=, then a county of that province). Honeypot and a rate limit per address.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { applySchema } from "../domain/applications/application-schema";
import { submitApplication } from "../domain/applications/submit-application.server";
import { newPublicReference } from "../domain/needs/public-reference.server";
import { provinceChoices, regionChoicesIn } from "../domain/regions/region-choices.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { ErrorList, FormErrors, FormPage, Honeypot, SubmitButton, TextAreaField, TextField, isHoneypotFilled } from "../ui/form";
import { ProvincePicker, ProvincePickerForm } from "../ui/province-picker";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { SelectField } from "../ui/select-field";
import { receiptCookieHeader } from "./apply-receipt.server";
import { useServerForm } from "../ui/server-form";

export const handle = { i18n: ["applications"] };
export const clientLoader = withNamespaces("applications");

const PICKER_FORM = "county-picker";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [{ locale, t }, directory] = await Promise.all([getPageLocale(request), getRegionDirectory(context.runtime.db)]);
  return {
    title: t("meta.suffix", { title: t("applications:apply.title") }),
    provinces: provinceChoices(directory, locale),
    regions: regionChoicesIn(directory, url.searchParams.get("province"), locale),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { runtime } = context;
  // A bot that filled the hidden field sees the same receipt, with a number that was never stored.
  if (isHoneypotFilled(formData)) {
    return redirect("/apply/submitted", { headers: { "Set-Cookie": await receiptCookieHeader(request, runtime.config.NODE_ENV, newPublicReference("A")) } });
  }
  const submission = parseWithZod(formData, { schema: applySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await submitApplication({ db: runtime.db, cipher: runtime.cipher, rateLimits: runtime.rateLimits, application: submission.value, ip: context.clientIp || null });
  switch (result.kind) {
    case "rate-limited":
      return data(submission.reply({ formErrors: ["applications:errors.rateLimited"] }), { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
    case "invalid":
      return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
    case "submitted":
      return redirect("/apply/submitted", { headers: { "Set-Cookie": await receiptCookieHeader(request, runtime.config.NODE_ENV, result.number) } });
  }
}

export default function ApplyPage() {
  const { provinces, regions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("applications");
  const [form, fields] = useServerForm<z.input<typeof applySchema>>({lastResult });
  const consentTextId = `${fields.consent.id}-text`;
  const consentProps = getInputProps(fields.consent, { type: "checkbox", value: "on", ariaDescribedBy: consentTextId });
  const legend = "text-lg font-semibold text-stone-900";
  return (
    <FormPage title={t("apply.title")} intro={<p>{t("apply.intro")}</p>}>
      {/* The province picker's own form: its controls sit inside the application form and point here. */}
      <ProvincePickerForm id={PICKER_FORM} />
      <Form method="post" action={regions ? `/apply?province=${regions.province.code}` : "/apply"} {...getFormProps(form)} className="space-y-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Honeypot />
        <fieldset className="space-y-4">
          <legend className={legend}>{t("apply.whoLegend")}</legend>
          <p className="text-sm text-stone-600">{t("apply.whoIntro")}</p>
          <TextField field={fields.name} label={t("fields.name")} hint={t("fields.nameHint")} autoComplete="name" />
          <TextField field={fields.idNumber} label={t("fields.idNumber")} hint={t("fields.idNumberHint")} autoComplete="off" />
          <TextField field={fields.phone} label={t("fields.phone")} hint={t("fields.phoneHint")} type="tel" inputMode="tel" autoComplete="tel" />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className={legend}>{t("apply.whereLegend")}</legend>
          <ProvincePicker formId={PICKER_FORM} provinces={provinces} selected={regions?.province.code ?? null} labels={{ province: t("fields.province"), placeholder: t("fields.provincePlaceholder"), show: t("fields.showCounties") }} />
          <SelectField field={fields.county} label={t("fields.county")} hint={regions ? t("fields.countyHint") : t("fields.countyNeedsProvince")}>
            <option value="">{t("fields.countyPlaceholder")}</option>
            {regions?.prefectures.map((prefecture) => (
              <optgroup key={prefecture.code} label={prefecture.name}>
                {prefecture.counties.map((county) => (
                  <option key={county.code} value={county.code}>
                    {county.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </fieldset>
        <fieldset className="space-y-4">
          <legend className={legend}>{t("apply.helpLegend")}</legend>
          <TextAreaField field={fields.whatHappened} label={t("fields.whatHappened")} hint={t("fields.whatHappenedHint")} rows={5} />
          <TextAreaField field={fields.helpNeeded} label={t("fields.helpNeeded")} hint={t("fields.helpNeededHint")} rows={3} />
        </fieldset>
        <div>
          <div className="flex items-start gap-3">
            <input
              {...consentProps}
              key={consentProps.key}
              className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
            />
            <label htmlFor={fields.consent.id} className="text-stone-800">
              <span className="font-medium">{t("fields.consent")}</span>
              <span id={consentTextId} className="mt-1 block text-sm text-stone-600">
                {t("fields.consentText")}
              </span>
            </label>
          </div>
          <ErrorList id={fields.consent.errorId} errors={fields.consent.errors} />
        </div>
        <SubmitButton>{t("apply.submit")}</SubmitButton>
      </Form>
      <p className="mt-6 text-sm">
        {t("apply.alreadyApplied")}{" "}
        <Link to="/apply/status" className="font-medium text-brand-700 underline underline-offset-4">
          {t("apply.checkStatus")}
        </Link>
      </p>
    </FormPage>
  );
}
