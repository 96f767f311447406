// A group of checkboxes or radio buttons for Conform forms: a fieldset whose legend names the
// question, one labelled control per option, and the group's errors right below it, tied to every
// control by aria-describedby. Touch targets are at least 44 px high.
import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList } from "./form";

export function ChoiceFieldset<Schema>({
  field,
  legend,
  hint,
  type,
  options,
}: {
  field: FieldMetadata<Schema>;
  legend: string;
  hint?: ReactNode;
  type: "checkbox" | "radio";
  options: readonly { value: string; label: string }[];
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const controls = getCollectionProps(field, { type, options: options.map((o) => o.value), ariaDescribedBy: hintId });
  return (
    <fieldset>
      <legend className="font-medium text-stone-800">{legend}</legend>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-1 flex flex-wrap gap-x-4">
        {controls.map(({ key, ...props }, i) => (
          <label key={key} htmlFor={props.id} className="inline-flex min-h-11 items-center gap-2">
            <input {...props} className="h-5 w-5 accent-brand-700" />
            <span>{options[i]?.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
