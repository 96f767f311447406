// The need editor's form and its live preview: the fields a caseworker writes, beside the
// public card exactly as donors will see it (NeedCard over the projection, need-preview.ts). With
// JavaScript the card follows the typing; without, a "preview" button sends the form back to be
// shown with its card. A PII guard finding comes back marked in the text, with the override.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PiiCheckField, PiiSpan } from "../domain/cases/pii-check";
import { NEED_CATEGORIES } from "../domain/needs/need-category";
import type { NeedCategory } from "../domain/needs/need-category";
import type { NeedFormIntent } from "../domain/needs/need-form";
import { NEED_SKILLS_MAX, NEED_STORY_MAX, NEED_TITLE_MAX, OVERRIDE_REASON_LENGTH, needFormSchema } from "../domain/needs/need-form";
import { draftContent, withContent } from "../domain/needs/need-preview";
import type { PublicNeed } from "../domain/needs/public-need";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "./form";
import { formatAmountText } from "./format-amount-text";
import { useLabels, useLocale } from "./labels";
import { NeedCard } from "./need-card";
import { PiiHighlight } from "./pii-highlight";
import { SelectField } from "./select-field";
import { useHydrated } from "./use-hydrated";

/** A publication (or live edit) the PII guard stopped: what was checked and where it found what. */
export interface BlockedText {
  intent: Exclude<NeedFormIntent, "preview">;
  spans: PiiSpan[];
  texts: Record<PiiCheckField, string>;
}

export interface NeedEditorValues {
  category: NeedCategory;
  title: string;
  story: string;
  skills: string;
  targetAmount: string;
  /** Shown only once the PII guard has found something. */
  overrideReason?: string;
}

interface NeedEditorProps {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue: NeedEditorValues;
  /** The card of this case (county, age band, urgency, month) from the server's projection. */
  base: PublicNeed;
  blocked: BlockedText | null;
  /** The need is published: a save goes live at once. */
  live: boolean;
  /** Whether the publish button is offered (drafts and expired needs of a publishable case). */
  canPublish: boolean;
}

export function NeedEditor({ lastResult, defaultValue, base, blocked, live, canPublish }: NeedEditorProps) {
  const { t } = useTranslation("needEditor");
  const labels = useLabels();
  const locale = useLocale();
  const hydrated = useHydrated();
  const [form, fields] = useForm({
    id: "need-editor",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(needFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: needFormSchema }),
  });
  const preview = withContent(base, draftContent(form.value, base.category));
  const spansIn = (field: PiiCheckField) => blocked?.spans.filter((s) => s.field === field) ?? [];
  const marked = (field: PiiCheckField) =>
    blocked ? <PiiHighlight id={`${field}-pii`} label={t("pii.foundIn", { field: t(`fields.${field}`) })} text={blocked.texts[field]} spans={spansIn(field)} /> : null;

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(16rem,22rem)]">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField field={fields.category} label={t("fields.category")}>
          {NEED_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {labels.category(category)}
            </option>
          ))}
        </SelectField>
        <TextField field={fields.title} label={t("fields.title")} hint={t("hints.title", { max: NEED_TITLE_MAX })} />
        {marked("title")}
        <TextAreaField field={fields.story} label={t("fields.story")} hint={t("hints.story", { max: NEED_STORY_MAX })} rows={8} />
        {marked("story")}
        <TextField field={fields.skills} label={t("fields.skills")} hint={t("hints.skills", { max: NEED_SKILLS_MAX })} />
        {marked("skills")}
        <TextField field={fields.targetAmount} label={t("fields.targetAmount")} hint={t("hints.targetAmount")} />
        {blocked || fields.overrideReason.errors?.length ? (
          <fieldset className="space-y-2 rounded-md border border-stone-300 p-3">
            <legend className="px-1 font-medium">{t("override.legend")}</legend>
            <p className="text-sm text-stone-700">{t("override.intro")}</p>
            <TextAreaField field={fields.overrideReason} label={t("fields.overrideReason")} hint={t("hints.overrideReason", { min: OVERRIDE_REASON_LENGTH.min })} rows={3} />
            {marked("overrideReason")}
            <SubmitButton name="intent" value={blocked?.intent ?? "publish"} variant="danger">
              {t(blocked?.intent === "save" ? "override.saveAnyway" : "override.publishAnyway")}
            </SubmitButton>
          </fieldset>
        ) : null}
        <div className="flex flex-wrap gap-3 pt-2">
          {/* First, so Enter in a field saves rather than publishes. */}
          <SubmitButton name="intent" value="save" variant={canPublish ? "secondary" : "primary"}>
            {t(live ? "actions.saveLive" : "actions.saveDraft")}
          </SubmitButton>
          {canPublish ? (
            <SubmitButton name="intent" value="publish">
              {t("actions.publish")}
            </SubmitButton>
          ) : null}
          {hydrated ? null : (
            <SubmitButton name="intent" value="preview" variant="secondary">
              {t("actions.preview")}
            </SubmitButton>
          )}
        </div>
        {live ? <p className="text-sm text-stone-600">{t("hints.live")}</p> : null}
      </Form>
      <section aria-labelledby="preview-title" className="lg:sticky lg:top-4 lg:self-start">
        <h2 id="preview-title" className="text-lg font-semibold">
          {t("preview.title")}
        </h2>
        <p className="mb-3 text-sm text-stone-600">{t(hydrated ? "preview.intro" : "preview.introNoScript")}</p>
        <NeedCard need={preview} amountLabel={formatAmountText(preview.targetAmount, locale)} headingLevel="h3" />
      </section>
    </div>
  );
}
