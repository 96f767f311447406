// The offer form of /organisation/offers/new and /organisation/offers/$ref: type and category,
// the public text, the regions covered, places, amount and dates, and the type's own details.
// Without JavaScript every detail field is shown (the server keeps the chosen type's); with it,
// only the chosen type's. Bad input comes back with what was typed and what is wrong.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NEED_CATEGORIES } from "../domain/needs/need-category";
import type { OfferDetailField, OfferFormFields } from "../domain/offers/offer-form";
import { OFFER_DETAIL_FIELDS, OFFER_SKILLS_MAX, OFFER_TITLE_MAX, PAY_PERIODS, detailFieldsOf, isMoneyDetail, offerFormSchema } from "../domain/offers/offer-form";
import { OFFER_TYPES } from "../domain/offers/offer-vocabulary";
import type { OfferType } from "../domain/offers/offer-vocabulary";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "./form";
import { useLabels } from "./labels";
import type { RegionCoverageData } from "./region-coverage-picker";
import { RegionCoveragePicker } from "./region-coverage-picker";
import { SelectField } from "./select-field";
import { useHydrated } from "./use-hydrated";

const LONG_DETAILS: readonly OfferDetailField[] = ["accommodations", "eligibility", "howToClaim", "items"];

const isOfferType = (value: unknown): value is OfferType => typeof value === "string" && OFFER_TYPES.some((type) => type === value);

export function OfferEditor({
  lastResult,
  defaultValue,
  regions,
  pickerFormId,
  buttons,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: OfferFormFields;
  regions: RegionCoverageData;
  pickerFormId: string;
  /** The submit buttons, first the one Enter presses: intent and label. */
  buttons: { intent: string; label: string }[];
}) {
  const { t } = useTranslation("offers");
  const labels = useLabels();
  const hydrated = useHydrated();
  const [form, fields] = useForm({
    id: "offer-editor",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(offerFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: offerFormSchema }),
  });
  const type = isOfferType(form.value?.offerType) ? form.value.offerType : isOfferType(defaultValue.offerType) ? defaultValue.offerType : "service";
  const shown = hydrated ? detailFieldsOf(type) : [...OFFER_DETAIL_FIELDS];
  const rawRegions = form.value?.regions;
  const selected = (Array.isArray(rawRegions) ? rawRegions : rawRegions ? [rawRegions] : []).filter((code): code is string => typeof code === "string");

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField field={fields.offerType} label={t("fields.offerType")}>
          {OFFER_TYPES.map((offerType) => (
            <option key={offerType} value={offerType}>
              {t(`type.${offerType}`)}
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.category} label={t("fields.category")}>
          {NEED_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {labels.category(category)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField field={fields.title} label={t("fields.title")} hint={t("hints.title", { max: OFFER_TITLE_MAX })} />
      <TextAreaField field={fields.description} label={t("fields.description")} rows={6} />
      <TextField field={fields.skills} label={t("fields.skills")} hint={t("hints.skills", { max: OFFER_SKILLS_MAX })} />
      <RegionCoveragePicker name={fields.regions.name} data={regions} selected={selected} pickerFormId={pickerFormId} errorId={fields.regions.errorId} errors={fields.regions.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField field={fields.capacity} label={t("fields.capacity")} type="number" inputMode="numeric" hint={t("hints.capacity")} />
        <TextField field={fields.amount} label={t("fields.amount")} inputMode="text" hint={t("hints.amount")} />
        <TextField field={fields.validFrom} label={t("fields.validFrom")} type="date" />
        <TextField field={fields.validUntil} label={t("fields.validUntil")} type="date" hint={t("hints.validity")} />
      </div>
      <fieldset className="space-y-4 rounded-md border border-stone-300 p-3">
        <legend className="px-1 font-medium text-stone-800">{t("hints.details", { type: t(`type.${type}`) })}</legend>
        {shown.map((name) => {
          const field = fields[name];
          const label = t(`fields.${name}`);
          if (name === "payPeriod")
            return (
              <SelectField key={name} field={fields.payPeriod} label={label}>
                <option value="">{t("payPeriod.none")}</option>
                {PAY_PERIODS.map((period) => (
                  <option key={period} value={period}>
                    {t(`payPeriod.${period}`)}
                  </option>
                ))}
              </SelectField>
            );
          if (LONG_DETAILS.includes(name)) return <TextAreaField key={name} field={fields[name]} label={label} rows={3} />;
          return <TextField key={name} field={field} label={label} hint={name === "learnerCost" ? t("hints.learnerCost") : undefined} inputMode={isMoneyDetail(name) ? "text" : undefined} />;
        })}
      </fieldset>
      <div className="flex flex-wrap gap-3 pt-2">
        {buttons.map((button, i) => (
          <SubmitButton key={button.intent} name="intent" value={button.intent} variant={i === 0 && buttons.length > 1 ? "secondary" : "primary"}>
            {button.label}
          </SubmitButton>
        ))}
      </div>
    </Form>
  );
}
