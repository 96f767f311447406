// The regions an offer covers, picked from the region tree without JavaScript: a province is
// chosen with its own GET form (ProvincePicker), then its prefectures and counties are checkboxes
// (a whole province or prefecture covers everything below it). Regions chosen in other provinces
// stay listed, ticked, under "also covered", so switching province keeps them.
import type { PrefectureChoice, RegionChoice } from "../domain/regions/region-choices.server";
import { useTranslation } from "react-i18next";
import { ErrorList } from "./form";
import { ProvincePicker } from "./province-picker";

/** The id of the region picker's GET form (rendered outside the offer form). */
export const REGION_PICKER_FORM = "region-picker";

export interface RegionCoverageData {
  provinces: RegionChoice[];
  /** The province whose tree is shown, with its prefectures and counties. */
  browsed: { province: RegionChoice; prefectures: PrefectureChoice[] } | null;
  /** Names of regions that may be chosen outside the shown province (the offer's own, every province and prefecture). */
  names: Record<string, string>;
}

const BOX = "h-5 w-5 shrink-0 rounded border-stone-400 text-brand-700";
const ROW = "flex min-h-11 items-center gap-2";

export function RegionCoveragePicker({
  name,
  data,
  selected,
  pickerFormId,
  errorId,
  errors,
}: {
  name: string;
  data: RegionCoverageData;
  selected: readonly string[];
  pickerFormId: string;
  errorId: string;
  errors: readonly string[] | undefined;
}) {
  const { t } = useTranslation("offers");
  const chosen = new Set(selected);
  const browsed = data.browsed;
  const inBrowsed = (code: string) => browsed !== null && code.startsWith(browsed.province.code);
  const elsewhere = selected.filter((code) => !inBrowsed(code));
  const box = (code: string, label: string) => (
    <label key={code} className={ROW}>
      <input type="checkbox" name={name} value={code} defaultChecked={chosen.has(code)} aria-describedby={errors?.length ? errorId : undefined} className={BOX} />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset className="space-y-3 rounded-md border border-stone-300 p-3">
      <legend className="px-1 font-medium text-stone-800">{t("fields.regions")}</legend>
      <p className="text-sm text-stone-600">{t("hints.regions")}</p>
      <ErrorList id={errorId} errors={errors} />
      {elsewhere.length ? (
        <div>
          <p className="font-medium text-stone-800">{t("regions.alsoSelected")}</p>
          <div className="grid gap-x-4 sm:grid-cols-2">{elsewhere.map((code) => box(code, data.names[code] ?? code))}</div>
        </div>
      ) : null}
      <ProvincePicker
        formId={pickerFormId}
        provinces={data.provinces}
        selected={browsed?.province.code ?? null}
        labels={{ province: t("regions.province"), placeholder: t("regions.provincePlaceholder"), show: t("regions.show") }}
      />
      {browsed ? (
        <div className="space-y-2">
          {box(browsed.province.code, t("regions.wholeProvince", { name: browsed.province.name }))}
          {browsed.prefectures.map((prefecture) => (
            <details key={prefecture.code} open={selected.some((code) => code.startsWith(prefecture.code))} className="rounded-md border border-stone-200 px-3">
              <summary className="min-h-11 cursor-pointer py-2 font-medium">{prefecture.name}</summary>
              {box(prefecture.code, t("regions.wholePrefecture", { name: prefecture.name }))}
              <div className="grid gap-x-4 pb-2 pl-6 sm:grid-cols-2">{prefecture.counties.map((county) => box(county.code, county.name))}</div>
            </details>
          ))}
        </div>
      ) : null}
      {!selected.length && !browsed ? <p className="text-sm text-stone-600">{t("regions.none")}</p> : null}
    </fieldset>
  );
}
