// What the database itself refuses on the ledger, written as raw SQL by the application's role (in
// tests that role owns the tables, so the triggers, not privileges, are what stops it).
import { addMoney, moneyFromDb, moneyToString, subtractMoney } from "../app/domain/money/money";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDatabase } from "../tests/database";
import type { TestBooks } from "../tests/ledger-fixture";
import { balanceOf, createLedgerUser, openTestBooks, postRaw, rowsOf } from "../tests/ledger-fixture";
import { verifyLedger } from "../app/domain/ledger/verify-ledger.server";
import type { DatabaseHandle, Transaction } from "./client.server";

let handle: DatabaseHandle;
let books: TestBooks;
let keys = 0;
const key = () => `test-${++keys}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  books = await openTestBooks(handle.db);
});
afterAll(() => handle?.close());

/** The SQLSTATE and constraint of a failed statement, wherever the driver put them. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; constraint: string | null; message: string }> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error === null) throw new Error("the statement was accepted");
  const parsed = z.object({ code: z.string(), constraint: z.string().optional(), message: z.string() });
  for (let e: unknown = error; e; e = e instanceof Error ? e.cause : null) {
    const found = parsed.safeParse(e);
    if (found.success) return { code: found.data.code, constraint: found.data.constraint ?? null, message: found.data.message };
  }
  throw error;
}

const receipt = (amount: string, into = books.general.donations) =>
  postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: key(), source: "donations", method: "bank-transfer" }, [
    [books.bank, amount],
    [into, `-${amount}`],
  ]);

const count = async (table: "ledger_transactions" | "ledger_postings") => {
  const [row] = await rowsOf(handle.db, z.object({ n: z.number() }), sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row?.n ?? -1;
};

describe("ledger transactions", () => {
  it("commit when balanced, move both balances and are sealed into the hash chain after commit", async () => {
    const bankBefore = await balanceOf(handle.db, books.bank);
    const id = await receipt("120.50");
    expect(await balanceOf(handle.db, books.general.donations)).toBe("120.50");
    expect(moneyToString(subtractMoney(moneyFromDb(await balanceOf(handle.db, books.bank)), moneyFromDb(bankBefore)))).toBe("120.50");
    const second = await receipt("1.00");
    const rows = await rowsOf(
      handle.db,
      z.object({ id: z.string(), sequence: z.string(), previous_hash: z.string(), hash: z.string() }),
      sql`select id, sequence::text, previous_hash, hash from ledger_transactions t where t.id in (${id}, ${second}) order by t.sequence`,
    );
    expect(rows.map((r) => r.id)).toEqual([id, second]);
    expect(rows[1]?.previous_hash).toBe(rows[0]?.hash);
    expect(BigInt(rows[1]?.sequence ?? 0)).toBe(BigInt(rows[0]?.sequence ?? 0) + 1n);
    const [head] = await rowsOf(handle.db, z.object({ hash: z.string() }), sql`select hash from ledger_chain_head`);
    expect(head?.hash).toBe(rows[1]?.hash);
  });

  it("whose postings do not sum to zero are refused at commit, and nothing stays", async () => {
    const [transactions, postings, bank] = [await count("ledger_transactions"), await count("ledger_postings"), await balanceOf(handle.db, books.bank)];
    let insertedWithinTransaction = false;
    const attempt = handle.db.transaction(async (tx) => {
      const [row] = await rowsOf(
        tx,
        z.object({ id: z.string() }),
        sql`insert into ledger_transactions (organisation_id, kind, idempotency_key, source, method) values (${books.organisationId}, 'receipt', ${key()}, 'donations', 'cash') returning id`,
      );
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${row?.id}, ${books.bank}, '100.00')`);
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${row?.id}, ${books.general.donations}, '-90.00')`);
      insertedWithinTransaction = true;
    });
    expect(await refusal(attempt)).toMatchObject({ code: "23514", constraint: "ledger_transactions_balanced" });
    expect(insertedWithinTransaction).toBe(true);
    expect([await count("ledger_transactions"), await count("ledger_postings"), await balanceOf(handle.db, books.bank)]).toEqual([transactions, postings, bank]);
  });

  it("with fewer than two postings are refused at commit", async () => {
    const attempt = postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: key(), source: "union", method: "cash" }, []);
    expect(await refusal(attempt)).toMatchObject({ code: "23514", constraint: "ledger_transactions_two_postings" });
  });

  it("cannot reuse an idempotency key", async () => {
    await postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: "same-key", source: "union", method: "cash" }, [
      [books.bank, "5.00"],
      [books.general.union, "-5.00"],
    ]);
    const again = postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: "same-key", source: "union", method: "cash" }, [
      [books.bank, "5.00"],
      [books.general.union, "-5.00"],
    ]);
    expect(await refusal(again)).toMatchObject({ code: "23505", constraint: "ledger_transactions_idempotency_key_key" });
  });
});

describe("committed ledger rows", () => {
  it("refuse UPDATE, DELETE and TRUNCATE of postings", async () => {
    const id = await receipt("10.00");
    expect(await refusal(handle.db.execute(sql`update ledger_postings set amount = amount * 2 where transaction_id = ${id}`))).toMatchObject({ code: "42501" });
    expect(await refusal(handle.db.execute(sql`delete from ledger_postings where transaction_id = ${id}`))).toMatchObject({ code: "42501" });
    expect(await refusal(handle.db.execute(sql`truncate ledger_postings`))).toMatchObject({ code: "42501" });
    expect(await rowsOf(handle.db, z.object({ amount: z.string() }), sql`select p.amount::text as amount from ledger_postings p where p.transaction_id = ${id} order by p.amount`)).toEqual([
      { amount: "-10.00" },
      { amount: "10.00" },
    ]);
  });

  it("refuse UPDATE and DELETE of transactions, the seal's columns included", async () => {
    const id = await receipt("10.00");
    expect(await refusal(handle.db.execute(sql`update ledger_transactions set memo = 'changed' where id = ${id}`))).toMatchObject({ code: "42501" });
    expect(await refusal(handle.db.execute(sql`update ledger_transactions set hash = repeat('a', 64) where id = ${id}`))).toMatchObject({ code: "42501" });
    expect(await refusal(handle.db.execute(sql`delete from ledger_transactions where id = ${id}`))).toMatchObject({ code: "42501" });
  });

  it("take no further postings once sealed", async () => {
    const id = await receipt("10.00");
    const added = handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${id}, ${books.general.union}, '3.00')`);
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${id}, ${books.general.government}, '-3.00')`);
    });
    expect(await refusal(added)).toMatchObject({ code: "42501" });
  });

  it("take no further postings once committed, before the sealer has linked them too", async () => {
    const id = await postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: key(), source: "donations", method: "bank-transfer" }, [[books.bank, "4.00"], [books.general.donations, "-4.00"]], { seal: false });
    const added = handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${id}, ${books.general.union}, '3.00')`);
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${id}, ${books.general.government}, '-3.00')`);
    });
    expect(await refusal(added)).toMatchObject({ code: "42501" });
    await handle.db.execute(sql`select ledger_seal_pending()`);
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("check a new transaction's postings by its own key, however many transactions wait unsealed", async () => {
    // A tail of 300 committed, unsealed transactions (as when the sealer has stopped), written in two statements.
    const tail = 300;
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ledger_transactions (organisation_id, kind, idempotency_key, source, method)
                           select ${books.organisationId}, 'receipt', 'tail-' || i, 'donations', 'bank-transfer' from generate_series(1, ${tail}) i`);
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount)
                           select t.id, p.account_id, p.amount::numeric from ledger_transactions t
                           cross join (values (${books.bank}::uuid, '1.00'), (${books.general.donations}::uuid, '-1.00')) p (account_id, amount)
                           where t.idempotency_key like 'tail-%'`);
    });
    // Rows of the ledger's two tables read by one more transaction's writing, as the statistics of this transaction count them.
    const read = z.object({ n: z.coerce.number() });
    const rowsRead = (tx: Transaction) =>
      rowsOf(tx, read, sql`select coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0)::int as n from pg_stat_xact_user_tables where relname in ('ledger_transactions', 'ledger_postings')`);
    const during = await handle.db.transaction(async (tx) => {
      const [before] = await rowsRead(tx);
      const [row] = await rowsOf(tx, z.object({ id: z.string() }), sql`insert into ledger_transactions (organisation_id, kind, idempotency_key, source, method)
                                                                     values (${books.organisationId}, 'receipt', ${key()}, 'donations', 'bank-transfer') returning id`);
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${row?.id}, ${books.bank}, '5.00'), (${row?.id}, ${books.general.donations}, '-5.00')`);
      const [after] = await rowsRead(tx);
      return (after?.n ?? 0) - (before?.n ?? 0);
    });
    expect(during).toBeLessThan(20);
    await handle.db.execute(sql`select ledger_seal_pending(1000)`);
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("are sealed only as the next link, with the hashes the database computes, in a fixed order", async () => {
    const ids: string[] = [];
    for (const amount of ["1.00", "2.00", "3.00"]) {
      ids.push(await postRaw(handle.db, { organisationId: books.organisationId, kind: "receipt", key: key(), source: "donations", method: "bank-transfer" }, [[books.bank, amount], [books.general.donations, `-${amount}`]], { seal: false }));
    }
    const [first, second, third] = ids;
    const [last] = await rowsOf(handle.db, z.object({ sequence: z.string(), hash: z.string() }), sql`select t.sequence::text as sequence, t.hash from ledger_transactions t where t.sequence is not null order by t.sequence desc limit 1`);
    const before = { sequence: BigInt(last?.sequence ?? "0"), hash: last?.hash ?? "" };
    // A gap, or a hash of one's own choosing, is not a seal.
    expect(await refusal(handle.db.execute(sql`update ledger_transactions set sequence = ${(before.sequence + 2n).toString()} where id = ${first}`))).toMatchObject({ code: "23514", constraint: "ledger_transactions_chain_linear" });
    await handle.db.execute(sql`update ledger_transactions set sequence = ${(before.sequence + 1n).toString()}, previous_hash = repeat('b', 64), hash = repeat('a', 64) where id = ${second}`);
    const [linked] = await rowsOf(handle.db, z.object({ previous_hash: z.string(), hash: z.string() }), sql`select previous_hash, hash from ledger_transactions where id = ${second}`);
    expect(linked?.previous_hash).toBe(before.hash);
    expect(linked?.hash).not.toBe("a".repeat(64));
    // Two rows cannot take one position.
    expect(await refusal(handle.db.execute(sql`update ledger_transactions set sequence = ${(before.sequence + 1n).toString()} where id = ${first}`))).toMatchObject({ code: "23505" });
    // The head moves only forward, onto a sealed transaction; the sealer links the rest oldest first.
    expect(await refusal(handle.db.execute(sql`update ledger_chain_head set sequence = sequence + 1`))).toMatchObject({ code: "42501" });
    const [sealed] = await rowsOf(handle.db, z.object({ sealed: z.number() }), sql`select ledger_seal_pending() as sealed`);
    expect(sealed?.sealed).toBe(2);
    const order = await rowsOf(handle.db, z.object({ id: z.string() }), sql`select id from ledger_transactions where id in (${first}, ${third}) order by sequence`);
    expect(order).toEqual(await rowsOf(handle.db, z.object({ id: z.string() }), sql`select id from ledger_transactions where id in (${first}, ${third}) order by recorded_at, id`));
    const [head] = await rowsOf(handle.db, z.object({ sequence: z.string() }), sql`select sequence::text from ledger_chain_head`);
    expect(BigInt(head?.sequence ?? "0")).toBe(before.sequence + 3n);
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("keep balances and the chain head out of reach of direct writes", async () => {
    expect(await refusal(handle.db.execute(sql`update ledger_balances set balance = balance + 1000 where account_id = ${books.general.union}`))).toMatchObject({ code: "42501" });
    expect(await refusal(handle.db.execute(sql`delete from ledger_balances where account_id = ${books.general.union}`))).toMatchObject({ code: "42501" });
    expect(await refusal(handle.db.execute(sql`update ledger_chain_head set hash = repeat('b', 64)`))).toMatchObject({ code: "42501" });
  });
});

