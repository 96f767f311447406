// 走访 / 回访 on a case page: the log of visits (latest first) with their notes and the follow-up
// date each set, and the form to log another one.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { visitSchema } from "../domain/cases/case-record-forms";
import { VISIT_KINDS } from "../domain/cases/case-records-vocabulary";
import { ChoiceFieldset } from "./choice-fieldset";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "./form";
import { formatDay } from "./format";
import { useLocale } from "./labels";

export interface VisitRow {
  id: string;
  kind: string;
  visitedOn: string;
  notes: string;
  nextFollowUpOn: string | null;
  recordedBy: string | null;
}

export function CaseVisitsSection({ visits, canWrite, lastResult }: { visits: VisitRow[]; canWrite: boolean; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("cases");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "visit",
    lastResult,
    defaultValue: { kind: "visit" },
    constraint: getZodConstraint(visitSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: visitSchema }),
  });
  return (
    <section aria-labelledby="visits-title" className="mt-8">
      <h2 id="visits-title" className="text-xl font-semibold">
        {t("visits.title")}
      </h2>
      {visits.length === 0 ? (
        <p className="mt-2 text-stone-700">{t("visits.empty")}</p>
      ) : (
        <ol className="mt-3 space-y-2">
          {visits.map((visit) => (
            <li key={visit.id} className="rounded-lg border border-stone-200 bg-white p-3">
              <p className="font-medium">
                {t(`visitKind.${visit.kind}`)} · {formatDay(visit.visitedOn, locale)}
                {visit.recordedBy ? <span className="font-normal text-stone-600"> · {visit.recordedBy}</span> : null}
              </p>
              <p className="mt-1 whitespace-pre-line text-stone-800">{visit.notes}</p>
              {visit.nextFollowUpOn ? <p className="mt-1 text-sm text-stone-600">{t("visits.nextFollowUp", { date: formatDay(visit.nextFollowUpOn, locale) })}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {canWrite ? (
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4 rounded-lg border border-stone-200 bg-white p-4">
          <h3 className="font-semibold">{t("visits.logTitle")}</h3>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="visit" />
          <ChoiceFieldset field={fields.kind} legend={t("visits.kind")} type="radio" options={VISIT_KINDS.map((value) => ({ value, label: t(`visitKind.${value}`) }))} />
          <div className="max-w-xs">
            <TextField field={fields.visitedOn} label={t("visits.visitedOn")} type="date" />
          </div>
          <TextAreaField field={fields.notes} label={t("visits.notes")} hint={t("visits.notesHint")} rows={5} />
          <div className="max-w-xs">
            <TextField field={fields.nextFollowUpOn} label={t("visits.nextFollowUpOn")} hint={t("visits.nextFollowUpHint")} type="date" />
          </div>
          <SubmitButton>{t("visits.log")}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
