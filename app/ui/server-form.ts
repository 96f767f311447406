// Forms that validate on the server only — the public pages', whose schemas stay out of the browser —
// need nothing of Conform in the browser but the metadata its helpers read: ids, names, the first
// values and the server's errors with their ids. Conform's `useForm` would bring ≈ 9 kB of
// client code to every such page for that; `useServerForm` builds the same metadata from the
// server's reply (a SubmissionResult from `submission.reply()`), for the same helpers
// (`getFormProps`, `getInputProps`, `getSelectProps`) and the fields of form.tsx. As Conform does,
// the values a field starts with are fixed when the form first renders (the typed text stays after
// a refused submission in the browser), native validation is off (the server's messages, in the
// page's language, are the ones shown) and a refusal received in the browser moves focus to the
// first field in error. Forms that validate in the browser keep Conform's `useForm`.
import type { FieldMetadata, FormMetadata, SubmissionResult } from "@conform-to/react";
import { useEffect, useId, useRef, useState } from "react";

type Values = Record<string, unknown>;
type Errors = Record<string, string[] | null | undefined>;

/** The metadata Conform's helpers and form.tsx read, for the field `name` ("" for the form). */
function metadataOf(formId: string, name: string, initial: Values, errors: Errors) {
  const id = name ? `${formId}-${name}` : formId;
  const own = errors[name] ?? undefined;
  const initialValue = initial[name];
  return {
    id,
    name,
    formId,
    key: undefined,
    errorId: `${id}-error`,
    descriptionId: `${id}-description`,
    initialValue,
    value: initialValue,
    defaultValue: typeof initialValue === "string" ? initialValue : undefined,
    errors: own,
    allErrors: own ? { [name]: own } : {},
    valid: own === undefined,
    dirty: false,
  };
}

/** What `useForm({ id, lastResult, defaultValue })` gives a form whose only validation is the server's. */
export function useServerForm<Schema extends Record<string, unknown>>(options: {
  id?: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Partial<Record<keyof Schema & string, string>>;
}): [FormMetadata<Schema>, ReturnType<FormMetadata<Schema>["getFieldset"]>] {
  const generatedId = useId();
  const formId = options.id ?? generatedId;
  const { lastResult } = options;
  // The reply a page was rendered with (a submission without JavaScript) is not a new refusal.
  const [initial] = useState<Values>(() => lastResult?.initialValue ?? options.defaultValue ?? {});
  const replyAtFirstRender = useRef(lastResult);
  const errors: Errors = lastResult?.error ?? {};

  useEffect(() => {
    if (!lastResult || lastResult === replyAtFirstRender.current || lastResult.status !== "error") return;
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    for (const element of Array.from(form.elements)) {
      if ("name" in element && typeof element.name === "string" && errors[element.name] && element instanceof HTMLElement) {
        element.focus();
        break;
      }
    }
    // `errors` is read from `lastResult`, the one dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastResult, formId]);

  const fieldCache = new Map<string, FieldMetadata<unknown, Schema>>();
  const fields = new Proxy(
    {},
    {
      get(_, name) {
        if (typeof name !== "string") return undefined;
        let field = fieldCache.get(name);
        if (!field) {
          // The properties Conform's helpers read; a server-only form has no constraints or lists.
          field = metadataOf(formId, name, initial, errors) as unknown as FieldMetadata<unknown, Schema>;
          fieldCache.set(name, field);
        }
        return field;
      },
    }
  ) as ReturnType<FormMetadata<Schema>["getFieldset"]>;
  const form = {
    ...metadataOf(formId, "", initial, errors),
    status: lastResult?.status,
    noValidate: true,
    onSubmit: undefined,
    getFieldset: () => fields,
  } as unknown as FormMetadata<Schema>;
  return [form, fields];
}
