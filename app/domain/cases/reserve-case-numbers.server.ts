// Gives out case numbers in the transaction that registers the cases: the county's counter for the
// current year (Beijing time, as the cases' created_at is read) moves forward by how many are
// needed and is locked until that transaction ends, so numbers are unique, in registration order,
// and a number given to a case is never given again.
import { sql } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { caseNumberCounters } from "../../../db/schema/cases";
import { formatCaseNumber } from "./case-number";

/** Reserves the next case number of a county for a case registered in this transaction. */
export async function reserveCaseNumber(tx: Transaction, regionCode: string): Promise<string> {
  const [caseNumber] = await reserveCaseNumbers(tx, regionCode, 1);
  if (!caseNumber) throw new Error("no case number reserved");
  return caseNumber;
}

/** Reserves `count` consecutive case numbers of a county for cases registered in this transaction. */
export async function reserveCaseNumbers(tx: Transaction, regionCode: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const [row] = await tx
    .insert(caseNumberCounters)
    .values({ regionCode, year: sql`extract(year from now() at time zone 'Asia/Shanghai')::integer`, lastNumber: count })
    .onConflictDoUpdate({
      target: [caseNumberCounters.regionCode, caseNumberCounters.year],
      set: { lastNumber: sql`${caseNumberCounters.lastNumber} + excluded.last_number` },
    })
    .returning({ year: caseNumberCounters.year, lastNumber: caseNumberCounters.lastNumber });
  if (!row) throw new Error("case number counter returned no row");
  const first = row.lastNumber - count + 1;
  return Array.from({ length: count }, (_, i) => formatCaseNumber(regionCode, row.year, first + i));
}
