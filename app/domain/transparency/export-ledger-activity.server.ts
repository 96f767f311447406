// The public ledger activity as a CSV download, streamed in batches so a long ledger never sits in
// memory. UTF-8 with a byte-order mark so Excel shows Chinese.
import type { Database } from "../../../db/client.server";
import { UTF8_BOM } from "../audit/audit-csv";
import { ledgerActivityCsvLines } from "./ledger-activity-csv.server";
import { eachLedgerActivityBatch } from "./ledger-activity.server";

/** A stream of the CSV file: byte-order mark, header line, then every sealed transaction, newest first. */
export function exportLedgerActivityCsv(options: { db: Database }): ReadableStream<Uint8Array> {
  const batches = eachLedgerActivityBatch(options.db);
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + ledgerActivityCsvLines([], { header: true })));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(ledgerActivityCsvLines(next.value)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
