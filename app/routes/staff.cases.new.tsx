// /staff/cases/new — a caseworker or union admin registers a household (建档立卡) in a county of
// their region. With ?application=<id> the form starts from an online application (a logged
// reveal) and accepting it happens in the same transaction as the registration.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadApplicationPrefill } from "../domain/applications/application-prefill.server";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { staffRegion } from "../domain/auth/permissions";
import { countyChoicesIn } from "../domain/cases/case-counties.server";
import { CASE_TIERS, HARDSHIP_CAUSES, SEXES } from "../domain/cases/case-vocabulary";
import type { HouseholdInput } from "../domain/cases/household-form";
import { factsFromResidentId, householdSchema } from "../domain/cases/household-form";
import { registerCase } from "../domain/cases/register-case.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { ChoiceFieldset } from "../ui/choice-fieldset";
import { FormErrors, SubmitButton, TextField } from "../ui/form";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { SelectField } from "../ui/select-field";

export const handle = { i18n: ["staff", "cases"] };
export const clientLoader = withNamespaces("staff", "cases");

const WRITERS = ["admin", "caseworker"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, WRITERS);
  const { db, cipher } = context.runtime;
  const applicationId = new URL(request.url).searchParams.get("application");
  const [{ locale, t }, directory, prefill] = await Promise.all([
    getPageLocale(request),
    getRegionDirectory(db),
    applicationId ? loadApplicationPrefill({ db, cipher, actor, applicationId, ip: context.clientIp || null }) : null,
  ]);
  return {
    title: t("meta.suffix", { title: t("cases:register.title") }),
    counties: countyChoicesIn(directory, staffRegion(actor) ?? "", locale),
    applicationMissing: applicationId !== null && prefill === null,
    // The application's identity is shown in the form it fills, and nowhere else.
    prefill: prefill && applicationId ? { applicationId, name: prefill.name, idNumber: prefill.idNumber, phone: prefill.phone, regionCode: prefill.regionCode, ...factsFromResidentId(prefill.idNumber) } : null,
    whatHappened: prefill?.whatHappened ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

// A failed submission keeps what was typed; reading the application again would only log another reveal.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod === "POST" ? false : defaultShouldRevalidate);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, WRITERS);
  const submission = parseWithZod(await request.formData(), { schema: householdSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { db, cipher, rateLimits } = context.runtime;
  const result = await registerCase({ db, cipher, rateLimits, actor, household: submission.value, ip: context.clientIp || null });
  switch (result.kind) {
    case "rate-limited": {
      const { t } = await getPageLocale(request);
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return data(submission.reply({ formErrors: [t("cases:errors.idCheckRateLimited", { count: minutes })] }), { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
    }
    case "held": {
      // Which union holds the ID, and nothing more: the caseworker can then ask that union.
      const { t } = await getPageLocale(request);
      return data(submission.reply({ fieldErrors: { idNumber: [t("cases:errors.idHeld", { union: result.unionName })] } }), { status: 400 });
    }
    case "bad-county":
      return data(submission.reply({ fieldErrors: { regionCode: ["cases:errors.countyOutside"] } }), { status: 400 });
    case "registered":
      return redirect(`/staff/cases/${result.caseId}?saved=registered`);
  }
}

export default function RegisterHousehold() {
  const { counties, prefill, applicationMissing, whatHappened } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("cases");
  const [form, fields] = useForm<HouseholdInput>({
    id: "register-household",
    lastResult,
    defaultValue: prefill ?? undefined,
    constraint: getZodConstraint(householdSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: householdSchema }),
  });
  const onlyCounty = counties.length === 1 && counties[0]?.counties.length === 1 ? counties[0].counties[0] : undefined;
  const legend = "text-lg font-semibold text-stone-900";
  return (
    <section aria-labelledby="register-title" className="max-w-2xl">
      <Link to="/staff/cases" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("staff:case.back")}
      </Link>
      <h1 id="register-title" className="mt-3 text-2xl font-semibold">
        {t("register.title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("register.intro")}</p>
      {applicationMissing ? (
        <p role="alert" className="mt-4 rounded-md border border-brand-700 bg-brand-50 p-3 text-sm">
          {t("register.applicationMissing")}
        </p>
      ) : null}
      {whatHappened ? (
        <div className="mt-4 rounded-md border border-stone-300 bg-stone-50 p-3 text-sm">
          <p className="font-medium">{t("register.fromApplication")}</p>
          <p className="mt-1 whitespace-pre-line">{whatHappened}</p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-8 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <FormErrors id={form.errorId} errors={form.errors} />
        {prefill ? <input type="hidden" name={fields.applicationId.name} value={prefill.applicationId} /> : null}
        <fieldset className="space-y-4">
          <legend className={legend}>{t("register.identityLegend")}</legend>
          <p className="text-sm text-stone-600">{t("register.identityHint")}</p>
          <TextField field={fields.name} label={t("fields.name")} autoComplete="off" />
          <TextField field={fields.idNumber} label={t("fields.idNumber")} hint={t("fields.idNumberHint")} autoComplete="off" />
          <TextField field={fields.phone} label={t("fields.phone")} hint={t("fields.phoneHint")} type="tel" inputMode="tel" autoComplete="off" />
          <TextField field={fields.address} label={t("fields.address")} autoComplete="off" />
          <TextField field={fields.birthYear} label={t("fields.birthYear")} hint={t("fields.birthYearHint")} inputMode="numeric" />
          <ChoiceFieldset field={fields.sex} legend={t("fields.sex")} type="radio" options={SEXES.map((value) => ({ value, label: t(`sex.${value}`) }))} />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className={legend}>{t("register.householdLegend")}</legend>
          <SelectField field={fields.regionCode} label={t("fields.county")} hint={t("fields.countyHint")}>
            {onlyCounty ? null : <option value="">{t("fields.countyPlaceholder")}</option>}
            {counties.map((group) =>
              group.label ? (
                <optgroup key={group.label} label={group.label}>
                  {group.counties.map((county) => (
                    <option key={county.code} value={county.code}>
                      {county.name}
                    </option>
                  ))}
                </optgroup>
              ) : (
                group.counties.map((county) => (
                  <option key={county.code} value={county.code}>
                    {county.name}
                  </option>
                ))
              ),
            )}
          </SelectField>
          <TextField field={fields.householdSize} label={t("fields.householdSize")} inputMode="numeric" />
          <TextField field={fields.monthlyIncomePerHead} label={t("fields.income")} hint={t("fields.incomeHint")} />
          <ChoiceFieldset field={fields.causes} legend={t("fields.causes")} hint={t("fields.causesHint")} type="checkbox" options={HARDSHIP_CAUSES.map((value) => ({ value, label: t(`staff:cause.${value}`) }))} />
          <ChoiceFieldset field={fields.tier} legend={t("fields.tier")} type="radio" options={CASE_TIERS.map((value) => ({ value, label: t(`staff:tier.${value}`) }))} />
        </fieldset>
        <SubmitButton>{t("register.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
