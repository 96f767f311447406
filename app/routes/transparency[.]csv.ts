// GET /transparency.csv — the public ledger activity as a CSV download (what /transparency lists,
// every sealed transaction). Public data only; shared caches may keep it briefly.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportLedgerActivityCsv } from "../domain/transparency/export-ledger-activity.server";
import { chinaTimestamp } from "../ui/format-time";

export function loader({ context }: LoaderFunctionArgs) {
  const day = chinaTimestamp(new Date()).slice(0, 10);
  return new Response(exportLedgerActivityCsv({ db: context.runtime.db }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="xiangyun-ledger-${day}.csv"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
