// GET /staff/reports.csv?table=…&from=…&to=…&region=… — one table of the staff report as CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "./staff-reports-download.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return reportDownload(request, context, "csv");
}
