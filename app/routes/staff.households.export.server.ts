// The download of /staff/households/export.xlsx and .csv: the actor's region as a sheet in the
// page's language, never cached, always as an attachment.
import type { AppLoadContext } from "@remix-run/node";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { exportHouseholds } from "../domain/household-sheets/export-households.server";
import type { SheetFormat } from "../domain/household-sheets/read-sheet.server";
import { staffRegion } from "../domain/auth/permissions";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { getPageLocale } from "../i18n/page-locale.server";
import { chinaTimestamp } from "../ui/format-time";

const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

export async function householdDownload(request: Request, context: AppLoadContext, format: SheetFormat): Promise<Response> {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  const { runtime } = context;
  const [{ locale, t }, regions] = await Promise.all([getPageLocale(request), getRegionDirectory(runtime.db)]);
  const body = await exportHouseholds({ db: runtime.db, cipher: runtime.cipher, actor, regions, locale, format, sheetName: t("householdImport:export.sheetName"), ip: context.clientIp || null });
  const day = chinaTimestamp(new Date()).slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="xiangyun-households-${staffRegion(actor) ?? ""}-${day}.${format}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
