// /staff/needs/:ref — a need of the actor's region in any state, drafts included, with the way to
// its editor for those who write needs (caseworkers and admins; auditors read). Below it the
// matching: the offers suggested for it with their reasons and "propose", the providers' requests
// waiting in the same list (approve or decline), and the need's matches with their history — with
// "withdraw" and, from a match its provider fulfilled, "mark the need fulfilled". Plain POST forms.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Actor } from "../domain/auth/actor";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { canCurateMatches, canWriteCases } from "../domain/auth/permissions";
import { getNeedInScope } from "../domain/cases/staff-cases.server";
import type { NeedStatus } from "../domain/needs/need-category";
import { isOpenMatch } from "../domain/matching/match-status";
import { describeReason } from "../domain/matching/reasons";
import { matchesOfNeed } from "../domain/matching/staff-matches.server";
import { findOfferSuggestions } from "../domain/matching/suggest-offers.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import type { Locale } from "../i18n/config";
import { SkillTags } from "../ui/badges";
import { formatAmount } from "../ui/format-amount.server";
import { formatDateTime } from "../ui/format-time";
import { useLabels } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { SuggestionList } from "../ui/match-suggestions";
import { NeedMatchList } from "../ui/need-match-list";
import type { NeedMatchItem } from "../ui/need-match-list";
import { StaffMatchErrorBoundary } from "../ui/staff-match-error";
import { STAFF_MATCH_SAVED, handleStaffMatchAction } from "./staff-match-actions.server";

export const handle = { i18n: ["staff", "needEditor", "matches"] };
export const clientLoader = withNamespaces("staff", "needEditor", "matches");

const READERS = ["admin", "caseworker", "auditor"] as const;
/** Offers are suggested for needs still on the site; a matched need may take more help. */
const SUGGESTED_FOR: readonly NeedStatus[] = ["published", "matched"];
const SUGGESTION_LIMIT = 10;

/** The suggested offers as the page shows them, without those already in play with this need; null when the engine failed. */
async function offerSuggestionsFor(context: LoaderFunctionArgs["context"], t: TFunction, needRef: string, inPlay: Set<string>) {
  const { db, search, logger, indexPrefix } = context.runtime;
  try {
    const { suggestions } = await findOfferSuggestions({ db, search, logger, indexPrefix }, needRef, { limit: SUGGESTION_LIMIT });
    return suggestions
      .filter((s) => !inPlay.has(s.offer.ref))
      .map((s) => ({
        ref: s.offer.ref,
        title: s.offer.title,
        href: `/staff/offers/${s.offer.ref}`,
        detail: `${s.offer.organisationName} · ${t(`organisationKind.${s.offer.organisationKind}`)}`,
        percent: Math.round(s.score * 100),
        reasons: s.reasons.map((r) => describeReason(r, t)),
      }));
  } catch (error) {
    logger.warn({ err: error }, "suggestions failed on a staff need page");
    return null;
  }
}

type NeedMatches = Awaited<ReturnType<typeof matchesOfNeed>>;

function presentMatches(found: NeedMatches, needStatus: NeedStatus, t: TFunction, locale: Locale): NeedMatchItem[] {
  return found.map((m) => ({
    ref: m.ref,
    status: m.status,
    offer: { ref: m.offer.ref, title: m.offer.title, organisationName: m.offer.organisationName },
    message: m.message,
    declineReason: m.declineReason,
    outcomeNote: m.outcomeNote,
    waitingDays: m.waitingDays,
    overdue: m.isOverdue,
    canFulfilNeed: m.status === "fulfilled" && needStatus === "matched",
    events: m.events.map((e) => ({
      when: formatDateTime(e.occurredAt, locale),
      at: e.occurredAt,
      status: t(`matches:staff.status.${e.to}`),
      actor: e.side === "system" ? t("matches:staff.needMatches.system") : e.actorName,
      note: e.note,
    })),
  }));
}

