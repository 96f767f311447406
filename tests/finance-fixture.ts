// Two unions' finance staff and needs for the finance use cases and pages: Xiangyun county's union
// (xy-union, 532923) with two finance users, an admin and a caseworker, and Binchuan's (bc-union,
// 532924) with one finance user. Names and numbers are obviously fake.
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import type { Actor } from "../app/domain/auth/actor";
import { isDomainError } from "../app/domain/errors/domain-error";
import type { DatabaseHandle } from "../db/client.server";
import type { Database } from "../db/client.server";
import type { TestUser } from "./accounts";
import { createTestUser } from "./accounts";
import { actorOf } from "./actors";
import { fakeCase, fakeDocument, fakeResidentId } from "./factories";
import { createTestCipher } from "./identity";
import { rowsOf } from "./ledger-fixture";

export interface FinanceWorld {
  needRefs: Record<string, string>;
  /** A need of Binchuan county. */
  otherNeedRef: string;
  users: { finance: TestUser; checker: TestUser; admin: TestUser; caseworker: TestUser; otherFinance: TestUser };
  actors: { finance: Actor; checker: Actor; admin: Actor; caseworker: Actor; otherFinance: Actor };
}

export const financeCipher = createTestCipher();

export async function createFinanceWorld(handle: DatabaseHandle): Promise<FinanceWorld> {
  const db = handle.db;
  const document = fakeDocument({ cases: 2, offers: 0 });
  document.organisations?.push({ key: "bc-union", kind: "union", name: "宾川县总工会", region: "532924", parent: "dali-union" });
  const bc = fakeCase(99, { organisation: "bc-union", region: "532924" });
  bc.head = { ...bc.head, idNumber: fakeResidentId(99, { region: "532924" }) };
  document.cases?.push(bc);
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db, cipher: financeCipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const needRefs = imported.result.needs;
  const otherNeedRef = needRefs["need-99"] ?? "";
  const user = (organisation: string, role: "finance" | "admin" | "caseworker") => createTestUser(db, { organisation, role, totp: true, cipher: financeCipher });
  const users = {
    finance: await user("xy-union", "finance"),
    checker: await user("xy-union", "finance"),
    admin: await user("xy-union", "admin"),
    caseworker: await user("xy-union", "caseworker"),
    otherFinance: await user("bc-union", "finance"),
  };
  const actors = {
    finance: await actorOf(db, users.finance),
    checker: await actorOf(db, users.checker),
    admin: await actorOf(db, users.admin),
    caseworker: await actorOf(db, users.caseworker),
    otherFinance: await actorOf(db, users.otherFinance),
  };
  return { needRefs, otherNeedRef, users, actors };
}

/** A donor's pledge to the actor's union (to a need, or to its general fund), as the pledge side writes it. */
export async function insertPledge(db: Database, actor: Actor, options: { amount: string; needRef?: string }): Promise<string> {
  const ref = `P-T${randomBytes(3).toString("hex").toUpperCase()}`;
  const organisationId = actor.membership?.organisationId ?? "";
  const need = options.needRef ? sql`(select id from needs where ref = ${options.needRef})` : sql`null`;
  await db.execute(sql`insert into pledges (ref, organisation_id, need_id, amount, display_name, is_anonymous, tracking_code_hash, expires_at, idempotency_key)
    values (${ref}, ${organisationId}, ${need}, ${options.amount}, null, true, ${randomBytes(32).toString("hex")}, now() + interval '30 days', ${randomUUID()})`);
  return ref;
}

export async function pledgeStatus(db: Database, ref: string): Promise<string | null> {
  const [row] = await rowsOf(db, z.object({ status: z.string() }), sql`select status from pledges where ref = ${ref}`);
  return row?.status ?? null;
}

export async function countRows(db: Database, table: "ledger_transactions" | "disbursement_requests" | "ledger_postings"): Promise<number> {
  const [row] = await rowsOf(db, z.object({ n: z.number() }), sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row?.n ?? -1;
}

/** A fund's balance (text) by general-fund source or need ref, in the actor's books. */
export async function fundBalance(db: Database, actor: Actor, fund: { source: string } | { needRef: string } | "bank"): Promise<string> {
  const organisationId = actor.membership?.organisationId ?? "";
  const where =
    fund === "bank"
      ? sql`a.kind = 'bank'`
      : "source" in fund
        ? sql`a.kind = 'general-fund' and a.source = ${fund.source}`
        : sql`a.kind = 'need-fund' and a.need_id = (select id from needs where ref = ${fund.needRef})`;
  const [row] = await rowsOf(
    db,
    z.object({ balance: z.string() }),
    sql`select sum(b.balance)::text as balance from ledger_accounts a join ledger_balances b on b.account_id = a.id where a.organisation_id = ${organisationId} and ${where} group by a.id`,
  );
  return row?.balance ?? "none";
}

/** The DomainError a promise is refused with: its kind, key and HTTP status. */
export async function refusal(promise: Promise<unknown>): Promise<{ kind: string; messageKey: string; status: number }> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return { kind: error.kind, messageKey: error.messageKey, status: error.httpStatus };
}
