// SQL fragments the report queries share: a moment's or a day's month in Beijing, and a region
// code cut to the level below a region (the child it lies in), for the drill-down tables.
import type { SQL, SQLWrapper } from "drizzle-orm";
import { sql } from "drizzle-orm";

/** SQL: the month ("2026-01") of a timestamptz in Beijing. */
export function chinaMonth(column: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
}

/** SQL: the month ("2026-01") of a calendar day (a date column). */
export function dayMonth(column: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${column}, 'YYYY-MM')`;
}

/**
 * SQL: the code of the region one level below `region` that `column` lies in (GB/T 2260 codes
 * nest by two digits: 53, 5329, 532923), or the code itself when it is not deeper than that.
 */
export function childRegionOf(column: SQLWrapper, region: string): SQL<string> {
  // Written into the statement, not bound: GROUP BY must repeat the select's expression exactly,
  // and two parameters are two expressions. A whole number of our own, never input.
  return sql<string>`left(${column}, ${sql.raw(String(region.length + 2))})`;
}
