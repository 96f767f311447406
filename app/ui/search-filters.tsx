// The filters of a search page: facet groups as fieldsets (checkboxes or radios, each with how many
// results it would give) and the region drill-down as a breadcrumb with links one level down.
// Plain form controls and links, so they work without JavaScript.
import { Link } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "../i18n/config";
import { formatCount } from "./format";
import { regionName, useLocale } from "./labels";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

interface FacetGroupProps {
  legend: string;
  name: string;
  options: FacetOption[];
  selected: readonly string[];
  onPick: (event: ChangeEvent<HTMLInputElement>) => void;
}

const LEGEND = "mb-2 text-sm font-semibold text-stone-900";

/** Several values may be chosen (category, urgency, kind). */
export function FacetCheckboxes({ legend, name, options, selected, onPick }: FacetGroupProps) {
  return (
    <fieldset>
      <legend className={LEGEND}>{legend}</legend>
      <ul className="space-y-0.5">
        {options.map((option) => (
          <li key={option.value}>
            <FacetChoice type="checkbox" name={name} option={option} checked={selected.includes(option.value)} onPick={onPick} />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** One value or none ("any", whose value is empty and so never reaches the address). */
export function FacetRadios({ legend, name, options, selected, onPick }: FacetGroupProps) {
  const current = selected[0] ?? "";
  return (
    <fieldset>
      <legend className={LEGEND}>{legend}</legend>
      <ul className="space-y-0.5">
        {options.map((option) => (
          <li key={option.value || "any"}>
            <FacetChoice type="radio" name={name} option={option} checked={current === option.value} onPick={onPick} />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function FacetChoice({ type, name, option, checked, onPick }: { type: "checkbox" | "radio"; name: string; option: FacetOption; checked: boolean; onPick: FacetGroupProps["onPick"] }) {
  const locale = useLocale();
  const id = `${name}-${option.value || "any"}`;
  // A choice with no results is kept (the list does not jump) but cannot be picked, unless it is
  // already picked: then it must stay, so it can be taken off again.
  const isEmpty = option.count === 0 && !checked;
  return (
    <label
      htmlFor={id}
      className={`flex min-h-10 items-center gap-2 rounded px-1 text-sm ${isEmpty ? "cursor-default text-stone-400" : "cursor-pointer text-stone-800 hover:bg-stone-100"}`}
    >
      <input
        id={id}
        type={type}
        name={name}
        value={option.value}
        checked={checked}
        disabled={isEmpty}
        onChange={onPick}
        aria-describedby={`${id}-count`}
        className="h-4 w-4 shrink-0 accent-brand-700"
      />
      <span className="flex-1">{option.label}</span>
      <MatchCount id={`${id}-count`} count={option.count} locale={locale} className={isEmpty ? "" : "text-stone-500"} />
    </label>
  );
}

/**
 * How many results a choice leads to: seen as a bare number, heard as "9 results" after the
 * choice's name, so the name stays the label alone ("就业岗位") for people and tests alike.
 */
function MatchCount({ id, count, locale, className }: { id: string; count: number; locale: Locale; className: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true" className={`tabular-nums ${className}`}>
        {formatCount(count, locale)}
      </span>
      <span id={id} hidden>
        {t("search.matches", { count, total: formatCount(count, locale) })}
      </span>
    </>
  );
}

export interface RegionLink {
  code: string;
  nameZh: string;
  nameEn: string;
  count?: number;
}

const SHOWN_SUBREGIONS = 8;

/** Where the results are: 全国 › 云南省 › 大理白族自治州, and the regions one level down with counts. */
export function RegionDrillDown({ trail, subregions, hrefFor }: { trail: RegionLink[]; subregions: RegionLink[]; hrefFor: (code: string | undefined) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const current = trail.at(-1);
  const currentName = current ? regionName({ zh: current.nameZh, en: current.nameEn }, locale).text : t("search.allChina");
  const link = "text-brand-700 underline underline-offset-4 hover:text-brand-800";
  const subregionItem = (region: RegionLink) => {
    const name = regionName({ zh: region.nameZh, en: region.nameEn }, locale);
    return (
      <li key={region.code}>
        <Link
          to={hrefFor(region.code)}
          preventScrollReset
          aria-describedby={`region-${region.code}-count`}
          className="flex min-h-10 items-center gap-2 rounded px-1 text-sm text-stone-800 hover:bg-stone-100"
        >
          <span className="flex-1 underline decoration-stone-300 underline-offset-4" lang={name.lang}>
            {name.text}
          </span>
          <MatchCount id={`region-${region.code}-count`} count={region.count ?? 0} locale={locale} className="text-stone-500" />
        </Link>
      </li>
    );
  };
  return (
    <section aria-labelledby="region-heading">
      <h2 id="region-heading" className={LEGEND}>
        {t("search.region")}
      </h2>
      <nav aria-label={t("search.regionTrail")}>
        <ol className="flex flex-wrap items-center gap-x-1 gap-y-1 text-sm">
          <li>
            {current ? (
              <Link to={hrefFor(undefined)} preventScrollReset className={link}>
                {t("search.allChina")}
              </Link>
            ) : (
              <span aria-current="location" className="font-medium">
                {t("search.allChina")}
              </span>
            )}
          </li>
          {trail.map((region) => {
            const name = regionName({ zh: region.nameZh, en: region.nameEn }, locale);
            return (
              <li key={region.code} className="flex items-center gap-1">
                <span aria-hidden="true" className="text-stone-400">
                  ›
                </span>
                {region === current ? (
                  <span aria-current="location" className="font-medium" lang={name.lang}>
                    {name.text}
                  </span>
                ) : (
                  <Link to={hrefFor(region.code)} preventScrollReset className={link} lang={name.lang}>
                    {name.text}
                  </Link>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      {subregions.length ? (
        <>
          <ul aria-label={t("search.subregions", { region: currentName })} className="mt-2 space-y-0.5">
            {subregions.slice(0, SHOWN_SUBREGIONS).map(subregionItem)}
          </ul>
          {subregions.length > SHOWN_SUBREGIONS ? (
            <details className="mt-1">
              <summary className="cursor-pointer px-1 py-2 text-sm font-medium text-brand-700">
                {t("search.moreRegions", { count: subregions.length - SHOWN_SUBREGIONS })}
              </summary>
              <ul className="space-y-0.5">{subregions.slice(SHOWN_SUBREGIONS).map(subregionItem)}</ul>
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
