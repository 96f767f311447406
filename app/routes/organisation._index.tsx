// /organisation — a member's own organisation: what it is, where, and how its registration stands
// (waiting for a union, verified and publishing, or rejected with the union's reason).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "../domain/auth/guards.server";
import { canManageMembers, canManageOffers, canPublishOffers, canRespondToMatches } from "../domain/auth/permissions";
import { listOrganisationMatches } from "../domain/matching/provider-matches.server";
import { getOwnOrganisation } from "../domain/organisations/own-organisation.server";
import { regionLabel, regionTrailLabel } from "../domain/regions/region-choices.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { formatDateTime } from "../ui/format-time";
import { contentLang, useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["organisations", "matches"] };
export const clientLoader = withNamespaces("organisations", "matches");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireMember(request, context);
  const { db } = context.runtime;
  const [{ locale, t }, directory, organisation] = await Promise.all([getPageLocale(request), getRegionDirectory(db), getOwnOrganisation({ db, membership: actor.membership })]);
  const region = directory.get(organisation.regionCode);
  // Proposals waiting for this organisation's answer, for the link to its matches.
  const waitingMatches = canRespondToMatches(actor) ? (await listOrganisationMatches({ db, actor, status: "proposed" })).length : null;
  return {
    title: t("meta.suffix", { title: organisation.name }),
    registered: new URL(request.url).searchParams.get("registered") === "1",
    organisation: {
      ...organisation,
      regionTrail: regionTrailLabel(directory, organisation.regionCode, locale),
      regionName: region ? regionLabel(region, locale) : organisation.regionCode,
    },
    canManageMembers: canManageMembers(actor),
    canPublishOffers: canPublishOffers(organisation),
    canManageOffers: canManageOffers(actor),
    waitingMatches,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const STATUS_STYLE = {
  pending: "border-amber-300 bg-amber-50 text-amber-950",
  verified: "border-emerald-300 bg-emerald-50 text-emerald-950",
  rejected: "border-brand-700 bg-brand-50 text-brand-900",
} as const;

export default function OrganisationPage() {
  const { registered, organisation, canManageMembers, canPublishOffers, waitingMatches } = useLoaderData<typeof loader>();
  const { canManageOffers: managesOffers } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organisations");
  const { t: tm } = useTranslation("matches");
  const labels = useLabels();
  const locale = useLocale();
  const union = organisation.reviewingUnion;
  return (
    <section aria-labelledby="organisation-title" className="mx-auto max-w-2xl">
      {registered ? (
        <p role="status" className="mb-6 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
          {t("own.registered")}
        </p>
      ) : null}
      <h1 id="organisation-title" className="text-2xl font-semibold text-stone-900" lang={contentLang(organisation.name, locale)}>
        {organisation.name}
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium text-stone-700">{t("own.kind")}</dt>
        <dd>{labels.organisationKind(organisation.kind)}</dd>
        <dt className="font-medium text-stone-700">{t("own.region")}</dt>
        <dd>{organisation.regionTrail}</dd>
        <dt className="font-medium text-stone-700">{t("own.status")}</dt>
        <dd>{t(`status.${organisation.status}`)}</dd>
        <dt className="font-medium text-stone-700">{t("own.registeredAt")}</dt>
        <dd>{formatDateTime(organisation.createdAt, locale)}</dd>
        {organisation.reviewedAt ? (
          <>
            <dt className="font-medium text-stone-700">{t("own.reviewedAt")}</dt>
            <dd>{formatDateTime(organisation.reviewedAt, locale)}</dd>
          </>
        ) : null}
      </dl>
      <div className={`mt-6 rounded-md border p-4 ${STATUS_STYLE[organisation.status]}`}>
        {organisation.status === "pending" ? (
          <p>{union ? t("own.pendingBy", { union }) : t("own.pendingNoUnion", { region: organisation.regionName })}</p>
        ) : organisation.status === "rejected" ? (
          <>
            <p>{union ? t("own.rejectedBy", { union }) : t("own.rejected")}</p>
            <h2 className="mt-3 font-semibold">{t("own.rejectionReason")}</h2>
            <blockquote className="mt-1 whitespace-pre-line border-l-4 border-brand-700 pl-3" lang={contentLang(organisation.rejectionReason ?? "", locale)}>
              {organisation.rejectionReason}
            </blockquote>
            <p className="mt-3 text-sm">{t("own.noResubmit")}</p>
          </>
        ) : (
          <p>{canPublishOffers ? t("own.verified") : null}</p>
        )}
      </div>
      {organisation.description ? (
        <>
          <h2 className="mt-6 text-lg font-semibold">{t("own.description")}</h2>
          <p className="mt-1 whitespace-pre-line text-stone-800" lang={contentLang(organisation.description, locale)}>
            {organisation.description}
          </p>
        </>
      ) : null}
      {waitingMatches !== null ? (
        <p className="mt-6">
          <Link to="/organisation/matches" className="font-medium text-brand-700 underline underline-offset-4">
            {tm("provider.inbox.link")}
          </Link>
          <span className="ml-2 text-stone-700">{waitingMatches > 0 ? tm("provider.inbox.count", { count: waitingMatches }) : tm("provider.inbox.none")}</span>
        </p>
      ) : null}
      {managesOffers ? (
        <p className="mt-6">
          <Link to="/organisation/offers" className="font-medium text-brand-700 underline underline-offset-4">
            {t("own.offers")}
          </Link>
        </p>
      ) : null}
      {canManageMembers ? (
        <p className="mt-6">
          <Link to="/organisation/members" className="font-medium text-brand-700 underline underline-offset-4">
            {t("own.members")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
