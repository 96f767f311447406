// The province step of a region choice that works without JavaScript: its own GET form (rendered
// outside the page's form, its controls point at it with `form=`) reloads the page with
// ?province=…; with JavaScript, choosing a province submits it at once, keeping what was typed.
import { Form, useSubmit } from "@remix-run/react";
import type { RegionChoice } from "../domain/regions/region-choices.server";
import { inputClass } from "./form";

/** The GET form the picker's controls belong to; render it before (outside) the page's form. */
export function ProvincePickerForm({ id }: { id: string }) {
  return <Form id={id} method="get" replace preventScrollReset />;
}

export function ProvincePicker({ formId, provinces, selected, labels }: { formId: string; provinces: RegionChoice[]; selected: string | null; labels: { province: string; placeholder: string; show: string } }) {
  const submit = useSubmit();
  return (
    <div>
      <label htmlFor="province" className="block font-medium text-stone-800">
        {labels.province}
      </label>
      <div className="flex flex-wrap items-end gap-2">
        <select
          id="province"
          name="province"
          form={formId}
          defaultValue={selected ?? ""}
          onChange={(event) => {
            if (event.currentTarget.form) submit(event.currentTarget.form, { replace: true, preventScrollReset: true });
          }}
          className={`${inputClass} sm:w-auto sm:flex-1`}
        >
          <option value="">{labels.placeholder}</option>
          {provinces.map((province) => (
            <option key={province.code} value={province.code}>
              {province.name}
            </option>
          ))}
        </select>
        <button
          type="submit"
          form={formId}
          className="inline-flex min-h-11 items-center justify-center rounded-md border border-stone-400 bg-white px-4 py-2 font-medium text-stone-800 hover:bg-stone-100"
        >
          {labels.show}
        </button>
      </div>
    </div>
  );
}
