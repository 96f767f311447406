// Links that change one thing about the search on the page: a page number, a region, a filter
// removed. They start from the search's canonical query string, written on the server by
// toQueryString (which this file does not import: search-query.ts brings zod, ~25 kB gzip).
// Pure, so it runs on the server and in the browser alike.

/** The same search at another page; page 1 has no `page` parameter, so it has one address. */
export function pageHref(pathname: string, canonical: string, page: number): string {
  return edit(pathname, canonical, (params) => {
    if (page > 1) params.set("page", String(page));
  });
}

/** The same search with one parameter set to a value, or removed (undefined); back to page 1. */
export function paramHref(pathname: string, canonical: string, key: string, value: string | undefined): string {
  return edit(pathname, canonical, (params) => {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  });
}

/** The same search without one value of a repeated parameter (`category=job`); back to page 1. */
export function withoutValueHref(pathname: string, canonical: string, key: string, value: string): string {
  // Not params.delete(key, value): Safari before 17 ignores the value and drops them all.
  const kept = [...new URLSearchParams(canonical)].filter(([k, v]) => k !== key || v !== value);
  return edit(pathname, new URLSearchParams(kept).toString(), () => undefined);
}

/** The same words (and order) with every filter removed. */
export function keepOnlyHref(pathname: string, canonical: string, keep: readonly string[]): string {
  return edit(pathname, canonical, (params) => {
    for (const key of [...new Set(params.keys())]) if (!keep.includes(key)) params.delete(key);
  });
}

function edit(pathname: string, canonical: string, change: (params: URLSearchParams) => void): string {
  const params = new URLSearchParams(canonical);
  params.delete("page");
  change(params);
  const text = params.toString();
  return text ? `${pathname}?${text}` : pathname;
}

/**
 * A form's fields as a query string, without the empty ones ("any", no words), so the address
 * stays as short as the links the server writes.
 */
export function formSearchParams(form: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") params.append(key, value);
  }
  return params;
}
