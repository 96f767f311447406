// GET /staff/reports.xlsx?from=…&to=…&region=… — the staff report as an Excel workbook: a summary
// sheet, then one sheet per table.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "./staff-reports-download.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, "xlsx");
}
