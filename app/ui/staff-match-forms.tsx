// The caseworker's small forms on a match or a suggestion: propose (with an optional message),
// approve, decline with a reason, withdraw with a note, mark the need fulfilled. Each is a plain
// POST form that works without JavaScript; a form's own errors come back in `lastResult` and open
// it again. The free-text ones fold into a <details>, so a long list stays readable.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { declineSchema, proposeSchema, withdrawSchema } from "../domain/matching/staff-match-forms";
import { FormErrors, SubmitButton, TextAreaField } from "./form";

type Result = SubmissionResult<string[]> | undefined;

const formOptions = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;

const hasErrors = (result: Result) => Boolean(result?.error && Object.values(result.error).some((e) => e?.length));

/** Propose the page's need with `value` (an offer's ref on a need's page, a need's on an offer's). */
export function ProposeForm({ field, value, label, lastResult }: { field: "offerRef" | "needRef"; value: string; label: string; lastResult: Result }) {
  const { t } = useTranslation("matches");
  const [form, fields] = useForm({
    id: `propose-${value}`,
    lastResult,
    constraint: getZodConstraint(proposeSchema),
    ...formOptions,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposeSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={label} className="mt-3 space-y-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="propose" />
      <input type="hidden" name={field} value={value} />
      <details open={hasErrors(lastResult)}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("staff.suggestions.message")}</summary>
        <div className="mt-2">
          <TextAreaField field={fields.message} label={t("staff.suggestions.message")} hint={t("staff.suggestions.messageHint")} rows={3} />
        </div>
      </details>
      <SubmitButton>{t("staff.suggestions.propose")}</SubmitButton>
    </Form>
  );
}

/** A button-only form on a match: approve a request, or mark its need fulfilled. */
export function MatchButtonForm({ intent, matchRef, label, variant = "primary" }: { intent: "approve" | "fulfil-need"; matchRef: string; label: string; variant?: "primary" | "secondary" }) {
  return (
    <Form method="post" aria-label={label}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="matchRef" value={matchRef} />
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </Form>
  );
}

/** Decline a provider's request, with a reason the provider reads. */
export function DeclineForm({ matchRef, lastResult }: { matchRef: string; lastResult: Result }) {
  const { t } = useTranslation("matches");
  const [form, fields] = useForm({
    id: `decline-${matchRef}`,
    lastResult,
    constraint: getZodConstraint(declineSchema),
    ...formOptions,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }),
  });
  return (
    <NoteForm intent="decline" matchRef={matchRef} open={hasErrors(lastResult)} action={t("staff.requests.decline")} formProps={getFormProps(form)} errorId={form.errorId} errors={form.errors}>
      <TextAreaField field={fields.reason} label={t("staff.requests.reason")} rows={3} />
    </NoteForm>
  );
}

/** Withdraw a match, with a note the provider reads. */
export function WithdrawForm({ matchRef, lastResult }: { matchRef: string; lastResult: Result }) {
  const { t } = useTranslation("matches");
  const [form, fields] = useForm({
    id: `withdraw-${matchRef}`,
    lastResult,
    constraint: getZodConstraint(withdrawSchema),
    ...formOptions,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawSchema }),
  });
  return (
    <NoteForm intent="withdraw" matchRef={matchRef} open={hasErrors(lastResult)} action={t("staff.withdraw.action")} formProps={getFormProps(form)} errorId={form.errorId} errors={form.errors}>
      <TextAreaField field={fields.note} label={t("staff.withdraw.note")} rows={3} />
    </NoteForm>
  );
}

interface NoteFormProps {
  intent: string;
  matchRef: string;
  open: boolean;
  action: string;
  formProps: ReturnType<typeof getFormProps>;
  errorId: string;
  errors: string[] | undefined;
  children: ReactNode;
}

function NoteForm({ intent, matchRef, open, action, formProps, errorId, errors, children }: NoteFormProps) {
  return (
    <details open={open} className="rounded-md border border-stone-200 p-2">
      <summary className="cursor-pointer font-medium text-brand-700">{action}</summary>
      <Form method="post" {...formProps} aria-label={action} className="mt-2 space-y-2">
        <FormErrors id={errorId} errors={errors} />
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="matchRef" value={matchRef} />
        {children}
        <SubmitButton variant="danger">{action}</SubmitButton>
      </Form>
    </details>
  );
}
