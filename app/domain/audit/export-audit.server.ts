// The audit log as a CSV download, with the page's filters and the reader's scope. It streams in
// batches, so a long log never sits in memory. The export itself is recorded first: who took a
// copy of the log, with which filters, is part of the log.
import type { Database } from "../../../db/client.server";
import type { Actor } from "../auth/actor";
import type { Locale } from "../../i18n/config";
import { canReadAudit } from "../auth/permissions";
import { forbidden } from "../errors/domain-error";
import { getRegionDirectory } from "../regions/region-directory.server";
import { UTF8_BOM, auditCsvLines } from "./audit-csv";
import type { AuditFilters } from "./audit-filters";
import { AUDIT_FILTER_NAMES } from "./audit-filters";
import { eachAuditBatch } from "./read-audit.server";
import { recordAudit } from "./record-audit.server";

/** A stream of the CSV file: byte-order mark, header line, then every matching row. */
export async function exportAuditCsv(options: { db: Database; actor: Actor; filters: AuditFilters; locale: Locale; ip: string | null }): Promise<ReadableStream<Uint8Array>> {
  const { db, actor, filters } = options;
  // The batches check the scope only when the first is read, which is after the export is audited.
  if (!canReadAudit(actor)) throw forbidden();
  const batches = eachAuditBatch({ db, actor, filters });
  const directory = await getRegionDirectory(db);
  const regionName = (code: string) => {
    const region = directory.get(code);
    return region ? (options.locale === "en" && region.nameEn ? region.nameEn : region.nameZh) : "";
  };
  const used = Object.fromEntries(AUDIT_FILTER_NAMES.flatMap((name) => (filters[name] ? [[name, filters[name]]] : [])));
  await recordAudit(db, {
    actor,
    action: "audit.export",
    entity: "audit_log",
    organisationId: actor.membership?.organisationId ?? null,
    regionCode: actor.membership?.regionCode ?? null,
    ip: options.ip,
    after: { filters: used },
  });
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + auditCsvLines([], { regionName, header: true })));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvLines(next.value, { regionName })));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
