// A public need's funding progress: what the need page shows against its target. Only needs in a
// public status (a withdrawn consent withdraws them) are read.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { ledgerAccounts } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import { accountBalanceSql } from "../ledger/ledger-accounts.server";
import type { Money } from "../money/money";
import { ZERO_MONEY, moneyFromDb } from "../money/money";
import { PUBLIC_NEED_STATUSES } from "../needs/need-category";
import type { FundingState, NeedFunding } from "./funding-state.server";
import { NO_FUNDING, fundingStateOf } from "./funding-state.server";
import { readNeedFunding } from "./read-need-funding.server";

export interface NeedProgress extends NeedFunding {
  ref: string;
  title: string;
  target: Money | null;
  /** What the need's fund holds now (from its balance rows). */
  balance: Money;
  state: FundingState;
}

const isPublicNeed = inArray(needs.status, [...PUBLIC_NEED_STATUSES]);

/** The funding progress of one public need, or null when the need is not public; a need without a fund reads as nothing raised. */
export async function readNeedProgress(db: Database, ref: string): Promise<NeedProgress | null> {
  const [row] = await db
    .select({ id: needs.id, ref: needs.ref, title: needs.title, target: needs.targetAmount, balance: accountBalanceSql(ledgerAccounts.id) })
    .from(needs)
    .leftJoin(ledgerAccounts, and(eq(ledgerAccounts.needId, needs.id), eq(ledgerAccounts.kind, "need-fund")))
    .where(and(eq(needs.ref, ref), isPublicNeed));
  if (!row) return null;
  const funding = (await readNeedFunding(db, [row.id])).get(row.id) ?? NO_FUNDING;
  return progressOf(row, funding);
}

/** Public needs that have a fund, most recently published first (at most `limit`). */
export async function listNeedProgress(db: Database, options: { limit: number }): Promise<NeedProgress[]> {
  const rows = await db
    .select({ id: needs.id, ref: needs.ref, title: needs.title, target: needs.targetAmount, balance: accountBalanceSql(ledgerAccounts.id) })
    .from(ledgerAccounts)
    .innerJoin(needs, eq(needs.id, ledgerAccounts.needId))
    .where(and(eq(ledgerAccounts.kind, "need-fund"), isPublicNeed))
    .orderBy(desc(needs.publishedAt), desc(needs.id))
    .limit(options.limit);
  const funding = await readNeedFunding(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => progressOf(row, funding.get(row.id) ?? NO_FUNDING));
}

function progressOf(row: { ref: string; title: string; target: string | null; balance: string | null }, funding: NeedFunding): NeedProgress {
  const target = row.target === null ? null : moneyFromDb(row.target);
  return { ref: row.ref, title: row.title, target, balance: row.balance === null ? ZERO_MONEY : moneyFromDb(row.balance), ...funding, state: fundingStateOf(funding, target) };
}
