// The frame of a search page (/needs, /offers): one GET form holding the search box, the filters
// (a sidebar on wide screens, folded behind "筛选" on phones) and the sort, then the results with
// their count, the active filters and the cards. Without JavaScript the buttons submit it; with
// JavaScript, useLiveSearch submits as the visitor types and picks.
import { Form, Link } from "@remix-run/react";
import { MAX_QUERY_LENGTH } from "../domain/search/search-link";
import type { ChangeEvent, FormEvent, ReactNode } from "react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export interface FilterChip {
  key: string;
  label: string;
  /** The same search without this filter. */
  href: string;
  lang?: string;
}

export interface SortChoice {
  value: string;
  label: string;
}

interface SearchPageProps {
  action: string;
  title: string;
  intro: string;
  searchLabel: string;
  searchHint: string;
  /** The words the results are for (as the server read them). */
  q: string;
  /** Fields that are not visible controls (the region chosen by link, a page size from a shared link). */
  hidden: Record<string, string | undefined>;
  filters: ReactNode;
  activeFilterCount: number;
  /** "24 needs found", announced politely when it changes. */
  found: string;
  sort: { value: string; choices: SortChoice[] };
  chips: FilterChip[];
  clearHref: string;
  degraded: boolean;
  isBusy: boolean;
  live: {
    onType: (event: ChangeEvent<HTMLInputElement>) => void;
    onCompositionEnd: (event: { currentTarget: HTMLInputElement }) => void;
    onPick: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
    answersSentWords: (words: string) => boolean;
  };
  children: ReactNode;
}

const WIDE_SCREEN = "(min-width: 768px)";
const BUTTON = "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 font-medium text-white hover:bg-brand-800";

