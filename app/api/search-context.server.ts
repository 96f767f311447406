import type { AppLoadContext } from "@remix-run/node";
import type { SearchContext } from "../domain/search/search-needs.server";

/**
 * The search context of a request: the runtime's database, engine and index prefix, and its logger,
 * so a degraded answer is logged.
 */
export function searchContextOf(context: AppLoadContext): SearchContext {
  const { db, search, logger, indexPrefix } = context.runtime;
  return { db, search, logger, indexPrefix };
}
