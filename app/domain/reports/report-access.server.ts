// Who reads a region's report, and how much of it: union admins, caseworkers and auditors read all
// of it (they read the cases it counts); a union's finance staff read its money only — what their
// union and the unions below it received, allocated and paid — since they keep those books and
// report them upward, but never read cases. Everyone else reads none.
import type { Actor } from "../auth/actor";
import { canReadCases } from "../auth/permissions";
import { canKeepLedger } from "../ledger/ledger-accounts.server";

export type ReportAccess = "full" | "money";

/** How much of a region's report the actor reads, or null for none of it. */
export function reportAccessOf(actor: Actor | null): ReportAccess | null {
  if (canReadCases(actor)) return "full";
  if (canKeepLedger(actor)) return "money";
  return null;
}
