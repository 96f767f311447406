// The dashboard's matches panel: providers' requests waiting for the union's review, and matches
// waiting on anyone for more than a week, each linked to its tab of /staff/matches.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const LINK = "font-medium text-brand-700 underline underline-offset-4";

export function MatchCounts({ counts }: { counts: { requested: number; overdue: number } }) {
  const { t } = useTranslation("matches");
  return (
    <section aria-labelledby="match-counts-title" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-5">
      <h2 id="match-counts-title" className="text-lg font-semibold">
        {t("staff.dashboard.title")}
      </h2>
      <ul className="mt-3 space-y-2">
        <li>
          <Link to="/staff/matches?status=requested" className={LINK}>
            {t("staff.dashboard.requests", { count: counts.requested })}
          </Link>
        </li>
        <li>
          <Link to="/staff/matches?overdue=1" className={`${LINK} ${counts.overdue ? "font-semibold text-brand-800" : ""}`}>
            {t("staff.dashboard.overdue", { count: counts.overdue })}
          </Link>
        </li>
      </ul>
      <p className="mt-3 text-sm">
        <Link to="/staff/matches" className={LINK}>
          {t("staff.dashboard.all")}
        </Link>
      </p>
    </section>
  );
}
