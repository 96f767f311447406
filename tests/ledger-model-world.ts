// The database side of the ledger's model-based test: fresh unions made cheaply in batches (each
// with two published needs and two finance users), and the steps of tests/ledger-model.ts run
// through the real use cases, answering what each did as an Outcome the model's can be compared to.
// Names, emails and identity bytes are obviously fake.
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../app/domain/auth/actor";
import { isDomainError } from "../app/domain/errors/domain-error";
import { allocateFunds } from "../app/domain/ledger/allocate-funds.server";
import { decideDisbursement } from "../app/domain/ledger/decide-disbursement.server";
import { recordReceipt } from "../app/domain/ledger/record-receipt.server";
import { requestDisbursement } from "../app/domain/ledger/request-disbursement.server";
import { reverseTransaction } from "../app/domain/ledger/reverse-transaction.server";
import { moneyFromDb, moneyToString } from "../app/domain/money/money";
import { newPublicReference } from "../app/domain/needs/public-reference.server";
import { cancelPledge } from "../app/domain/pledges/cancel-pledge.server";
import { createPledge } from "../app/domain/pledges/create-pledge.server";
import { pledgeFormSchema } from "../app/domain/pledges/pledge-form";
import { newPledgeKey } from "../app/domain/pledges/tracking-code.server";
import { accountBalanceSql } from "../app/domain/ledger/ledger-accounts.server";
import { FUND_SOURCES } from "../app/domain/ledger/ledger-vocabulary";
import type { Database } from "../db/client.server";
import { memberships, users } from "../db/schema/accounts";
import { cases } from "../db/schema/cases";
import { disbursementRequests, ledgerAccounts, pledges } from "../db/schema/ledger";
import { needs } from "../db/schema/needs";
import { organisations } from "../db/schema/organisations";
import type { AccountKey, LedgerStep, NeedSlot, Outcome } from "./ledger-model";
import { ACCOUNT_KEYS, FORM_REFUSAL } from "./ledger-model";

const REGION = "532923";
const BATCH = 50;

export interface ModelUnion {
  organisationId: string;
  needRefs: readonly [string, string];
  needIds: readonly [string, string];
  /** Two finance users of the union, as the session loader would give them. */
  actors: readonly [Actor, Actor];
}

let made = 0;
const runTag = randomBytes(3).toString("hex");

/** Hands out a fresh union per sequence, inserting them fifty at a time. */
export class ModelUnions {
  private readonly ready: ModelUnion[] = [];
  constructor(private readonly db: Database) {}

  async take(): Promise<ModelUnion> {
    if (this.ready.length === 0) this.ready.push(...(await openUnions(this.db, BATCH)));
    const union = this.ready.pop();
    if (!union) throw new Error("no union");
    return union;
  }
}

