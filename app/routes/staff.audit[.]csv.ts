// GET /staff/audit.csv — the audit log as a CSV download, with the same filters and scope as
// /staff/audit. UTF-8 with a byte-order mark so Excel shows Chinese; never cached.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAuditFilters } from "../domain/audit/audit-filters";
import { exportAuditCsv } from "../domain/audit/export-audit.server";
import { requireAuditReader } from "../domain/auth/guards.server";
import { getPageLocale } from "../i18n/page-locale.server";
import { chinaTimestamp } from "../ui/format-time";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireAuditReader(request, context);
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const { locale } = await getPageLocale(request);
  const body = await exportAuditCsv({ db: context.runtime.db, actor, filters, locale, ip: context.clientIp || null });
  const day = chinaTimestamp(new Date()).slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="xiangyun-audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