describe("an application role granted only SELECT and INSERT", () => {
  it("posts through the owner's triggers, and privileges refuse its UPDATE and DELETE", async () => {
    const role = `ledger_app_${Math.random().toString(36).slice(2, 10)}`;
    await handle.db.execute(sql.raw(`create role ${role} nologin`));
    await handle.db.execute(sql.raw(`grant select, insert on all tables in schema public to ${role}`));
    const asRole = <T>(work: (tx: Transaction) => Promise<T>) =>
      handle.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local role ${role}`));
        return work(tx);
      });
    const before = await balanceOf(handle.db, books.general.union);
    await asRole(async (tx) => {
      const [row] = await rowsOf(
        tx,
        z.object({ id: z.string() }),
        sql`insert into ledger_transactions (organisation_id, kind, idempotency_key, source, method) values (${books.organisationId}, 'receipt', ${key()}, 'union', 'cash') returning id`,
      );
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${row?.id}, ${books.bank}, '2.00'), (${row?.id}, ${books.general.union}, '-2.00')`);
    });
    expect(moneyToString(subtractMoney(moneyFromDb(await balanceOf(handle.db, books.general.union)), moneyFromDb(before)))).toBe("2.00");
    // The sealer runs as the owner; the role cannot seal by UPDATE itself.
    await asRole((tx) => tx.execute(sql`select ledger_seal_pending()`));
    expect(await verifyLedger({ db: handle.db })).toMatchObject({ ok: true, unsealed: 0 });
    for (const statement of [sql`update ledger_postings set amount = amount`, sql`delete from ledger_transactions`, sql`update ledger_balances set balance = balance`, sql`update ledger_transactions set sequence = 1 where sequence is null`]) {
      expect(await refusal(asRole((tx) => tx.execute(statement)))).toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
    }
    // The commit-time check runs as the owner and still refuses postings that do not sum to zero; nothing stays.
    const [transactions, union] = [await count("ledger_transactions"), await balanceOf(handle.db, books.general.union)];
    const unbalanced = asRole(async (tx) => {
      const [row] = await rowsOf(
        tx,
        z.object({ id: z.string() }),
        sql`insert into ledger_transactions (organisation_id, kind, idempotency_key, source, method) values (${books.organisationId}, 'receipt', ${key()}, 'union', 'cash') returning id`,
      );
      await tx.execute(sql`insert into ledger_postings (transaction_id, account_id, amount) values (${row?.id}, ${books.bank}, '2.00'), (${row?.id}, ${books.general.union}, '-1.00')`);
    });
    expect(await refusal(unbalanced)).toMatchObject({ code: "23514", constraint: "ledger_transactions_balanced" });
    expect([await count("ledger_transactions"), await balanceOf(handle.db, books.general.union)]).toEqual([transactions, union]);
    // Roles belong to the whole server, not to this test's database.
    await handle.db.execute(sql.raw(`drop owned by ${role}`));
    await handle.db.execute(sql.raw(`drop role ${role}`));
  });
});

