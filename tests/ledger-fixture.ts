// A union's books for ledger tests: the union, its bank and clearing accounts and a general fund per
// source, written with raw SQL as the application's role would. Names are obviously fake.
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/client.server";
import { executeRows } from "../db/client.server";

/** The rows of a raw statement, on either driver. */
export const rowsOf = executeRows;

const idRow = z.object({ id: z.string() });

export interface TestBooks {
  organisationId: string;
  bank: string;
  clearing: string;
  general: { government: string; union: string; donations: string };
}

let counter = 0;

/** A new union with its chart of accounts (no need funds). */
export async function openTestBooks(db: Database): Promise<TestBooks> {
  const [org] = await rowsOf(
    db,
    idRow,
    sql`insert into organisations (kind, name, region_code, status) values ('union', ${`测试县总工会${++counter}`}, '532923', 'verified') returning id`,
  );
  if (!org) throw new Error("no organisation");
  const account = async (kind: string, source: string | null) => {
    const [row] = await rowsOf(db, idRow, sql`insert into ledger_accounts (organisation_id, kind, source) values (${org.id}, ${kind}, ${source}) returning id`);
    if (!row) throw new Error("no account");
    return row.id;
  };
  return {
    organisationId: org.id,
    bank: await account("bank", null),
    clearing: await account("clearing", null),
    general: { government: await account("general-fund", "government"), union: await account("general-fund", "union"), donations: await account("general-fund", "donations") },
  };
}

/** A user to act as staff (no membership needed for raw ledger rows). */
export async function createLedgerUser(db: Database): Promise<string> {
  const n = ++counter;
  const [user] = await rowsOf(
    db,
    idRow,
    sql`insert into users (email, display_name, password_hash) values (${`ledger${n}-${Math.random().toString(36).slice(2, 8)}@test.xiangyun.invalid`}, ${`财务测试${n}`}, 'x') returning id`,
  );
  if (!user) throw new Error("no user");
  return user.id;
}

/** Inserts a transaction and its postings as raw SQL in one database transaction; resolves once committed and sealed (`seal: false`: committed, left in the unsealed tail). */
export async function postRaw(
  db: Database,
  transaction: { organisationId: string; kind: string; key: string; source?: string; method?: string; memo?: string; reversesId?: string; disbursementRequestId?: string },
  postings: readonly (readonly [accountId: string, amount: string])[],
  options: { seal?: boolean } = {},
): Promise<string> {
  const id = await db.transaction(async (tx) => {
    const [row] = await rowsOf(
      tx,
      idRow,
      sql`insert into ledger_transactions (organisation_id, kind, idempotency_key, source, method, memo, reverses_id, disbursement_request_id)
          values (${transaction.organisationId}, ${transaction.kind}, ${transaction.key}, ${transaction.source ?? null}, ${transaction.method ?? null},
                  ${transaction.memo ?? null}, ${transaction.reversesId ?? null}, ${transaction.disbursementRequestId ?? null})
          returning id`,
    );
    if (!row) throw new Error("no transaction");
    for (const [accountId, amount] of postings) {
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${row.id}, ${accountId}, ${amount})`);
    }
    return row.id;
  });
  // After the commit, as the application does: the sealer links it into the hash chain (ADR 010).
  if (options.seal !== false) await db.execute(sql`select ledger_seal_pending()`);
  return id;
}

/** An account's balance on its normal side (the sum of its balance rows), as text ("120.00"). */
export async function balanceOf(db: Database, accountId: string): Promise<string> {
  const [row] = await rowsOf(db, z.object({ balance: z.string() }), sql`select sum(balance)::text as balance from ledger_balances where account_id = ${accountId} having count(*) > 0`);
  if (!row) throw new Error(`no balance for ${accountId}`);
  return row.balance;
}