async function openUnions(db: Database, count: number): Promise<ModelUnion[]> {
  const first = made;
  made += count;
  const numbers = Array.from({ length: count }, (_, i) => first + i + 1);
  const orgs = await db
    .insert(organisations)
    .values(numbers.map((n) => ({ kind: "union" as const, name: `模型测试县总工会${n}`, regionCode: REGION, status: "verified" as const })))
    .returning({ id: organisations.id, name: organisations.name, kind: organisations.kind, status: organisations.status, regionCode: organisations.regionCode });
  const people = await db
    .insert(users)
    .values(numbers.flatMap((n) => [0, 1].map((slot) => ({ email: `model-${runTag}-${n}-${slot}@test.xiangyun.invalid`, displayName: `模型财务${n}-${slot}`, passwordHash: "x" }))))
    .returning({ id: users.id, email: users.email, displayName: users.displayName, isPlatformAdmin: users.isPlatformAdmin, totpEnabledAt: users.totpEnabledAt });
  await db.insert(memberships).values(people.map((p, i) => ({ userId: p.id, organisationId: orgs[Math.floor(i / 2)]?.id ?? "", role: "finance" as const })));
  const fake = Buffer.from("fake");
  const caseRows = await db
    .insert(cases)
    .values(
      orgs.map((org, i) => ({
        caseNumber: `${REGION}-1999-${String(first + i + 1).padStart(6, "0")}`,
        organisationId: org.id,
        regionCode: REGION,
        headNameEnc: fake,
        headIdNumberEnc: fake,
        headPhoneEnc: fake,
        headAddressEnc: fake,
        idHash: randomBytes(32),
        birthYear: 1980,
        sex: "female" as const,
        householdSize: 3,
        monthlyIncomePerHead: "300.00",
        causes: ["education" as const],
        tier: "general" as const,
      })),
    )
    .returning({ id: cases.id, organisationId: cases.organisationId });
  const needRows = await db
    .insert(needs)
    .values(
      caseRows.flatMap((c) =>
        [0, 1].map((slot) => ({ ref: newPublicReference("N"), caseId: c.id, regionCode: REGION, category: "tuition" as const, title: `模型测试需求${slot}`, story: "学费缺口。", status: "published" as const, publishedAt: new Date() })),
      ),
    )
    .returning({ id: needs.id, ref: needs.ref, caseId: needs.caseId });
  // Most unions have their chart of accounts already, as a union that has kept books for a while;
  // every fourth opens its accounts on first use, as a new one does.
  const opened = orgs.filter((_, i) => (first + i) % 4 !== 0);
  if (opened.length > 0) {
    await db.insert(ledgerAccounts).values(
      opened.flatMap((org) => {
        const caseId = caseRows.find((c) => c.organisationId === org.id)?.id;
        return [
          { organisationId: org.id, kind: "bank" as const },
          { organisationId: org.id, kind: "clearing" as const },
          ...FUND_SOURCES.map((source) => ({ organisationId: org.id, kind: "general-fund" as const, source })),
          ...needRows.filter((n) => n.caseId === caseId).map((n) => ({ organisationId: org.id, kind: "need-fund" as const, needId: n.id })),
        ];
      }),
    );
  }
  return orgs.map((org, i) => {
    const caseId = caseRows.find((c) => c.organisationId === org.id)?.id;
    const own = needRows.filter((n) => n.caseId === caseId);
    const actor = (slot: number): Actor => {
      const p = people[2 * i + slot];
      if (!p) throw new Error("no user");
      return {
        userId: p.id,
        email: p.email,
        displayName: p.displayName,
        isPlatformAdmin: p.isPlatformAdmin,
        totpEnabled: p.totpEnabledAt !== null,
        sessionId: randomUUID(),
        membership: { organisationId: org.id, organisationName: org.name, kind: org.kind, status: org.status, regionCode: org.regionCode, role: "finance" },
      };
    };
    const [a, b] = own;
    if (!a || !b) throw new Error("no needs");
    return { organisationId: org.id, needRefs: [a.ref, b.ref], needIds: [a.id, b.id], actors: [actor(0), actor(1)] };
  });
}

/** What a refusal was: a DomainError's kind and key, or the pledge form's schema. Anything else fails the test. */
function outcomeOf(error: unknown): Outcome {
  if (isDomainError(error)) return { ok: false, kind: error.kind, messageKey: error.messageKey };
  throw error;
}

const VALUE_DATE = "2026-12-01";
const MISSING_PLEDGE = "P-2222222";
const MISSING_REQUEST = "D-2222222";

/** Runs steps for one union through the use cases, remembering what each wrote to name it later. */
export class LedgerRunner {
  readonly pledgeRefs: string[] = [];
  readonly requestRefs: string[] = [];
  readonly transactionIds: string[] = [];
  /** The form key each keyed step sent, and what it wrote (a retry must answer the same). */
  private readonly keys = new Map<number, { key: string; wrote?: string }>();

  constructor(
    private readonly db: Database,
    readonly union: ModelUnion,
  ) {}

  async run(step: LedgerStep): Promise<Outcome> {
    try {
      return await this.runUseCase(step);
    } catch (error) {
      return outcomeOf(error);
    }
  }

  private keyOf(step: Extract<LedgerStep, { key: number }>): { key: string; wrote?: string } {
    let entry = this.keys.get(step.key);
    if (!entry) {
      entry = { key: step.type === "pledge" ? newPledgeKey() : `model-${runTag}-${this.union.organisationId}-${step.key}` };
      this.keys.set(step.key, entry);
    }
    return entry;
  }

  /** Remembers what a key wrote, or checks that a replay answers the same thing. */
  private wrote(entry: { wrote?: string }, id: string, replayed: boolean, list: string[]): Outcome {
    if (replayed) {
      if (entry.wrote !== id) throw new Error(`a replay answered ${id}, the key wrote ${entry.wrote ?? "nothing"}`);
    } else {
      entry.wrote = id;
      list.push(id);
    }
    return { ok: true, replayed };
  }