describe("a fund", () => {
  it("cannot be allocated below zero", async () => {
    await receipt("30.00", books.general.government);
    const needFundStandIn = books.general.union;
    const before = await balanceOf(handle.db, books.general.government);
    const oneFenMore = moneyToString(addMoney(moneyFromDb(before), moneyFromDb("0.01")));
    const overdraw = postRaw(handle.db, { organisationId: books.organisationId, kind: "allocation", key: key() }, [
      [books.general.government, oneFenMore],
      [needFundStandIn, `-${oneFenMore}`],
    ]);
    expect(await refusal(overdraw)).toMatchObject({ code: "23514", constraint: "ledger_balances_not_negative" });
    expect(await balanceOf(handle.db, books.general.government)).toBe(before);
  });
});

describe("a reversal", () => {
  it("happens at most once per transaction", async () => {
    const original = await receipt("40.00");
    const reverse = () =>
      postRaw(handle.db, { organisationId: books.organisationId, kind: "reversal", key: key(), memo: "录错金额", reversesId: original }, [
        [books.bank, "-40.00"],
        [books.general.donations, "40.00"],
      ]);
    await reverse();
    expect(await refusal(reverse())).toMatchObject({ code: "23505", constraint: "ledger_transactions_reversed_once_idx" });
  });

  it("must mirror the original's postings", async () => {
    const original = await receipt("40.00");
    const partial = postRaw(handle.db, { organisationId: books.organisationId, kind: "reversal", key: key(), memo: "部分冲销", reversesId: original }, [
      [books.bank, "-30.00"],
      [books.general.donations, "30.00"],
    ]);
    expect(await refusal(partial)).toMatchObject({ code: "23514", constraint: "ledger_transactions_reversal_mirrors" });
  });
});

