// Registers a household (建档立卡): identity fields encrypted per field, the resident ID's
// HMAC unique across the platform (precise identification: 不漏一户、不添一人), and the audit row in
// the same transaction. A household accepted from an online application closes that application in
// the same transaction too, so there is never a case without its application marked, or the reverse.
import { eq } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { organisations } from "../../../db/schema/organisations";
import { completeApplication } from "../applications/application-prefill.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import type { RateLimiters } from "../auth/rate-limit.server";
import { moneyToString, parseMoney } from "../money/money";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { forbidden } from "../errors/domain-error";
import { getRegionDirectory } from "../regions/region-directory.server";
import type { HolderAnswer } from "./answer-resident-id-holders.server";
import { auditHolderAnswer } from "./answer-resident-id-holders.server";
import { regionScope } from "../regions/region-scope.server";
import type { HouseholdForm } from "./household-form";
import { reserveCaseNumber } from "./reserve-case-numbers.server";

export type RegisterCaseResult =
  | { kind: "registered"; caseId: string; caseNumber: string }
  /** The resident ID is held by another case: only the name of the union holding it is told. */
  | { kind: "held"; unionName: string }
  | { kind: "bad-county" }
  /** Too many answers naming a holder lately: registering waits, so IDs cannot be probed. */
  | { kind: "rate-limited"; retryAfterSeconds: number };

interface Writer {
  scope: string;
  organisationId: string;
}

function writerOf(actor: Actor): Writer {
  const scope = regionScope(actor, "write-cases");
  const organisationId = actor.membership?.organisationId;
  if (!organisationId) throw forbidden("Only caseworkers and union admins register households.", "noCaseWriting");
  return { scope, organisationId };
}

type RegisterOptions = { db: Database; cipher: IdentityCipher; rateLimits: RateLimiters; actor: Actor; household: HouseholdForm; ip: string | null };

/**
 * Registers a household in a county of the actor's region, for the actor's union. Naming the union
 * that holds an ID tells, across regions, whether someone is a registered hardship household: each
 * such answer is audited and counted per user, and while the count is used up every registration
 * waits (refusing only the held IDs would give the answer away).
 */
export async function registerCase(options: RegisterOptions): Promise<RegisterCaseResult> {
  const { db, actor, rateLimits } = options;
  const writer = writerOf(actor);
  const county = (await getRegionDirectory(db)).get(options.household.regionCode);
  if (county?.level !== "county" || !county.code.startsWith(writer.scope)) return { kind: "bad-county" };
  const counted = await rateLimits.consume("residentIdHolder", actor.userId);
  if (!counted.ok) {
    await auditHolderAnswer(db, { actor, regionCode: county.code, ip: options.ip, holder: null });
    return { kind: "rate-limited", retryAfterSeconds: counted.retryAfterSeconds };
  }
  const result = await insertCase(options, writer, county);
  if (result.kind !== "held") await rateLimits.reward("residentIdHolder", actor.userId);
  return result;
}

async function insertCase(options: RegisterOptions, writer: Writer, county: { code: string }): Promise<RegisterCaseResult> {
  const { db, cipher, actor, household } = options;
  const idHash = cipher.hashResidentId(household.idNumber);

  try {
    return await db.transaction(async (tx) => {
      const holder = await unionHolding(tx, idHash);
      if (holder) return answerHeld(tx, { actor, regionCode: county.code, ip: options.ip, holder });
      const caseNumber = await reserveCaseNumber(tx, county.code);
      const [row] = await tx
        .insert(cases)
        .values({
          caseNumber,
          // A prefecture union registering a county household keeps it as its own: the union that
          // registered a household is the one that answers for it.
          organisationId: writer.organisationId,
          regionCode: county.code,
          headNameEnc: cipher.encrypt("name", household.name),
          headIdNumberEnc: cipher.encrypt("idNumber", household.idNumber),
          headPhoneEnc: cipher.encrypt("phone", household.phone),
          headAddressEnc: cipher.encrypt("address", household.address),
          idHash,
          birthYear: household.birthYear,
          sex: household.sex,
          householdSize: household.householdSize,
          monthlyIncomePerHead: moneyToString(parseMoney(household.monthlyIncomePerHead)),
          causes: household.causes,
          tier: household.tier,
        })
        .returning({ id: cases.id, caseNumber: cases.caseNumber });
      if (!row) throw new Error("case insert returned no row");
      if (household.applicationId) {
        await completeApplication(tx, { applicationId: household.applicationId, caseId: row.id, actor, outcome: "accepted", ip: options.ip });
      }
      await recordAudit(tx, {
        actor,
        action: "case.register",
        entity: "case",
        entityId: row.id,
        organisationId: writer.organisationId,
        regionCode: county.code,
        ip: options.ip,
        // The household's shape, never its identity.
        after: {
          caseNumber: row.caseNumber,
          status: "registered",
          regionCode: county.code,
          tier: household.tier,
          causes: household.causes,
          householdSize: household.householdSize,
          ...(household.applicationId ? { applicationId: household.applicationId } : {}),
        },
      });
      return { kind: "registered", caseId: row.id, caseNumber: row.caseNumber } as const;
    });
  } catch (error) {
    // Two registrations of one ID at the same moment: the unique index decides, the loser is told.
    if (!isUniqueViolation(error, "cases_id_hash_key")) throw error;
    const holder = await unionHolding(db, idHash);
    if (!holder) throw error;
    return answerHeld(db, { actor, regionCode: county.code, ip: options.ip, holder });
  }
}

interface Holder {
  caseId: string;
  organisationId: string;
  unionName: string;
}

/** The case holding this resident ID hash and the name of its union, if any. */
async function unionHolding(db: Database | Transaction, idHash: Buffer): Promise<Holder | null> {
  const [row] = await db
    .select({ caseId: cases.id, organisationId: cases.organisationId, unionName: organisations.name })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.idHash, idHash));
  return row ?? null;
}

async function answerHeld(db: Database | Transaction, answer: HolderAnswer & { holder: Holder }) {
  await auditHolderAnswer(db, answer);
  return { kind: "held", unionName: answer.holder.unionName } as const;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  let e: unknown = error;
  while (typeof e === "object" && e !== null) {
    if ("code" in e && e.code === "23505") return !("constraint" in e) || e.constraint === undefined || e.constraint === constraint;
    e = "cause" in e ? e.cause : undefined;
  }
  return false;
}
