// Where a household is in its lifecycle and the one step it can take next (registered → verified →
// assisting → exited, and back to assisting on relapse). Exiting asks for the next follow-up date:
// an exited household stays monitored. The form names the status it was drawn for, so a stale page
// gets a 409 instead of moving a case the caseworker did not see move.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { statusSchema } from "../domain/cases/case-record-forms";
import type { CaseStatus } from "../domain/cases/case-vocabulary";
import { FormErrors, SubmitButton, TextField } from "./form";

export function CaseStatusSection({
  status,
  next,
  canWrite,
  lastResult,
}: {
  status: CaseStatus;
  next: readonly CaseStatus[];
  canWrite: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation("cases");
  // Every status has one next step (case-status.ts), so the section offers one button.
  const to = next[0];
  const [form, fields] = useForm({
    id: "status",
    lastResult,
    constraint: getZodConstraint(statusSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statusSchema }),
  });
  return (
    <section aria-labelledby="status-title" className="mt-8">
      <h2 id="status-title" className="text-xl font-semibold">
        {t("status.title")}
      </h2>
      <p className="mt-1">{t("status.current", { status: t(`staff:caseStatus.${status}`) })}</p>
      {canWrite && to ? (
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="from" value={status} />
          <input type="hidden" name="to" value={to} />
          {to === "exited" ? (
            <div className="max-w-xs">
              <TextField field={fields.followUpOn} label={t("status.followUpOn")} hint={t("status.followUpHint")} type="date" />
            </div>
          ) : null}
          <SubmitButton variant={to === "exited" ? "secondary" : "primary"}>{t(`status.moveTo.${status === "exited" ? "relapse" : to}`)}</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

