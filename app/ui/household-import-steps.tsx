// The steps of the household sheet import (/staff/households/import): upload, column matching and
// the preview. Plain forms that work without JavaScript; Conform adds validation as you go.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PlannedRow, RowOutcome } from "../domain/household-sheets/planned-row";
import type { SheetField } from "../domain/household-sheets/sheet-fields";
import { SHEET_FIELDS, isOptionalField } from "../domain/household-sheets/sheet-fields";
import { MAX_UPLOAD_MEGABYTES, mappingSchema, uploadSchema } from "../domain/household-sheets/sheet-forms";
import type { RowProblem } from "../domain/household-sheets/sheet-problems";
import { ErrorList, FormErrors, SubmitButton, inputClass } from "./form";
import { formatCount } from "./format";
import { useLocale } from "./labels";

interface Column {
  index: number;
  letter: string;
  header: string;
}

export function UploadStep({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation("householdImport");
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(uploadSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: uploadSchema }),
  });
  const hintId = `${fields.file.id}-hint`;
  const { key: fileKey, ...fileProps } = getInputProps(fields.file, { type: "file", ariaDescribedBy: hintId });
  return (
    <section aria-labelledby="upload-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="upload-title" className="text-xl font-semibold">
        {t("upload.title")}
      </h2>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div>
          <label htmlFor={fields.file.id} className="block font-medium text-stone-800">
            {t("upload.file")}
          </label>
          <p id={hintId} className="text-sm text-stone-600">
            {t("upload.hint", { mb: MAX_UPLOAD_MEGABYTES })}
          </p>
          <input
            {...fileProps}
            key={fileKey}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-stone-100 file:px-3 file:py-1`}
          />
          <ErrorList id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <SubmitButton>{t("upload.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

const HINTS: Partial<Record<SheetField, string>> = { causes: "map.causesHint", tier: "map.tierHint", consent: "map.consentHint", birthYear: "map.derivedHint", sex: "map.derivedHint" };

export function MapStep(props: {
  token: string;
  fileName: string;
  rowCount: number;
  columns: Column[];
  defaults: Record<SheetField, string>;
  result: SubmissionResult<string[]> | null;
  countyRequired: boolean;
}) {
  const { t } = useTranslation("householdImport");
  const locale = useLocale();
  const schema = mappingSchema({ countyRequired: props.countyRequired });
  const [form, fields] = useForm({
    lastResult: props.result,
    defaultValue: { token: props.token, columns: props.defaults },
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const columnFields = fields.columns.getFieldset();
  const hintOf = (field: SheetField) => (field === "county" ? (props.countyRequired ? "map.countyHint" : "map.countyOptionalHint") : HINTS[field]);
  return (
    <section aria-labelledby="map-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="map-title" className="text-xl font-semibold">
        {t("map.title")}
      </h2>
      <p className="mt-1 text-stone-700">{t("map.file", { name: props.fileName, count: props.rowCount, formatted: formatCount(props.rowCount, locale) })}</p>
      <p className="mt-1 text-stone-700">{t("map.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.token.name} value={props.token} />
        <div className="grid gap-4 sm:grid-cols-2">
          {SHEET_FIELDS.map((field) => {
            const meta = columnFields[field];
            const hint = hintOf(field);
            const hintId = hint ? `${meta.id}-hint` : undefined;
            const { key, ...selectProps } = getSelectProps(meta, { ariaDescribedBy: hintId });
            return (
              <div key={field}>
                <label htmlFor={meta.id} className="block font-medium text-stone-800">
                  {t(`fields.${field}`)}
                  {isOptionalField(field, { countyRequired: props.countyRequired }) ? <span className="font-normal text-stone-600"> ({t("map.optional")})</span> : null}
                </label>
                {hint ? (
                  <p id={hintId} className="text-sm text-stone-600">
                    {t(hint)}
                  </p>
                ) : null}
                <select key={key} {...selectProps} className={inputClass}>
                  <option value="">{t("map.notInSheet")}</option>
                  {props.columns.map((c) => (
                    <option key={c.index} value={String(c.index)}>
                      {`${c.letter}: ${c.header || t("map.noHeader")}`}
                    </option>
                  ))}
                </select>
                <ErrorList id={meta.errorId} errors={meta.errors} />
              </div>
            );
          })}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton name="intent" value="preview">
            {t("map.submit")}
          </SubmitButton>
          <Link to="/staff/households/import" className="font-medium text-brand-700 underline underline-offset-4">
            {t("map.startAgain")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

const OUTCOME_STYLE: Record<RowOutcome, string> = {
  new: "text-emerald-800",
  update: "text-sky-800",
  unchanged: "text-stone-600",
  error: "font-semibold text-brand-700",
};

export function PreviewStep(props: {
  token: string;
  fileName: string;
  mapping: Record<SheetField, string>;
  mapped: { field: SheetField; column: Column }[];
  counts: Record<RowOutcome, number>;
  rows: PlannedRow[];
  hiddenRows: number;
}) {
  const { t } = useTranslation("householdImport");
  const locale = useLocale();
  const { counts } = props;
  const importable = counts.new + counts.update;
  const total = counts.new + counts.update + counts.unchanged + counts.error;
  const problemText = (p: RowProblem) => {
    const message = p.key ? t(p.key, p.values) : (p.text ?? "");
    return p.field ? `${t(`fields.${p.field}`)}: ${message}` : message;
  };
  return (
    <section aria-labelledby="preview-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="preview-title" className="text-xl font-semibold">
        {t("preview.title")}
      </h2>
      <p role="status" className="mt-2 font-medium">
        {t("preview.summary", { total: formatCount(total, locale), new: formatCount(counts.new, locale), update: formatCount(counts.update, locale), unchanged: formatCount(counts.unchanged, locale), error: formatCount(counts.error, locale) })}
      </p>
      {counts.error > 0 ? <p className="mt-1 text-stone-700">{t("preview.problemsNote")}</p> : null}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium">{t("preview.mappedTitle")}</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          {props.mapped.map(({ field, column }) => (
            <div key={field} className="contents">
              <dt className="text-stone-600">{t(`fields.${field}`)}</dt>
              <dd>{`${column.letter}: ${column.header || t("map.noHeader")}`}</dd>
            </div>
          ))}
        </dl>
      </details>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
          <caption className="sr-only">{t("preview.caption")}</caption>
          <thead className="border-b border-stone-300 bg-stone-100">
            <tr>
              <th scope="col" className="px-3 py-2">{t("preview.columns.line")}</th>
              <th scope="col" className="px-3 py-2">{t("preview.columns.name")}</th>
              <th scope="col" className="px-3 py-2">{t("preview.columns.idNumber")}</th>
              <th scope="col" className="px-3 py-2">{t("preview.columns.outcome")}</th>
              <th scope="col" className="px-3 py-2">{t("preview.columns.problems")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.line} className={`border-b border-stone-100 align-top ${row.outcome === "error" ? "bg-brand-50" : ""}`}>
                <th scope="row" className="px-3 py-2 font-medium">{row.line}</th>
                <td className="px-3 py-2">{row.name}</td>
                <td className="px-3 py-2 font-mono">{row.maskedId}</td>
                <td className={`px-3 py-2 ${OUTCOME_STYLE[row.outcome]}`}>{t(`preview.outcome.${row.outcome}`)}</td>
                <td className="px-3 py-2">
                  {row.problems.length ? (
                    <ul className="space-y-0.5">
                      {row.problems.map((p, i) => (
                        <li key={i}>{problemText(p)}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.hiddenRows > 0 ? <p className="mt-2 text-sm text-stone-600">{t("preview.hiddenRows", { count: props.hiddenRows, formatted: formatCount(props.hiddenRows, locale) })}</p> : null}
      <Form method="post" className="mt-4 flex flex-wrap items-center gap-3">
        <input type="hidden" name="token" value={props.token} />
        {SHEET_FIELDS.map((field) => (
          <input key={field} type="hidden" name={`columns.${field}`} value={props.mapping[field]} />
        ))}
        {importable > 0 ? (
          <SubmitButton name="intent" value="import">
            {t("preview.submit", { count: importable, formatted: formatCount(importable, locale) })}
          </SubmitButton>
        ) : (
          <p className="w-full text-stone-700">{t("preview.nothing")}</p>
        )}
        <SubmitButton name="intent" value="remap" variant="secondary">
          {t("preview.remap")}
        </SubmitButton>
        <Link to="/staff/households/import" className="font-medium text-brand-700 underline underline-offset-4">
          {t("map.startAgain")}
        </Link>
      </Form>
    </section>
  );
}
