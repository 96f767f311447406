// The head of household's identity on a case page: hidden ("●●●") until a member of staff presses
// "show" with a reason. The values arrive in the answer to that one request (every reveal is in the
// audit log) and are gone again on the next page load.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { revealSchema } from "../domain/cases/case-record-forms";
import { REVEAL_REASONS } from "../domain/cases/case-records-vocabulary";
import { FormErrors, SubmitButton } from "./form";
import { SelectField } from "./select-field";

export type RevealedIdentity = Partial<Record<"name" | "idNumber" | "phone" | "address", string>>;

const FIELDS = ["name", "idNumber", "phone", "address"] as const;

export function CaseIdentitySection({ identity, lastResult }: { identity: RevealedIdentity | null; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("cases");
  const [form, fields] = useForm({
    id: "reveal",
    lastResult,
    constraint: getZodConstraint(revealSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: revealSchema }),
  });
  return (
    <section aria-labelledby="identity-title" className="mt-8">
      <h2 id="identity-title" className="text-xl font-semibold">
        {t("identity.title")}
      </h2>
      <dl className="mt-3 rounded-lg border border-stone-200 bg-white px-4">
        {FIELDS.map((field) => (
          <div key={field} className="flex justify-between gap-4 border-b border-stone-100 py-2 last:border-b-0">
            <dt className="text-stone-600">{t(`fields.${field}`)}</dt>
            <dd className="break-all text-right font-medium">
              {identity?.[field] ?? (
                <>
                  <span aria-hidden="true">●●●</span>
                  <span className="sr-only">{t("identity.hidden")}</span>
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {identity ? (
        <p role="status" className="mt-2 text-sm text-stone-700">
          {t("identity.shownOnce")}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-end gap-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="reveal" />
          <div className="min-w-[14rem] flex-1">
            <SelectField field={fields.reason} label={t("identity.reason")} hint={t("identity.reasonHint")}>
              <option value="">{t("identity.reasonPlaceholder")}</option>
              {REVEAL_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {t(`revealReason.${reason}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <SubmitButton variant="secondary">{t("identity.show")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
