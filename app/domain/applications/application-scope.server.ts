// Who handles online applications and how a change to one starts: caseworkers and admins of a union
// whose region covers the application's county (scope in SQL, so another region's id is a 404), one
// row lock per change, and the lifecycle asked before anything is written (409 when it says no).
import { and, eq } from "drizzle-orm";
import type { Transaction } from "../../../db/client.server";
import { applications } from "../../../db/schema/case-records";
import type { ApplicationStatus } from "../cases/case-records-vocabulary";
import { conflict, notFound } from "../errors/domain-error";
import type { RegionScope } from "../regions/region-scope.server";
import { inRegionScope } from "../regions/region-scope.server";
import { canMoveApplication } from "./application-status";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` can be looked up as a row id (a malformed one finds nothing, without a query). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

const notInScope = () => notFound("applicationNotFound", "No such application in your region.");

/**
 * Locks an application of the scope for a move to `to`: 404 when it is not in the scope, 409 when
 * its status does not allow the move (a second caseworker acting at the same moment waits on the
 * lock, then gets the 409).
 */
export async function lockApplicationForMove(tx: Transaction, options: { scope: RegionScope; applicationId: string; to: ApplicationStatus }) {
  if (!isUuid(options.applicationId)) throw notInScope();
  const [row] = await tx
    .select({ id: applications.id, number: applications.number, status: applications.status, regionCode: applications.regionCode })
    .from(applications)
    .where(and(eq(applications.id, options.applicationId), inRegionScope(applications.regionCode, options.scope)))
    .for("update");
  if (!row) throw notInScope();
  if (!canMoveApplication(row.status, options.to)) {
    throw conflict("applicationMoveRefused", `Application ${row.number} is already ${row.status}: it cannot become ${options.to}.`, { number: row.number });
  }
  return row;
}
