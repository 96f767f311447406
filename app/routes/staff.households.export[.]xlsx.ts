// GET /staff/households/export.xlsx — the households of the actor's region as an Excel workbook.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { householdDownload } from "./staff.households.export.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return householdDownload(request, context, "xlsx");
}
