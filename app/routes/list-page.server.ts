// Shared by the public listings: how `?page=` is read and how many cards make a page.
import { z } from "zod";

export const LIST_PAGE_SIZE = 20;

// Far beyond any real listing; it keeps OFFSET a safe integer whatever a visitor types.
const MAX_PAGE = 1_000_000;

/** Anything that is not a whole number ≥ 1 means page 1: a bad link should still show the list. */
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).catch(1).transform((page) => Math.min(page, MAX_PAGE)),
});

export function parseListPage(request: Request): number {
  const url = new URL(request.url);
  return pageQuery.parse({ page: url.searchParams.get("page") ?? undefined }).page;
}

export function countPages(total: number, pageSize = LIST_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
