import { getTableColumns, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * The `set` of an INSERT … ON CONFLICT DO UPDATE that takes these columns from the incoming row
 * (`excluded.<column>`), so an upsert names each column once.
 */
export function fromExcluded<T extends PgTable, K extends keyof T["_"]["columns"] & string>(table: T, keys: readonly K[]): Record<K, SQL> {
  const columns = getTableColumns(table);
  const set: Partial<Record<K, SQL>> = {};
  for (const key of keys) {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    set[key] = sql.raw(`excluded."${column.name}"`);
  }
  return set as Record<K, SQL>; // Every key was assigned in the loop above.
}