  private async runUseCase(step: LedgerStep): Promise<Outcome> {
    const { db, union } = this;
    const [first, second] = union.actors;
    const finance = first;
    switch (step.type) {
      case "pledge": {
        const entry = this.keyOf(step);
        const form = pledgeFormSchema.safeParse({
          key: entry.key,
          amount: step.amount,
          anonymous: "on",
          ...(step.need === null ? { union: union.organisationId } : { need: union.needRefs[step.need] }),
        });
        if (!form.success) return FORM_REFUSAL;
        const pledge = await createPledge({ db, input: form.data, expiryDays: 30 });
        return this.wrote(entry, pledge.ref, pledge.replayed, this.pledgeRefs);
      }
      case "receive-pledge":
      case "receive": {
        const entry = this.keyOf(step);
        const target =
          step.type === "receive-pledge"
            ? { pledgeRef: step.pledge === null ? MISSING_PLEDGE : (this.pledgeRefs[step.pledge] ?? MISSING_PLEDGE) }
            : { source: step.source, needRef: step.need === null ? null : union.needRefs[step.need] };
        const method = step.type === "receive" ? step.method : "bank-transfer";
        const posted = await recordReceipt({
          db,
          actor: finance,
          receipt: { target, amount: step.amount, valueDate: VALUE_DATE, method, bankReference: "MODEL-TEST", memo: null, idempotencyKey: entry.key },
        });
        return this.wrote(entry, posted.transactionId, posted.replayed, this.transactionIds);
      }
      case "allocate": {
        const entry = this.keyOf(step);
        const posted = await allocateFunds({ db, actor: finance, allocation: { source: step.source, needRef: union.needRefs[step.need], amount: step.amount, memo: null, idempotencyKey: entry.key } });
        return this.wrote(entry, posted.transactionId, posted.replayed, this.transactionIds);
      }
      case "request": {
        const entry = this.keyOf(step);
        const fund = typeof step.fund === "number" ? { needRef: union.needRefs[step.fund] } : { source: step.fund };
        const asked = await requestDisbursement({
          db,
          actor: union.actors[step.by],
          request: { fund, payeeName: "模型测试县中学", payeeKind: "school", purpose: "学费", invoiceRef: null, amount: step.amount, idempotencyKey: entry.key },
        });
        return this.wrote(entry, asked.ref, asked.replayed, this.requestRefs);
      }
      case "decide": {
        const ref = step.request === null ? MISSING_REQUEST : (this.requestRefs[step.request] ?? MISSING_REQUEST);
        const decision = step.decision === "approve" ? { decision: "approve" as const } : { decision: "reject" as const, reason: step.reason };
        const decided = await decideDisbursement({ db, actor: union.actors[step.by], ref, decision });
        if (decided.transactionId) this.transactionIds.push(decided.transactionId);
        return { ok: true, replayed: false };
      }
      case "reverse": {
        const id = step.transaction === null ? randomUUID() : (this.transactionIds[step.transaction] ?? randomUUID());
        const reversal = await reverseTransaction({ db, actor: second, transactionId: id, reason: step.reason });
        this.transactionIds.push(reversal.transactionId);
        return { ok: true, replayed: false };
      }
      case "cancel-pledge": {
        const ref = step.pledge === null ? MISSING_PLEDGE : (this.pledgeRefs[step.pledge] ?? MISSING_PLEDGE);
        await cancelPledge({ db, actor: finance, ref });
        return { ok: true, replayed: false };
      }
    }
  }

  /** Every account of the union with its balance as exact money text; accounts not opened yet hold 0.00. */
  async balances(): Promise<Record<string, string>> {
    const rows = await this.db
      .select({ kind: ledgerAccounts.kind, source: ledgerAccounts.source, needId: ledgerAccounts.needId, balance: accountBalanceSql(ledgerAccounts.id) })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.organisationId, this.union.organisationId));
    const found: Record<string, string> = Object.fromEntries(ACCOUNT_KEYS.map((k) => [k, "0.00"]));
    for (const row of rows) {
      const slot: NeedSlot | -1 = row.needId === this.union.needIds[0] ? 0 : row.needId === this.union.needIds[1] ? 1 : -1;
      const key: AccountKey | string = row.kind === "general-fund" ? `general:${row.source ?? "?"}` : row.kind === "need-fund" ? (slot === -1 ? `need:${row.needId ?? "?"}` : `need:${slot}`) : row.kind;
      found[key] = row.balance === null ? "no balance row" : moneyToString(moneyFromDb(row.balance));
    }
    return found;
  }

  /** The status of each pledge and request the union's steps made, in the order they were made. */
  async statuses(): Promise<{ pledges: string[]; requests: string[] }> {
    const byRef = <T extends { ref: string; status: string }>(rows: T[], refs: string[]) => refs.map((ref) => rows.find((r) => r.ref === ref)?.status ?? "missing");
    const pledgeRows = this.pledgeRefs.length
      ? await this.db.select({ ref: pledges.ref, status: pledges.status }).from(pledges).where(inArray(pledges.ref, this.pledgeRefs))
      : [];
    const requestRows = this.requestRefs.length
      ? await this.db
          .select({ ref: disbursementRequests.ref, status: disbursementRequests.status })
          .from(disbursementRequests)
          .where(and(eq(disbursementRequests.organisationId, this.union.organisationId), inArray(disbursementRequests.ref, this.requestRefs)))
      : [];
    return { pledges: byRef(pledgeRows, this.pledgeRefs), requests: byRef(requestRows, this.requestRefs) };
  }
}
