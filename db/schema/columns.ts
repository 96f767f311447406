import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { check, customType, timestamp } from "drizzle-orm/pg-core";

/** bytea as a Buffer on both drivers (PGlite returns a Uint8Array, pg a Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType: () => "bytea",
  fromDriver: (value) => {
    if (typeof value === "string") return Buffer.from(value.replace(/^\\x/, ""), "hex");
    return Buffer.from(value);
  },
  toDriver: (value) => value,
});

/** Money: numeric(18,2), exact, handled as text and decimal.js, never a JS number. */
export const money = (name: string) => customType<{ data: string; driverData: string }>({ dataType: () => "numeric(18, 2)" })(name);

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** A CHECK that a text column holds one of an enum's values, so the database refuses what TypeScript would. */
export function oneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  return check(name, sql`${column} in (${sqlList(values)})`);
}

/** Constant strings as SQL literals: DDL cannot take bind parameters. */
export function sqlList(values: readonly string[]) {
  return sql.raw(values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", "));
}
