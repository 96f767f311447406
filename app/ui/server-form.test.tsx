// useServerForm stands in for Conform's useForm on forms the server alone validates: the page it
// renders must be the one Conform renders, before a submission and after a refusal (values kept,
// errors shown and tied to their fields, a hidden field left empty, form-level errors).
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderPage } from "../../tests/render";
import { FormErrors, TextAreaField, TextField } from "./form";
import { SelectField } from "./select-field";
import { useServerForm } from "./server-form";

const schema = z.object({
  email: z.email("auth:errors.emailInvalid"),
  password: z.string("auth:errors.passwordRequired").min(8, "auth:errors.passwordRequired"),
  kind: z.enum(["charity", "employer"], "auth:errors.required"),
  story: z.string().max(5, "too long"),
  consent: z.literal("on", "auth:errors.required"),
});
type Values = z.input<typeof schema>;

function Fields({ form, fields }: { form: ReturnType<typeof useForm<Values>>[0]; fields: ReturnType<typeof useForm<Values>>[1] }) {
  return (
    <form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField field={fields.email} label="Email" type="email" hint="We write to it" />
      <TextField field={fields.password} label="Password" type="password" />
      <SelectField field={fields.kind} label="Kind">
        <option value="">—</option>
        <option value="charity">Charity</option>
        <option value="employer">Employer</option>
      </SelectField>
      <TextAreaField field={fields.story} label="Story" />
      <input
        {...getInputProps(fields.consent, {
          type: "checkbox",
          value: "on",
          ariaDescribedBy: "consent-text",
        })}
      />
    </form>
  );
}

function WithConform({ lastResult, defaultValue }: { lastResult?: SubmissionResult<string[]>; defaultValue?: Partial<Record<keyof Values, string>> }) {
  const [form, fields] = useForm<Values>({ id: "f", lastResult, defaultValue });
  return <Fields form={form} fields={fields} />;
}

function WithServerForm({ lastResult, defaultValue }: { lastResult?: SubmissionResult<string[]>; defaultValue?: Partial<Record<keyof Values, string>> }) {
  const [form, fields] = useServerForm<Values>({
    id: "f",
    lastResult,
    defaultValue,
  });
  return <Fields form={form} fields={fields} />;
}

function refused(entries: Record<string, string>, formErrors?: string[]): SubmissionResult<string[]> {
  const formData = new FormData();
  for (const [name, value] of Object.entries(entries)) formData.set(name, value);
  return parseWithZod(formData, { schema }).reply({
    hideFields: ["password"],
    formErrors,
  });
}

describe("useServerForm", () => {
  it("renders a fresh form as Conform does, with its default values", async () => {
    const defaultValue = { kind: "employer", email: "someone@example.invalid" };
    const html = await renderPage(<WithServerForm defaultValue={defaultValue} />);
    expect(html).toBe(await renderPage(<WithConform defaultValue={defaultValue} />));
    expect(html).toContain('value="someone@example.invalid"');
  });

  it("renders a refused submission as Conform does: values kept, errors tied to their fields, the password empty", async () => {
    const lastResult = refused(
      {
        email: "not-an-email",
        password: "secret-pass",
        kind: "charity",
        story: "far too long",
      },
      ["auth:errors.wrongCredentials"]
    );
    const html = await renderPage(<WithServerForm lastResult={lastResult} />);
    expect(html).toBe(await renderPage(<WithConform lastResult={lastResult} />));
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="f-email-error f-email-hint"');
    expect(html).toContain('aria-describedby="f-consent-error consent-text"');
    expect(html).toContain('id="f-error"');
    expect(html).not.toContain("secret-pass");
  });
});