export function SearchPage(props: SearchPageProps) {
  const { t } = useTranslation();
  const { action, live } = props;
  const formId = `${action.replace(/\W/g, "")}-search`;
  const searchBox = useRef<HTMLInputElement>(null);
  const filters = useRef<HTMLDetailsElement>(null);

  // When the words change from elsewhere (a chip removed, Back), the box follows; results for
  // words typed here leave it alone, since the visitor may have typed on while they loaded.
  const { answersSentWords } = live;
  useEffect(() => {
    const input = searchBox.current;
    if (input && !answersSentWords(props.q) && input.value.trim() !== props.q) input.value = props.q;
  }, [props.q, answersSentWords]);

  // Browsers without ::details-content (see tailwind.css) fold the sidebar too; unfold it there.
  useEffect(() => {
    if (filters.current && window.matchMedia(WIDE_SCREEN).matches) filters.current.open = true;
  }, []);

  return (
    <>
      <header>
        <h1 className="text-2xl font-bold sm:text-3xl">{props.title}</h1>
        <p className="mt-2 max-w-3xl text-stone-700">{props.intro}</p>
      </header>
      <Form id={formId} method="get" action={action} onSubmit={live.onSubmit} className="mt-5">
        <div role="search" className="max-w-2xl">
          <label htmlFor={`${formId}-q`} className="block text-sm font-medium text-stone-800">
            {props.searchLabel}
          </label>
          <div className="mt-1 flex gap-2">
            <div className="relative flex-1">
              <input
                ref={searchBox}
                id={`${formId}-q`}
                type="search"
                name="q"
                defaultValue={props.q}
                placeholder={props.searchHint}
                maxLength={MAX_QUERY_LENGTH}
                autoComplete="off"
                enterKeyHint="search"
                onChange={live.onType}
                onCompositionEnd={live.onCompositionEnd}
                className="min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 pr-9 text-base placeholder:text-stone-500 focus:border-brand-700"
              />
              <span
                aria-hidden="true"
                className={`pointer-events-none absolute right-3 top-1/2 -mt-2 h-4 w-4 rounded-full border-2 border-stone-300 border-t-brand-700 ${props.isBusy ? "animate-spin" : "hidden"}`}
              />
            </div>
            <button type="submit" className={BUTTON}>
              {t("search.submit")}
            </button>
          </div>
        </div>
        {Object.entries(props.hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}

        <div className="mt-6 md:grid md:grid-cols-[14rem_minmax(0,1fr)] md:items-start md:gap-8">
          <details ref={filters} className="search-filters rounded-lg border border-stone-200 bg-white md:border-0 md:bg-transparent">
            <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 px-4 font-medium [&::-webkit-details-marker]:hidden">
              <span>
                {t("search.filters")}
                {props.activeFilterCount ? (
                  <span className="ml-2 rounded-full bg-brand-700 px-2 py-0.5 text-xs text-white">
                    <span className="sr-only">{t("search.activeCount", { count: props.activeFilterCount })}</span>
                    <span aria-hidden="true">{props.activeFilterCount}</span>
                  </span>
                ) : null}
              </span>
              <svg aria-hidden="true" viewBox="0 0 20 20" className="search-filters-chevron h-5 w-5 fill-stone-500">
                <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
              </svg>
            </summary>
            <div className="space-y-6 border-t border-stone-200 px-4 pb-4 pt-4 md:border-0 md:p-0">
              {props.filters}
              <noscript>
                <button type="submit" className={`${BUTTON} w-full`}>
                  {t("search.apply")}
                </button>
              </noscript>
            </div>
          </details>

          <section aria-labelledby={`${formId}-results`} aria-busy={props.isBusy} className="mt-6 md:mt-0">
            <h2 id={`${formId}-results`} className="sr-only">
              {t("search.results")}
            </h2>
            {props.degraded ? (
              <p role="status" className="mb-4 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-sm font-medium text-amber-900">
                {t("search.degraded")}
              </p>
            ) : null}
            <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
              <p aria-live="polite" aria-atomic="true" className="font-medium text-stone-800">
                {props.found}
              </p>
              <div className="flex items-center gap-2 text-sm">
                <label htmlFor={`${formId}-sort`} className="text-stone-700">
                  {t("search.sortLabel")}
                </label>
                <select
                  id={`${formId}-sort`}
                  name="sort"
                  value={props.sort.value}
                  onChange={live.onPick}
                  className="min-h-10 rounded-md border border-stone-400 bg-white py-1 pl-2 pr-8 text-sm"
                >
                  {props.sort.choices.map((choice) => (
                    <option key={choice.value || "default"} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
                <noscript>
                  <button type="submit" className="min-h-10 rounded-md border border-stone-400 bg-white px-3 text-sm hover:bg-stone-100">
                    {t("search.applySort")}
                  </button>
                </noscript>
              </div>
            </div>
            <ActiveFilters chips={props.chips} clearHref={props.clearHref} />
            <div className={`mt-4 transition-opacity ${props.isBusy ? "opacity-60" : ""}`}>{props.children}</div>
          </section>
        </div>
      </Form>
    </>
  );
}

function ActiveFilters({ chips, clearHref }: { chips: FilterChip[]; clearHref: string }) {
  const { t } = useTranslation();
  if (!chips.length) return null;
  return (
    <div className="mt-3">
      <h3 className="sr-only">{t("search.activeFilters")}</h3>
      <ul className="flex flex-wrap items-center gap-2">
        {chips.map((chip) => (
          <li key={chip.key}>
            <Link
              to={chip.href}
              preventScrollReset
              aria-label={t("search.removeFilter", { label: chip.label })}
              className="inline-flex min-h-9 items-center gap-1.5 rounded-full bg-brand-50 px-3 text-sm text-brand-800 ring-1 ring-inset ring-brand-100 hover:bg-brand-100"
            >
              <span lang={chip.lang}>{chip.label}</span>
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
                <path d="M6.3 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-3.7 3.3a1 1 0 1 0 1.4 1.4L10 11.4l3.3 3.3a1 1 0 0 0 1.4-1.4L11.4 10l3.3-3.3a1 1 0 0 0-1.4-1.4L10 8.6 6.3 5.3Z" />
              </svg>
            </Link>
          </li>
        ))}
        <li>
          <Link to={clearHref} preventScrollReset className="px-1 text-sm font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800">
            {t("search.clearAll")}
          </Link>
        </li>
      </ul>
    </div>
  );
}

/**
 * The sort menu. Its first choice is the default — best match when there are words, newest when
 * there are none — and has an empty value, so typing words after opening the page still ranks by
 * relevance instead of keeping "newest" that nobody chose.
 */
export function sortChoices<S extends string>(sorts: readonly S[], params: URLSearchParams, label: (sort: S) => string): { value: string; choices: SortChoice[] } {
  const hasWords = (params.get("q") ?? "").trim() !== "";
  const fallback = hasWords ? "relevance" : "newest";
  const choices = sorts.filter((sort) => sort !== "relevance" || hasWords).map((sort) => ({ value: sort === fallback ? "" : sort, label: label(sort) }));
  const asked = params.get("sort") ?? "";
  return { value: choices.some((choice) => choice.value === asked) ? asked : "", choices };
}
