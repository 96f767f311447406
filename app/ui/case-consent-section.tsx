// The household's consent on a case page: what is on record (given when, covering what, witnessed
// by whom; withdrawn when), a form to record a new one, and the withdrawal, which says plainly that
// it takes every need of the household off the site at once.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { consentSchema } from "../domain/cases/case-record-forms";
import { CONSENT_SCOPES } from "../domain/cases/case-records-vocabulary";
import { ChoiceFieldset } from "./choice-fieldset";
import { FormErrors, SubmitButton, TextField } from "./form";
import { formatDay } from "./format";
import { formatDateTime } from "./format-time";
import { useLocale } from "./labels";

export interface ConsentRow {
  id: string;
  givenOn: string;
  covers: string[];
  witnessedBy: string;
  recordedBy: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

export function CaseConsentSection({
  consent,
  consents,
  openNeeds,
  canWrite,
  lastResult,
}: {
  /** Whether a live consent covers publishing (cases.consent). */
  consent: boolean;
  consents: ConsentRow[];
  /** How many needs a withdrawal would take back. */
  openNeeds: number;
  canWrite: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("cases");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "consent",
    lastResult,
    constraint: getZodConstraint(consentSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consentSchema }),
  });
  const hasLive = consent || consents.some((c) => c.withdrawnAt === null);
  return (
    <section aria-labelledby="consent-title" className="mt-8">
      <h2 id="consent-title" className="text-xl font-semibold">
        {t("consent.title")}
      </h2>
      <p className="mt-1">{consent ? t("consent.publishable") : t("consent.notPublishable")}</p>
      {consents.length ? (
        <ul className="mt-3 space-y-2">
          {consents.map((c) => (
            <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
              <p className="font-medium">
                {t("consent.given", { date: formatDay(c.givenOn, locale), covers: c.covers.map((scope) => t(`consentScope.${scope}`)).join("、") })}
              </p>
              <p className="text-stone-600">{t("consent.witnessed", { witness: c.witnessedBy, recorder: c.recordedBy ?? t("consent.someone") })}</p>
              {c.withdrawnAt ? <p className="font-medium text-brand-700">{t("consent.withdrawnOn", { when: formatDateTime(c.withdrawnAt, locale), by: c.withdrawnBy ?? t("consent.someone") })}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? (
        <>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4 rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">{t("consent.recordTitle")}</h3>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="consent-record" />
            <div className="max-w-xs">
              <TextField field={fields.givenOn} label={t("consent.givenOn")} type="date" />
            </div>
            <ChoiceFieldset field={fields.covers} legend={t("consent.covers")} hint={t("consent.coversHint")} type="checkbox" options={CONSENT_SCOPES.map((value) => ({ value, label: t(`consentScope.${value}`) }))} />
            <TextField field={fields.witnessedBy} label={t("consent.witnessedBy")} hint={t("consent.witnessedByHint")} />
            <SubmitButton>{t("consent.record")}</SubmitButton>
          </Form>
          {hasLive ? (
            <Form method="post" className="mt-4 space-y-2 rounded-lg border border-brand-700 bg-white p-4">
              <h3 className="font-semibold">{t("consent.withdrawTitle")}</h3>
              <p className="text-sm text-stone-700">{t("consent.withdrawHint", { count: openNeeds })}</p>
              <input type="hidden" name="intent" value="consent-withdraw" />
              <SubmitButton variant="danger">{t("consent.withdraw")}</SubmitButton>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
