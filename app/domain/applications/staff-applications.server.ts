// Online applications as union staff see them, always within the actor's region: the
// queue of open ones, oldest first, and one application with what helps to decide on it. Identity
// columns are never selected here; showing them is the logged reveal (revealApplicationIdentity).
import { aliasedTable, and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { applications } from "../../../db/schema/case-records";
import { cases } from "../../../db/schema/cases";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import { isUuid } from "./application-scope.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import { OPEN_APPLICATION_STATUSES } from "./application-status";
import { parseCaseNumber } from "../cases/case-number";

const PAGE_SIZE = 50;

const inScope = (scope: string) => inRegionScope(applications.regionCode, scope);

/** New and contacted applications of the actor's region, oldest first. */
export async function listApplicationQueue(options: { db: Database; actor: Actor; page: number }) {
  const scope = regionScope(options.actor, "write-cases");
  const where = and(inScope(scope), inArray(applications.status, [...OPEN_APPLICATION_STATUSES]));
  const [rows, [total]] = await Promise.all([
    options.db
      .select({ id: applications.id, number: applications.number, regionCode: applications.regionCode, status: applications.status, helpNeeded: applications.helpNeeded, createdAt: applications.createdAt })
      .from(applications)
      .where(where)
      .orderBy(asc(applications.createdAt), applications.id)
      .limit(PAGE_SIZE)
      .offset((options.page - 1) * PAGE_SIZE),
    options.db.select({ n: count() }).from(applications).where(where),
  ]);
  const totalCount = total?.n ?? 0;
  return { applications: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: totalCount, pageCount: Math.max(1, Math.ceil(totalCount / PAGE_SIZE)) };
}

/**
 * One application of the actor's region, or null (also for a malformed id): its texts and status,
 * the case in the region that holds the same resident ID (to merge into), the union elsewhere that
 * does (a new case would be refused), and other applications with the same resident ID.
 */
export async function getApplicationInScope(options: { db: Database; actor: Actor; applicationId: string }) {
  const scope = regionScope(options.actor, "write-cases");
  if (!isUuid(options.applicationId)) return null;
  const handler = aliasedTable(users, "handler");
  const [row] = await options.db
    .select({
      id: applications.id,
      number: applications.number,
      regionCode: applications.regionCode,
      status: applications.status,
      whatHappened: applications.whatHappened,
      helpNeeded: applications.helpNeeded,
      consentAt: applications.consentAt,
      declineReason: applications.declineReason,
      caseId: applications.caseId,
      caseNumber: cases.caseNumber,
      handledByName: handler.displayName,
      createdAt: applications.createdAt,
      updatedAt: applications.updatedAt,
      idHash: applications.idHash,
    })
    .from(applications)
    .leftJoin(handler, eq(handler.id, applications.handledBy))
    .leftJoin(cases, eq(cases.id, applications.caseId))
    .where(and(eq(applications.id, options.applicationId), inScope(scope)));
  if (!row) return null;
  const [holder, sameId] = await Promise.all([
    options.db
      .select({ caseId: cases.id, caseNumber: cases.caseNumber, regionCode: cases.regionCode, organisationName: organisations.name, inScope: sql<boolean>`${inRegionScope(cases.regionCode, scope)}` })
      .from(cases)
      .innerJoin(organisations, eq(organisations.id, cases.organisationId))
      .where(eq(cases.idHash, row.idHash)),
    options.db
      .select({ id: applications.id, number: applications.number, status: applications.status })
      .from(applications)
      .where(and(eq(applications.idHash, row.idHash), ne(applications.id, row.id), inScope(scope)))
      .orderBy(asc(applications.createdAt)),
  ]);
  const [found] = holder;
  const { idHash: _hash, ...application } = row;
  return {
    ...application,
    consentAt: row.consentAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    // Only the id of a case in scope; of one elsewhere, which union holds it and nothing more.
    matchingCaseId: found?.inScope ? found.caseId : null,
    matchingCaseNumber: found?.inScope ? found.caseNumber : null,
    registeredElsewhereBy: found && !found.inScope ? found.organisationName : null,
    sameIdApplications: sameId,
  };
}

/**
 * A case of the actor's region named by hand: its case number (532923-2026-0042), its full id, or
 * the 8-character short id the case pages showed before case numbers. Null when none (or, for a short id, more than one) matches.
 */
export async function findCaseInScope(options: { db: Database; actor: Actor; caseReference: string }): Promise<string | null> {
  const scope = regionScope(options.actor, "write-cases");
  const reference = options.caseReference.trim().toLowerCase();
  const caseNumber = parseCaseNumber(reference);
  const byId = caseNumber
    ? eq(cases.caseNumber, caseNumber)
    : isUuid(reference)
      ? eq(cases.id, reference)
      : /^[0-9a-f]{8}$/.test(reference)
        ? sql`${cases.id}::text like ${`${reference}-%`}`
        : null;
  if (!byId) return null;
  const rows = await options.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(byId, inRegionScope(cases.regionCode, scope)))
    .limit(2);
  return rows.length === 1 ? (rows[0]?.id ?? null) : null;
}
