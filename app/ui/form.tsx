// Form building blocks for Conform forms: a labelled field with its hint and errors tied to it by
// aria-describedby, form-level errors, the honeypot of public forms and a submit button. Error
// messages are i18n keys ("auth:errors.required"), translated here, or text the server already
// translated (a domain error's message), shown as it is.
import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export const inputClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900 aria-[invalid=true]:border-brand-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-brand-700";

/** A message key in the page's language, or the text itself when it is not a key. */
function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: string) => (i18n.exists(error) ? t(error) : error);
}

export function ErrorList({ id, errors }: { id?: string; errors: readonly string[] | undefined }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm font-medium text-brand-700">
      {errors.map((error) => (
        <li key={error}>{text(error)}</li>
      ))}
    </ul>
  );
}

type InputType = "text" | "email" | "password" | "tel" | "url" | "number" | "date" | "search";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  inputMode,
  autoFocus,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  hint?: ReactNode;
  autoComplete?: string;
  inputMode?: "numeric" | "email" | "tel" | "text";
  autoFocus?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  // Passwords are never sent back to the browser: the field starts empty after an error.
  const props = getInputProps(field, { type, ariaDescribedBy: hintId, value: type !== "password" });
  return (
    <div>
      <label htmlFor={field.id} className="block font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} autoFocus={autoFocus} className={inputClass} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({ field, label, hint, rows = 4 }: { field: FieldMetadata<string | undefined>; label: string; hint?: ReactNode; rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={field.id} className="block font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <textarea
        id={field.id}
        name={field.name}
        defaultValue={field.initialValue}
        required={field.required}
        maxLength={field.maxLength}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={describedBy}
        rows={rows}
        className={inputClass}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Errors of the whole form (wrong password, rate limited), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors: readonly string[] | undefined }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-sm font-medium text-brand-800">
      {errors.map((error) => (
        <p key={error}>{text(error)}</p>
      ))}
    </div>
  );
}

/** The name of the honeypot field; `isHoneypotFilled` reads it on the server. */
export const HONEYPOT_FIELD = "website_url";

/** A field people never see or reach; bots that fill every input give themselves away. */
export function Honeypot() {
  return (
    <div aria-hidden="true" style={{ position: "absolute", left: "-10000px", width: "1px", height: "1px", overflow: "hidden" }}>
      <label>
        Leave this empty
        <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}

export function isHoneypotFilled(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.length > 0;
}

export function SubmitButton({ children, name, value, variant = "primary" }: { children: ReactNode; name?: string; value?: string; variant?: "primary" | "secondary" | "danger" }) {
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    secondary: "border border-stone-400 bg-white text-stone-800 hover:bg-stone-100",
    danger: "border border-brand-700 bg-white text-brand-700 hover:bg-brand-50",
  }[variant];
  return (
    <button type="submit" name={name} value={value} className={`inline-flex min-h-11 items-center justify-center rounded-md px-4 py-2 font-medium ${styles}`}>
      {children}
    </button>
  );
}

/** A narrow, centred card for sign-in style pages. */
export function FormPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="mx-auto max-w-md" aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold text-stone-900">
        {title}
      </h1>
      {intro ? <div className="mt-2 text-stone-700">{intro}</div> : null}
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-6">{children}</div>
    </section>
  );
}
