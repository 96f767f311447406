// Suggestions as the caseworker reads them: best first, each with the reasons it was chosen as
// chips (技能相符：电工 · 覆盖祥云县 · 政府政策优先 · 名额剩余 3, already in the page's language) and
// one action, "propose". On a need's page the providers' requests wait at the top of the same
// list, with approve and decline.
import type { SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DeclineForm, MatchButtonForm, ProposeForm } from "./staff-match-forms";

export interface SuggestionItem {
  /** The suggested offer's or need's reference. */
  ref: string;
  title: string;
  href: string;
  /** A line under the title (organisation and kind, or county and category). */
  detail: string;
  percent: number;
  reasons: string[];
}

export interface RequestItem {
  matchRef: string;
  title: string;
  href: string;
  detail: string;
  message: string | null;
  waitingDays: number;
  overdue: boolean;
}

type ResultFor = (intent: string, target: string) => SubmissionResult<string[]> | undefined;

const ROW = "rounded-lg border border-stone-200 bg-white p-4";
const LINK = "font-semibold text-brand-700 underline underline-offset-4";

export function ReasonChips({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation("matches");
  if (!reasons.length) return null;
  return (
    <ul aria-label={t("staff.reasons")} className="mt-2 flex flex-wrap gap-2">
      {reasons.map((reason) => (
        <li key={reason} className="rounded-full bg-emerald-50 px-2.5 py-0.5 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
          {reason}
        </li>
      ))}
    </ul>
  );
}

export function WaitingText({ days, overdue }: { days: number; overdue: boolean }) {
  const { t } = useTranslation("matches");
  return <span className={overdue ? "font-semibold text-brand-800" : "text-stone-700"}>{t(overdue ? "staff.overdue" : "staff.waitingDays", { count: days })}</span>;
}

export function SuggestionList(props: {
  suggestions: SuggestionItem[];
  requests?: RequestItem[];
  /** What the propose form names: the suggested offer (a need's page) or need (an offer's page). */
  field: "offerRef" | "needRef";
  canAct: boolean;
  resultFor: ResultFor;
}) {
  const { t } = useTranslation("matches");
  const requests = props.requests ?? [];
  return (
    <ol className="mt-3 space-y-3">
      {requests.map((request) => (
        <li key={request.matchRef} className={`${ROW} border-amber-300`}>
          <p className="text-sm font-semibold text-amber-900">
            {t("staff.status.requested")} · <WaitingText days={request.waitingDays} overdue={request.overdue} />
          </p>
          <Link to={request.href} className={`${LINK} mt-1 inline-block`}>
            {request.title}
          </Link>
          <p className="text-sm text-stone-600">{request.detail}</p>
          <p className="mt-1 text-sm text-stone-700">{t("staff.requests.intro")}</p>
          {request.message ? <p className="mt-2 whitespace-pre-line rounded-md bg-stone-50 p-2 text-stone-800">{t("staff.requests.providerMessage", { message: request.message })}</p> : null}
          {props.canAct ? (
            <div className="mt-3 flex flex-wrap items-start gap-3">
              <MatchButtonForm intent="approve" matchRef={request.matchRef} label={t("staff.requests.approve")} />
              <DeclineForm matchRef={request.matchRef} lastResult={props.resultFor("decline", request.matchRef)} />
            </div>
          ) : null}
        </li>
      ))}
      {props.suggestions.map((suggestion) => (
        <li key={suggestion.ref} className={ROW}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <Link to={suggestion.href} className={LINK}>
              {suggestion.title}
            </Link>
            <span className="text-sm tabular-nums text-stone-700">{t("staff.fit", { percent: suggestion.percent })}</span>
          </div>
          <p className="text-sm text-stone-600">{suggestion.detail}</p>
          <ReasonChips reasons={suggestion.reasons} />
          {props.canAct ? (
            <ProposeForm field={props.field} value={suggestion.ref} label={`${t("staff.suggestions.propose")}: ${suggestion.title}`} lastResult={props.resultFor("propose", suggestion.ref)} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
