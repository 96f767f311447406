-- An account's balance is held in 16 rows that sum to it (docs/ledger.md "Balances"): an increase
-- goes to the row of the writer's connection, so receipts into one bank or one fund no longer queue
-- on one row through their commits' flushes; a decrease locks all the account's rows and takes from
-- them in order, each row kept at zero or more by the check, so no fund is ever overdrawn.
ALTER TABLE "ledger_balances" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_balances" DROP CONSTRAINT "ledger_balances_pkey";--> statement-breakpoint
ALTER TABLE "ledger_balances" ADD CONSTRAINT "ledger_balances_pkey" PRIMARY KEY("account_id","shard");--> statement-breakpoint
ALTER TABLE "ledger_balances" ADD CONSTRAINT "ledger_balances_shard_valid" CHECK ("ledger_balances"."shard" >= 0 and "ledger_balances"."shard" < 16);--> statement-breakpoint
-- The row a connection's increases go to. Connections of one pool have different process ids, most
-- of them different rows; a writer with the embedded database always has the same one. The setting
-- xiangyun.ledger_shard chooses another (tests spread money over rows with it); which row an
-- increase goes to changes no balance, only who waits for whom.
CREATE FUNCTION ledger_balance_shard() RETURNS smallint LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('xiangyun.ledger_shard', true), '')::smallint, (pg_backend_pid() % 16)::smallint)
$$;--> statement-breakpoint
-- Existing accounts get their other rows, at zero (the guard refuses writes outside the triggers).
ALTER TABLE "ledger_balances" DISABLE TRIGGER ledger_balances_only_by_postings;--> statement-breakpoint
INSERT INTO ledger_balances (account_id, shard) SELECT b.account_id, s FROM ledger_balances b CROSS JOIN generate_series(1, 15) s;--> statement-breakpoint
ALTER TABLE "ledger_balances" ENABLE TRIGGER ledger_balances_only_by_postings;--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_accounts_open_balance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO ledger_balances (account_id, shard) SELECT NEW.id, s FROM generate_series(0, 15) s;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- A posting moves its account's balance in the same transaction. Balances read on the normal side:
-- debits for the bank, credits for the rest. An increase goes to the connection's row; a decrease
-- is taken from the account's rows in order, and what they do not hold drives the last one below
-- zero, which the check refuses: an overdraft fails at once. Gross debits and credits go to the
-- first row the posting touches.
CREATE OR REPLACE FUNCTION ledger_postings_move_balance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  change numeric(18, 2);
  remaining numeric(18, 2);
  part numeric(18, 2);
  debit numeric(18, 2) := greatest(NEW.amount, 0);
  credit numeric(18, 2) := greatest(-NEW.amount, 0);
  balance_row record;
BEGIN
  SELECT CASE WHEN a.kind = 'bank' THEN NEW.amount ELSE -NEW.amount END INTO change FROM ledger_accounts a WHERE a.id = NEW.account_id;
  IF change IS NULL THEN
    RAISE EXCEPTION 'ledger account % does not exist', NEW.account_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF change >= 0 THEN
    UPDATE ledger_balances SET balance = balance + change, debits = debits + debit, credits = credits + credit
    WHERE account_id = NEW.account_id AND shard = ledger_balance_shard();
    IF NOT FOUND THEN
      RAISE EXCEPTION 'ledger account % has no balance row', NEW.account_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
  END IF;
  remaining := -change;
  FOR balance_row IN SELECT shard, balance FROM ledger_balances WHERE account_id = NEW.account_id ORDER BY shard FOR UPDATE LOOP
    part := least(balance_row.balance, remaining);
    IF part > 0 OR debit + credit > 0 THEN
      UPDATE ledger_balances SET balance = balance - part, debits = debits + debit, credits = credits + credit
      WHERE account_id = NEW.account_id AND shard = balance_row.shard;
      remaining := remaining - part;
      debit := 0;
      credit := 0;
    END IF;
    EXIT WHEN remaining = 0;
  END LOOP;
  IF debit + credit > 0 THEN
    RAISE EXCEPTION 'ledger account % has no balance row', NEW.account_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF remaining > 0 THEN
    UPDATE ledger_balances SET balance = balance - remaining WHERE account_id = NEW.account_id AND shard = 15;
  END IF;
  RETURN NULL;
END
$$;