async function loadNeed(request: Request, context: LoaderFunctionArgs["context"], ref: string): Promise<{ actor: Actor; found: NonNullable<Awaited<ReturnType<typeof getNeedInScope>>> }> {
  const actor = await requireUnionStaff(request, context, READERS);
  const found = await getNeedInScope({ db: context.runtime.db, actor, ref });
  if (!found) throw new Response("Not Found", { status: 404 });
  return { actor, found };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, found } = await loadNeed(request, context, params.ref ?? "");
  const { id, ...need } = found;
  const [{ locale, t }, needMatches] = await Promise.all([getPageLocale(request), matchesOfNeed(context.runtime.db, id)]);
  const inPlay = new Set(needMatches.filter((m) => isOpenMatch(m.status)).map((m) => m.offer.ref));
  const suggestions = SUGGESTED_FOR.includes(need.status) ? await offerSuggestionsFor(context, t, need.ref, inPlay) : [];
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    title: t("meta.suffix", { title: need.title }),
    need: { ...need, targetAmount: formatAmount(need.targetAmount, locale), updatedAt: formatDateTime(new Date(need.updatedAt), locale) },
    canEdit: canWriteCases(actor),
    canCurate: canCurateMatches(actor),
    isSuggested: SUGGESTED_FOR.includes(need.status),
    suggestions,
    requests: needMatches
      .filter((m) => m.status === "requested")
      .map((m) => ({
        matchRef: m.ref,
        title: m.offer.title,
        href: `/staff/offers/${m.offer.ref}`,
        detail: m.offer.organisationName,
        message: m.message,
        waitingDays: m.waitingDays,
        overdue: m.isOverdue,
      })),
    matches: presentMatches(needMatches, need.status, t, locale),
    saved: STAFF_MATCH_SAVED.find((s) => s === saved) ?? null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Another county's need is not there at all, whatever the form says (a 404 before any 400).
  const { actor, found } = await loadNeed(request, context, params.ref ?? "");
  const [{ t }, needMatches, formData] = await Promise.all([getPageLocale(request), matchesOfNeed(context.runtime.db, found.id), request.formData()]);
  return handleStaffMatchAction({
    context,
    actor,
    formData,
    t,
    page: { kind: "need", needRef: found.ref },
    back: `/staff/needs/${found.ref}`,
    matchOf: async (ref) => {
      const match = needMatches.find((m) => m.ref === ref);
      return match ? { needRef: found.ref, offerRef: match.offer.ref } : null;
    },
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function StaffNeed() {
  const { need, canEdit, canCurate, isSuggested, suggestions, requests, matches, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string, target: string) => (actionData && actionData.intent === intent && actionData.target === target ? actionData.result : undefined);
  const { t } = useTranslation("staff");
  const { t: tm } = useTranslation("matches");
  const { t: te } = useTranslation("needEditor");
  const labels = useLabels();
  return (
    <article aria-labelledby="need-title">
      <Link to={`/staff/cases/${need.caseId}`} className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("need.backToCase")}
      </Link>
      <h1 id="need-title" className="mt-3 text-2xl font-semibold">
        {need.title}
      </h1>
      <p className="mt-1 text-stone-600">
        {need.ref} · {labels.category(need.category)} · {t(`needStatus.${need.status}`)}
        {need.targetAmount ? ` · ${need.targetAmount}` : ""}
      </p>
      <p className="mt-4 whitespace-pre-line rounded-lg border border-stone-200 bg-white p-4">{need.story}</p>
      {need.skills.length ? (
        <div className="mt-3">
          <SkillTags skills={need.skills} label={t("need.skills")} />
        </div>
      ) : null}
      <p className="mt-3 text-sm text-stone-600">{t("need.updated", { when: need.updatedAt })}</p>
      {canEdit ? (
        <p className="mt-4">
          <Link to={`/staff/needs/${need.ref}/edit`} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {te(need.status === "matched" || need.status === "fulfilled" ? "links.viewInEditor" : "links.edit")}
          </Link>
        </p>
      ) : null}
      {need.status === "published" ? (
        <p className="mt-2 text-sm">
          <Link to={`/needs/${need.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("need.publicPage")}
          </Link>
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {tm(`staff.saved.${saved}`)}
        </p>
      ) : null}
      <section aria-labelledby="suggestions-title" className="mt-8">
        <h2 id="suggestions-title" className="text-xl font-semibold">
          {tm("staff.suggestions.title")}
        </h2>
        {isSuggested ? <p className="mt-1 text-sm text-stone-600">{tm("staff.suggestions.intro")}</p> : <p className="mt-2 text-stone-700">{tm("staff.suggestions.notOpen")}</p>}
        {suggestions === null ? (
          <p role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {tm("staff.suggestions.unavailable")}
          </p>
        ) : null}
        {requests.length || suggestions?.length ? (
          <SuggestionList suggestions={suggestions ?? []} requests={requests} field="offerRef" canAct={canCurate} resultFor={resultFor} />
        ) : isSuggested && suggestions !== null ? (
          <p className="mt-3 text-stone-700">{tm("staff.suggestions.none")}</p>
        ) : null}
      </section>
      <NeedMatchList matches={matches} canAct={canCurate} resultFor={resultFor} />
    </article>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("staff");
  return <StaffMatchErrorBoundary back={{ to: "/staff/cases", label: t("case.back") }} />;
}