describe("a disbursement", () => {
  it("is posted only against a request another person approved", async () => {
    await receipt("80.00", books.general.donations);
    const [maker, checker] = [await createLedgerUser(handle.db), await createLedgerUser(handle.db)];
    const [request] = await rowsOf(
      handle.db,
      z.object({ id: z.string() }),
      sql`insert into disbursement_requests (ref, organisation_id, fund_account_id, payee_name, payee_kind, purpose, amount, requested_by, idempotency_key)
          values (${`D-${key()}`}, ${books.organisationId}, ${books.general.donations}, '测试县第一中学', 'school', '学费', '50.00', ${maker}, ${key()}) returning id`,
    );
    const pay = () =>
      postRaw(handle.db, { organisationId: books.organisationId, kind: "disbursement", key: key(), disbursementRequestId: request?.id }, [
        [books.general.donations, "50.00"],
        [books.bank, "-50.00"],
      ]);
    expect(await refusal(pay())).toMatchObject({ code: "23514", constraint: "ledger_transactions_disbursement_approved" });
    const selfApproval = handle.db.execute(sql`update disbursement_requests set status = 'approved', approved_by = ${maker}, decided_at = now() where id = ${request?.id}`);
    expect(await refusal(selfApproval)).toMatchObject({ code: "23514", constraint: "disbursement_requests_approver_not_requester" });
    await handle.db.execute(sql`update disbursement_requests set status = 'approved', approved_by = ${checker}, decided_at = now() where id = ${request?.id}`);
    await pay();
    expect(await refusal(pay())).toMatchObject({ code: "23505", constraint: "ledger_transactions_disbursed_once_idx" });
  });
});
