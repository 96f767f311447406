// GET /staff/households/export.csv — the households of the actor's region as CSV (UTF-8 with BOM).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { householdDownload } from "./staff.households.export.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return householdDownload(request, context, "csv");
}
