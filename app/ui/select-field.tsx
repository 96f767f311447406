// A labelled <select> for Conform forms, the sibling of form.tsx's TextField: its hint and errors
// are tied to it by aria-describedby, and the options are the caller's (<option>, <optgroup>).
import type { FieldMetadata } from "@conform-to/react";
import { getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList, inputClass } from "./form";

export function SelectField<Schema>({ field, label, hint, children }: { field: FieldMetadata<Schema>; label: string; hint?: ReactNode; children: ReactNode }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getSelectProps(field, { ariaDescribedBy: hintId });
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
      <select {...props} key={props.key} className={inputClass}>
        {children}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
