// A need's matches on its staff page, newest first: the offer and its provider, the status (how
// long it has waited, flagged past a week), what was said (message, reason, outcome) and the
// history of steps; "withdraw" while in play, "mark the need fulfilled" from a fulfilled match.
import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { MatchStatus } from "../domain/matching/match-status";
import { WaitingText } from "./match-suggestions";
import { MatchButtonForm, WithdrawForm } from "./staff-match-forms";

export interface NeedMatchItem {
  ref: string;
  status: MatchStatus;
  offer: { ref: string; title: string; organisationName: string };
  message: string | null;
  declineReason: string | null;
  outcomeNote: string | null;
  waitingDays: number;
  overdue: boolean;
  canFulfilNeed: boolean;
  events: { when: string; at: string; status: string; actor: string | null; note: string | null }[];
}

const STATUS_STYLE: Record<MatchStatus, string> = {
  requested: "bg-amber-100 text-amber-900",
  proposed: "bg-amber-100 text-amber-900",
  accepted: "bg-emerald-100 text-emerald-900",
  fulfilled: "bg-emerald-100 text-emerald-900",
  declined: "bg-stone-200 text-stone-800",
  withdrawn: "bg-stone-200 text-stone-800",
  failed: "bg-stone-200 text-stone-800",
};

export function MatchStatusBadge({ status }: { status: MatchStatus }) {
  const { t } = useTranslation("matches");
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium ${STATUS_STYLE[status]}`}>{t(`staff.status.${status}`)}</span>;
}

export function NeedMatchList({ matches, canAct, resultFor }: { matches: NeedMatchItem[]; canAct: boolean; resultFor: (intent: string, target: string) => SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("matches");
  return (
    <section aria-labelledby="need-matches-title" className="mt-8">
      <h2 id="need-matches-title" className="text-xl font-semibold">
        {t("staff.needMatches.title")}
      </h2>
      {matches.length === 0 ? (
        <p className="mt-2 text-stone-700">{t("staff.needMatches.none")}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {matches.map((match) => (
            <li key={match.ref} className="rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                <MatchStatusBadge status={match.status} />
                <span className="font-mono text-sm text-stone-600">{match.ref}</span>
                {match.status === "requested" || match.status === "proposed" ? (
                  <span className="text-sm">
                    {t(`staff.waitingOn.${match.status}`)} · <WaitingText days={match.waitingDays} overdue={match.overdue} />
                  </span>
                ) : null}
              </div>
              <p className="mt-2">
                <Link to={`/staff/offers/${match.offer.ref}`} className="font-semibold text-brand-700 underline underline-offset-4">
                  {match.offer.title}
                </Link>
                <span className="text-stone-600"> · {match.offer.organisationName}</span>
              </p>
              {match.message ? <p className="mt-1 whitespace-pre-line text-sm text-stone-700">{t("staff.needMatches.message", { message: match.message })}</p> : null}
              {match.declineReason ? <p className="mt-1 text-sm text-stone-700">{t("staff.needMatches.declineReason", { reason: match.declineReason })}</p> : null}
              {match.outcomeNote ? <p className="mt-1 text-sm text-stone-700">{t("staff.needMatches.outcome", { note: match.outcomeNote })}</p> : null}
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer font-medium text-stone-800">{t("staff.needMatches.history")}</summary>
                <ol className="mt-1 space-y-1 border-l-2 border-stone-200 pl-3">
                  {match.events.map((event) => (
                    <li key={`${event.at}-${event.status}`}>
                      <time dateTime={event.at}>{event.actor ? t("staff.needMatches.eventBy", { when: event.when, status: event.status, actor: event.actor }) : t("staff.needMatches.event", { when: event.when, status: event.status })}</time>
                      {event.note ? <p className="whitespace-pre-line text-stone-700">{event.note}</p> : null}
                    </li>
                  ))}
                </ol>
              </details>
              {canAct && match.canFulfilNeed ? (
                <div className="mt-3">
                  <p className="text-sm text-stone-700">{t("staff.fulfil.hint")}</p>
                  <div className="mt-2">
                    <MatchButtonForm intent="fulfil-need" matchRef={match.ref} label={t("staff.fulfil.action")} />
                  </div>
                </div>
              ) : null}
              {canAct && (match.status === "proposed" || match.status === "accepted") ? (
                <div className="mt-3">
                  <WithdrawForm matchRef={match.ref} lastResult={resultFor("withdraw", match.ref)} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
