// /staff/offers/:ref — an offer whose coverage overlaps the staff member's region (open, paused or
// closed: a match may point at it; see get-staff-offer.server.ts), with its public details and,
// while it is listed, the published needs of the region it could meet, each with its reasons and
// "propose". Another region's offer is not found.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { canCurateMatches, staffRegion } from "../domain/auth/permissions";
import { describeReason } from "../domain/matching/reasons";
import { getStaffMatch } from "../domain/matching/staff-matches.server";
import { suggestNeedsForOffer } from "../domain/matching/suggest-needs.server";
import { getOfferInStaffScope } from "../domain/offers/get-staff-offer.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { withOfferAmount } from "../ui/format-amount.server";
import { SuggestionList } from "../ui/match-suggestions";
import { titleMeta } from "../ui/meta";
import { StaffMatchErrorBoundary } from "../ui/staff-match-error";
import { STAFF_MATCH_SAVED, handleStaffMatchAction } from "./staff-match-actions.server";

export const handle = { i18n: ["staff", "matches"] };
export const clientLoader = withNamespaces("staff", "matches");

const READERS = ["admin", "caseworker", "auditor"] as const;

async function loadOffer(request: Request, context: LoaderFunctionArgs["context"], ref: string) {
  const actor = await requireUnionStaff(request, context, READERS);
  const found = await getOfferInStaffScope({ db: context.runtime.db, actor, ref });
  if (!found) throw new Response("Not Found", { status: 404 });
  return { actor, found, scope: staffRegion(actor) ?? "" };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, found, scope } = await loadOffer(request, context, params.ref ?? "");
  const { locale, t } = await getPageLocale(request);
  const { db, search, logger, indexPrefix } = context.runtime;
  let suggestions: { ref: string; title: string; href: string; detail: string; percent: number; reasons: string[] }[] | null = [];
  if (found.listed) {
    try {
      suggestions = (await suggestNeedsForOffer({ db, search, logger, indexPrefix }, found.offer.ref, { scope, limit: 10 })).map((s) => ({
        ref: s.need.ref,
        title: s.need.title,
        href: `/staff/needs/${s.need.ref}`,
        detail: `${s.need.ref} · ${t(`category.${s.need.category}`)} · ${locale === "en" ? s.need.regionName.en || s.need.regionName.zh : s.need.regionName.zh}`,
        percent: Math.round(s.score * 100),
        reasons: s.reasons.map((r) => describeReason(r, t)),
      }));
    } catch (error) {
      logger.warn({ err: error }, "suggestions failed on a staff offer page");
      suggestions = null;
    }
  }
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    title: t("meta.suffix", { title: found.offer.title }),
    ...withOfferAmount(found.offer, locale),
    kind: t(`organisationKind.${found.offer.organisationKind}`),
    regions: found.offer.regionNames.map((r) => (locale === "en" ? r.en || r.zh : r.zh)).join("、"),
    listed: found.listed,
    suggestions,
    canCurate: canCurateMatches(actor),
    saved: STAFF_MATCH_SAVED.find((s) => s === saved) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, found, scope } = await loadOffer(request, context, params.ref ?? "");
  const [{ t }, formData] = await Promise.all([getPageLocale(request), request.formData()]);
  return handleStaffMatchAction({
    context,
    actor,
    formData,
    t,
    page: { kind: "offer", offerRef: found.offer.ref, scope },
    back: `/staff/offers/${found.offer.ref}`,
    matchOf: async (ref) => {
      const match = await getStaffMatch({ db: context.runtime.db, actor, ref });
      return match.offer.ref === found.offer.ref ? { needRef: match.need.ref, offerRef: match.offer.ref } : null;
    },
  });
}

export default function StaffOffer() {
  const { offer, amountLabel, kind, regions, listed, suggestions, canCurate, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string, target: string) => (actionData && actionData.intent === intent && actionData.target === target ? actionData.result : undefined);
  const { t } = useTranslation("matches");
  return (
    <article aria-labelledby="offer-title">
      <Link to="/staff/offers" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("staff.offer.back")}
      </Link>
      <h1 id="offer-title" className="mt-3 text-2xl font-semibold">
        {offer.title}
      </h1>
      <p className="mt-1 text-stone-600">
        {offer.ref} · {offer.organisationName} · {kind}
      </p>
      <p className="mt-4 whitespace-pre-line rounded-lg border border-stone-200 bg-white p-4">{offer.description}</p>
      <dl className="mt-3 grid gap-1 text-sm">
        <div>
          <dt className="inline text-stone-600">{t("staff.offer.regions")}: </dt>
          <dd className="inline">{regions}</dd>
        </div>
        <div>
          <dt className="inline text-stone-600">{t("staff.offer.remaining")}: </dt>
          <dd className="inline">
            {offer.remainingCapacity} / {offer.capacity}
          </dd>
        </div>
        {amountLabel ? (
          <div>
            <dt className="inline text-stone-600">{t("staff.offer.amount")}: </dt>
            <dd className="inline">{amountLabel}</dd>
          </div>
        ) : null}
        {offer.validUntil ? (
          <div>
            <dt className="inline text-stone-600">{t("staff.offer.validity")}: </dt>
            <dd className="inline">{offer.validUntil}</dd>
          </div>
        ) : null}
      </dl>
      {offer.status !== "closed" ? (
        <p className="mt-2 text-sm">
          <Link to={`/offers/${offer.ref}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("staff.offer.publicPage")}
          </Link>
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="mt-6 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(`staff.saved.${saved}`)}
        </p>
      ) : null}
      <section aria-labelledby="suggested-needs-title" className="mt-8">
        <h2 id="suggested-needs-title" className="text-xl font-semibold">
          {t("staff.offer.suggestedNeeds")}
        </h2>
        {!listed ? (
          <p className="mt-2 text-stone-700">{t("staff.offer.notListed")}</p>
        ) : suggestions === null ? (
          <p role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {t("staff.suggestions.unavailable")}
          </p>
        ) : suggestions.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("staff.offer.none")}</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-stone-600">{t("staff.offer.suggestedIntro")}</p>
            <SuggestionList suggestions={suggestions} field="needRef" canAct={canCurate} resultFor={resultFor} />
          </>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("matches");
  return <StaffMatchErrorBoundary back={{ to: "/staff/offers", label: t("staff.offer.back") }} />;
}
