// A union's chart of accounts (docs/ledger.md) and who may keep its books. Accounts are opened on
// first use and never change: opening is idempotent, an insert that loses to another writer reads
// the account that won.
import type { AnyColumn, SQL } from "drizzle-orm";
import { and, eq, inArray, isNull, sql, sum } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { ledgerAccounts, ledgerBalances } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import type { Actor } from "../auth/actor";
import { unionRoleOf } from "../auth/permissions";
import type { UnionRole } from "../auth/roles";
import { recordAudit } from "../audit/record-audit.server";
import { forbidden, invalid, notFound } from "../errors/domain-error";
import type { Money } from "../money/money";
import { money, moneyFromDb } from "../money/money";
import { readMoneyText } from "../money/money-text";
import { inRegionScope } from "../regions/region-scope.server";
import type { FundSource } from "./ledger-vocabulary";
import { FUND_SOURCES } from "./ledger-vocabulary";

/** Whose books an actor keeps: their union and its region (needs of the region are its needs). */
export interface FinanceBooks {
  organisationId: string;
  regionCode: string;
}

/** Money moves only by a union's finance staff (roles.ts gives admins no money-handling rule). */
const LEDGER_KEEPERS: readonly UnionRole[] = ["finance"];
/** The bank account donors pay into is the union's settings: its finance staff and admins keep it. */
const BANK_DETAILS_KEEPERS: readonly UnionRole[] = ["finance", "admin"];

/** True when the actor keeps a union's books (records, allocates, requests and decides money). */
export function canKeepLedger(actor: Actor | null): boolean {
  const role = unionRoleOf(actor);
  return role !== null && LEDGER_KEEPERS.includes(role);
}

/** True when the actor manages the union's bank details for donors. */
export function canManageBankDetails(actor: Actor | null): boolean {
  const role = unionRoleOf(actor);
  return role !== null && BANK_DETAILS_KEEPERS.includes(role);
}

/** The books the actor keeps, or a 403 for anyone who is not a union's finance staff. */
export function financeBooksOf(actor: Actor, work: "ledger" | "bank-details" = "ledger"): FinanceBooks {
  const allowed = work === "ledger" ? canKeepLedger(actor) : canManageBankDetails(actor);
  const m = actor.membership;
  if (!allowed || !m) throw forbidden("Only the finance staff of a union keep its books.", "noFinance");
  return { organisationId: m.organisationId, regionCode: m.regionCode };
}

export interface UnionAccounts {
  bank: string;
  clearing: string;
  general: Record<FundSource, string>;
}

type Db = Database | Transaction;

async function findAccount(db: Db, organisationId: string, kind: "bank" | "clearing" | "general-fund", source: FundSource | null): Promise<string | null> {
  const [row] = await db
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.organisationId, organisationId), eq(ledgerAccounts.kind, kind), source ? eq(ledgerAccounts.source, source) : isNull(ledgerAccounts.source)));
  return row?.id ?? null;
}

/**
 * The union's bank, clearing and general funds that are open, by kind and source, in one read;
 * `committed` when every one of them was opened before this database transaction began.
 */
async function findUnionAccounts(db: Db, organisationId: string): Promise<{ ids: Map<string, string>; committed: boolean }> {
  const rows = await db
    // An account this transaction opened carries its start time, now(); one opened earlier is committed.
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, source: ledgerAccounts.source, committed: sql<boolean>`${ledgerAccounts.createdAt} < now()` })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.organisationId, organisationId), inArray(ledgerAccounts.kind, ["bank", "clearing", "general-fund"])));
  return { ids: new Map(rows.map((row) => [`${row.kind}:${row.source ?? ""}`, row.id])), committed: rows.every((row) => row.committed) };
}

/**
 * Union accounts known to be committed, by database and union. Accounts are never changed or
 * removed once open (the database refuses it), so ids read once stay true for that database; ids
 * that a transaction may still roll back are never kept.
 */
const committedUnionAccounts = new WeakMap<Database, Map<string, UnionAccounts>>();

/** The union's accounts as committed on this database, when they have been read there before. */
export function rememberedUnionAccounts(root: Database, organisationId: string): UnionAccounts | null {
  return committedUnionAccounts.get(root)?.get(organisationId) ?? null;
}

/**
 * Opens (once) the union's bank, clearing and three general funds; answers their ids. Given `root`,
 * the database `db` is a transaction of, it answers from what it has seen committed there.
 */
async function openUnionAccounts(db: Db, actor: Actor, books: FinanceBooks, root: Database | undefined): Promise<UnionAccounts> {
  const remembered = root ? rememberedUnionAccounts(root, books.organisationId) : null;
  if (remembered) return remembered;
  const wanted: { kind: "bank" | "clearing" | "general-fund"; source: FundSource | null }[] = [
    { kind: "bank", source: null },
    { kind: "clearing", source: null },
    ...FUND_SOURCES.map((source) => ({ kind: "general-fund" as const, source })),
  ];
  // Once the books are open (every time but the first), one read answers them all.
  const { ids: open, committed } = await findUnionAccounts(db, books.organisationId);
  const ids: string[] = [];
  let opened = 0;
  for (const w of wanted) {
    let id = open.get(`${w.kind}:${w.source ?? ""}`) ?? null;
    if (!id) {
      const [row] = await db
        .insert(ledgerAccounts)
        .values({ organisationId: books.organisationId, kind: w.kind, source: w.source })
        .onConflictDoNothing()
        .returning({ id: ledgerAccounts.id });
      if (row) opened++;
      id = row?.id ?? (await findAccount(db, books.organisationId, w.kind, w.source));
    }
    if (!id) throw new Error(`ledger account ${w.kind} ${w.source ?? ""} could not be opened`);
    ids.push(id);
  }
  if (opened > 0) {
    await recordAudit(db, { actor, action: "ledger.open-accounts", entity: "organisation", entityId: books.organisationId, organisationId: books.organisationId, after: { opened } });
  }
  const [bank, clearing, government, union, donations] = ids;
  if (!bank || !clearing || !government || !union || !donations) throw new Error("ledger accounts missing");
  const accounts = { bank, clearing, general: { government, union, donations } };
  if (root && opened === 0 && committed && open.size === wanted.length) {
    const byUnion = committedUnionAccounts.get(root) ?? new Map<string, UnionAccounts>();
    committedUnionAccounts.set(root, byUnion.set(books.organisationId, accounts));
  }
  return accounts;
}

