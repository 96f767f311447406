// Where a pledge goes: a public need (the union holding the need's case receives it) or a verified
// union's general fund, and how donors pay that union. Public reads only: a need's title and
// reference, a union's name and the bank details it publishes for donors.
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { unionBankDetails } from "../../../db/schema/ledger";
import { needs } from "../../../db/schema/needs";
import { organisations } from "../../../db/schema/organisations";
import { PUBLIC_NEED_STATUSES } from "../needs/need-category";
import type { PledgeTarget } from "./pledge-form";

export interface PledgeDestination {
  organisationId: string;
  unionName: string;
  need: { id: string; ref: string; title: string } | null;
}

export interface BankTransferDetails {
  accountName: string;
  bankName: string;
  accountNumber: string;
  contact: string;
}

const giveQuery = z.object({ need: z.string().regex(/^N-[2-9A-HJKMNP-TV-Z]{7}$/).optional(), union: z.uuid().optional() });

/** /give's query: a need's reference or a union to preselect; null when either is malformed. */
export function readGiveQuery(params: URLSearchParams): { need?: string; union?: string } | null {
  const parsed = giveQuery.safeParse({ need: params.get("need") ?? undefined, union: params.get("union") ?? undefined });
  return parsed.success ? parsed.data : null;
}

const isGivingUnion = and(eq(organisations.kind, "union"), eq(organisations.status, "verified"));

/** The union (and need) a pledge would go to, or null when the need is not public or the union not open for giving. */
export async function findPledgeDestination(db: Database, target: PledgeTarget): Promise<PledgeDestination | null> {
  if (target.kind === "union") {
    const [union] = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.id, target.organisationId), isGivingUnion))
      .limit(1);
    return union ? { organisationId: union.id, unionName: union.name, need: null } : null;
  }
  const [row] = await db
    .select({ needId: needs.id, ref: needs.ref, title: needs.title, organisationId: organisations.id, unionName: organisations.name })
    .from(needs)
    .innerJoin(cases, eq(cases.id, needs.caseId))
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(and(eq(needs.ref, target.needRef), inArray(needs.status, [...PUBLIC_NEED_STATUSES])))
    .limit(1);
  return row ? { organisationId: row.organisationId, unionName: row.unionName, need: { id: row.needId, ref: row.ref, title: row.title } } : null;
}

/** Verified unions a donor may give to, by name. */
export async function listGivingUnions(db: Database): Promise<{ id: string; name: string }[]> {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(isGivingUnion).orderBy(asc(organisations.name));
}

/** The account a union's finance staff published for donors' transfers, or null while it has none. */
export async function findBankTransferDetails(db: Database, organisationId: string): Promise<BankTransferDetails | null> {
  const [row] = await db
    .select({ accountName: unionBankDetails.accountName, bankName: unionBankDetails.bankName, accountNumber: unionBankDetails.accountNumber, contact: unionBankDetails.contact })
    .from(unionBankDetails)
    .where(eq(unionBankDetails.organisationId, organisationId))
    .limit(1);
  return row ?? null;
}
