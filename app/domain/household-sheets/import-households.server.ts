// Imports the valid rows of a sheet in one transaction, as cases of the actor's union with no
// needs. The plan is made again inside the transaction, so what is written is checked against the
// database as it is at that moment, not as it was at the preview.
import type { Database } from "../../../db/client.server";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import { createRateLimiters } from "../auth/rate-limit.server";
import { isHolderAnswersLimited } from "../cases/answer-resident-id-holders.server";
import { conflict } from "../errors/domain-error";
import { importDocument } from "../import/import-document.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { RegionDirectory } from "../regions/region-directory.server";
import { regionScope } from "../regions/region-scope.server";
import type { RowOutcome } from "./planned-row";
import { planHouseholdImport } from "./plan-household-import.server";
import type { ParsedSheet } from "./read-sheet.server";
import type { ColumnMapping } from "./sheet-fields";

/** Imports the new and changed rows; returns how many rows had each outcome. */
export async function importHouseholds(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  regions: RegionDirectory;
  sheet: ParsedSheet;
  mapping: ColumnMapping;
  ip: string | null;
  /** IDs (keyed hashes, hex) whose holders the preview of this sheet already told this user. */
  alreadyAnswered?: ReadonlySet<string>;
}): Promise<Record<RowOutcome, number>> {
  const { actor, cipher } = options;
  const scope = regionScope(actor, "write-cases");
  const outcome = await options.db.transaction(async (tx) => {
    let plan;
    try {
      // The answers naming other unions are counted in this transaction (a second connection could
      // wait on it), and a refusal commits its count and audit row with nothing imported.
      plan = await planHouseholdImport({ ...options, db: tx, rateLimits: createRateLimiters(tx) });
    } catch (error) {
      if (isHolderAnswersLimited(error)) return error;
      throw error;
    }
    if (plan.document.cases.length) {
      const imported = await importDocument({ db: tx, cipher, document: plan.document });
      // The plan ran the importer's checks in this transaction; a refusal now is a concurrent write.
      if (!imported.ok) throw conflict("householdsChanged", "The households changed while this import ran. Preview the sheet again.");
    }
    await recordAudit(tx, {
      actor,
      action: "case.import",
      entity: "case",
      organisationId: actor.membership?.organisationId ?? null,
      regionCode: scope,
      ip: options.ip,
      // Counts only: the file's name or rows may carry identities.
      after: { format: options.sheet.format, created: plan.counts.new, updated: plan.counts.update, unchanged: plan.counts.unchanged, refused: plan.counts.error },
    });
    return plan.counts;
  });
  if (isHolderAnswersLimited(outcome)) throw outcome;
  return outcome;
}
