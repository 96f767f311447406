// What the bench data generators share: a seeded random source (the demo data set's, with weighted
// picks and amounts), bulk inserts of many rows in few statements, and the text forms of moments.
import type pg from "pg";
import type { Money } from "../app/domain/money/money";
import { money } from "../app/domain/money/money";
import { createRandom } from "../db/seed/demo-random";

export const DAY_MS = 86_400_000;
const BATCH_ROWS = 5_000;

/** The demo data set's seeded source, with weighted picks and amounts. */
export function randomSource(seed: number) {
  const random = createRandom(seed);
  /** One of `items`, each as likely as its weight. */
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = random.next() * total;
    for (const [i, item] of items.entries()) {
      r -= weights[i] ?? 0;
      if (r < 0) return item;
    }
    return random.pick(items);
  };
  /** An amount of lo…hi yuan with random fen. */
  const amount = (lo: number, hi: number): Money => money(`${random.int(lo, hi)}.${String(random.int(0, 99)).padStart(2, "0")}`);
  return { ...random, weighted, amount };
}
export type Random = ReturnType<typeof randomSource>;

/** A column of a bulk insert: its name, the type its values are sent as, and the cast to the column's type. */
export type Column = readonly [name: string, type: string, cast?: string];

/** Inserts rows as one array parameter per column (`unnest`), so a batch is one statement of a few parameters. */
export async function insertRows(client: pg.ClientBase, table: string, columns: readonly Column[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  const params = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const selects = columns.map(([, , cast], i) => (cast ? `c${i}::${cast}` : `c${i}`)).join(", ");
  const statement = `insert into ${table} (${names}) select ${selects} from unnest(${params}) as u(${aliases.join(", ")})`;
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const chunk = rows.slice(start, start + BATCH_ROWS);
    await client.query(
      statement,
      columns.map((_, c) => chunk.map((row) => row[c] ?? null)),
    );
  }
}

export const pgArray = (items: readonly string[]) => `{${items.join(",")}}`;
export const at = (ms: number) => new Date(ms).toISOString();
/** A Beijing calendar day of a moment. */
export const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
