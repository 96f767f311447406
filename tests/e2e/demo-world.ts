// The demo data set as browser tests find their way in it: its public needs, read through the public
// API as anyone may (by county and category), and what a provider's page must never show.

/** A need as the public API lists it: the fields the tests choose by. */
export interface ListedNeed {
  ref: string;
  title: string;
  category: string;
  skills: string[];
  status: string;
}

/** The public needs of a region (GB/T 2260 code) in one category, as GET /api/v1/needs lists them. */
export async function publicNeeds(baseUrl: string, filter: { region: string; category: string }): Promise<ListedNeed[]> {
  const url = new URL(`/api/v1/needs?region=${filter.region}&category=${filter.category}&pageSize=50`, baseUrl);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url.pathname}${url.search} answered ${response.status}`);
  const body = (await response.json()) as { data: ListedNeed[] };
  return body.data;
}

/** Resident-ID-shaped numbers (18 digits, the last maybe X): none may be on a provider's page. */
export const RESIDENT_ID = /\b\d{17}[\dXx]\b/;