/** A need of the union's region, by reference; another region's need is not found. */
export async function findBooksNeed(db: Db, books: FinanceBooks, needRef: string): Promise<{ id: string; ref: string; title: string }> {
  const [need] = await db
    .select({ id: needs.id, ref: needs.ref, title: needs.title })
    .from(needs)
    .where(and(eq(needs.ref, needRef), inRegionScope(needs.regionCode, books.regionCode)));
  if (!need) throw notFound("needNotFound", `need ${needRef} is not in this union's region`);
  return need;
}

async function openNeedFund(db: Db, actor: Actor, books: FinanceBooks, needId: string): Promise<string> {
  const find = async () => {
    const [row] = await db.select({ id: ledgerAccounts.id, organisationId: ledgerAccounts.organisationId }).from(ledgerAccounts).where(and(eq(ledgerAccounts.kind, "need-fund"), eq(ledgerAccounts.needId, needId)));
    return row ?? null;
  };
  let found = await find();
  if (!found) {
    const [row] = await db.insert(ledgerAccounts).values({ organisationId: books.organisationId, kind: "need-fund", needId }).onConflictDoNothing().returning({ id: ledgerAccounts.id });
    if (row) {
      await recordAudit(db, { actor, action: "ledger.open-accounts", entity: "need", entityId: needId, organisationId: books.organisationId, after: { opened: 1, kind: "need-fund" } });
      return row.id;
    }
    found = await find();
  }
  // A need's fund is in the books of the union that opened it; another union's is not this one's.
  if (!found || found.organisationId !== books.organisationId) throw notFound("needNotFound", `need ${needId} has no fund in this union's books`);
  return found.id;
}

/**
 * Opens, on first use and once, a union's bank, clearing and general funds, and a need's fund when
 * `needRef` is given; answers the accounts. Only the union's finance staff. `root` is the database
 * the transaction `db` runs on: once the union's accounts are committed there, they are not read again.
 */
export async function ensureLedgerAccounts(options: {
  db: Db;
  root?: Database;
  actor: Actor;
  needRef?: string;
}): Promise<UnionAccounts & { books: FinanceBooks; needFund: string | null; needId: string | null }> {
  const { db, root, actor, needRef } = options;
  const books = financeBooksOf(actor);
  const accounts = await openUnionAccounts(db, actor, books, root);
  if (needRef === undefined) return { ...accounts, books, needFund: null, needId: null };
  // The need and its fund in one read; the fund is opened on first use.
  const [need] = await db
    .select({ id: needs.id, fundId: ledgerAccounts.id, fundOrganisationId: ledgerAccounts.organisationId })
    .from(needs)
    .leftJoin(ledgerAccounts, and(eq(ledgerAccounts.kind, "need-fund"), eq(ledgerAccounts.needId, needs.id)))
    .where(and(eq(needs.ref, needRef), inRegionScope(needs.regionCode, books.regionCode)));
  if (!need) throw notFound("needNotFound", `need ${needRef} is not in this union's region`);
  const needFund = need.fundId && need.fundOrganisationId === books.organisationId ? need.fundId : await openNeedFund(db, actor, books, need.id);
  return { ...accounts, books, needFund, needId: need.id };
}

/**
 * An account's balance on its normal side as an SQL expression: the sum of its balance rows (one
 * range of the primary key; never summed from history). Null where the account is null.
 */
export function accountBalanceSql(accountId: AnyColumn): SQL<string | null> {
  return sql<string | null>`(select sum(${ledgerBalances.balance}) from ${ledgerBalances} where ${ledgerBalances.accountId} = ${accountId})`;
}

/** An account's balance on its normal side, read from its balance rows. */
export async function balanceOfAccount(db: Db, accountId: string): Promise<Money> {
  const [row] = await db.select({ balance: sum(ledgerBalances.balance) }).from(ledgerBalances).where(eq(ledgerBalances.accountId, accountId));
  return moneyFromDb(row?.balance ?? "0");
}

/** An amount sent to a use case, more than zero; anything else is a 400 that names the problem. */
export function positiveAmount(text: string): Money {
  const reading = readMoneyText(text, "positive");
  if (!reading.ok) throw invalid(`amount ${JSON.stringify(text)}: ${reading.problem}`);
  return money(reading.text);
}

/** A form's idempotency key: 1 to 200 characters (the database's limit). */
export function checkedKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw invalid("an idempotency key of 1 to 200 characters is needed");
  return trimmed;
}
