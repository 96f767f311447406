// /organisation/matches — a provider's inbox: the matches the union proposed that wait for its
// answer (longest waiting first), then those it accepted and has still to finish, then its own
// offers of help waiting for the union, then the closed ones. Each shows the need as the public
// sees it, never who the household is.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMatchResponder } from "../domain/auth/guards.server";
import type { MatchStatus } from "../domain/matching/match-status";
import { listOrganisationMatches } from "../domain/matching/provider-matches.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { EmptyState } from "../ui/empty-state";
import { titleMeta } from "../ui/meta";
import type { ProviderMatchItem } from "../ui/provider-match-card";
import { ProviderMatchCard } from "../ui/provider-match-card";
import { toProviderMatchItem } from "./provider-match-view.server";

export const handle = { i18n: ["matches"] };
export const clientLoader = withNamespaces("matches");

/** The inbox's sections, in order, and the statuses each holds. */
const SECTIONS = [
  { key: "waiting", statuses: ["proposed"] },
  { key: "accepted", statuses: ["accepted"] },
  { key: "requested", statuses: ["requested"] },
  { key: "closed", statuses: ["declined", "withdrawn", "fulfilled", "failed"] },
] as const satisfies readonly { key: string; statuses: readonly MatchStatus[] }[];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireMatchResponder(request, context);
  const [{ locale, t }, matches] = await Promise.all([getPageLocale(request), listOrganisationMatches({ db: context.runtime.db, actor })]);
  const items = matches.map((m) => toProviderMatchItem(m, locale));
  const sections = SECTIONS.map(({ key, statuses }) => {
    const held: readonly MatchStatus[] = statuses;
    const inSection = items.filter((item) => held.includes(item.status));
    // What waits longest is answered first; the rest newest first, as listed.
    if (key === "waiting") inSection.sort((a, b) => b.waitingDays - a.waitingDays);
    return { key, items: inSection };
  });
  return {
    title: t("meta.suffix", { title: t("matches:provider.inbox.title") }),
    organisationName: actor.membership?.organisationName ?? "",
    total: items.length,
    sections,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

function Section({ id, title, items, empty }: { id: string; title: string; items: ProviderMatchItem[]; empty: string | null }) {
  if (!items.length && empty === null) return null;
  return (
    <section aria-labelledby={`${id}-title`} className="mt-8">
      <h2 id={`${id}-title`} className="text-xl font-semibold">
        {title} <span className="font-normal text-stone-600">({items.length})</span>
      </h2>
      {items.length ? (
        <ul className="mt-3 space-y-3">
          {items.map((item) => (
            <li key={item.ref}>
              <ProviderMatchCard match={item} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-stone-700">{empty}</p>
      )}
    </section>
  );
}

export default function ProviderInbox() {
  const { organisationName, total, sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation("matches");
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm text-stone-600">
        <Link to="/organisation" className="font-medium text-brand-700 underline underline-offset-4">
          {organisationName}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold text-stone-900">{t("provider.inbox.title")}</h1>
      <p className="mt-2 max-w-prose text-stone-700">{t("provider.inbox.intro")}</p>
      {total === 0 ? (
        <div className="mt-6">
          <EmptyState message={t("provider.inbox.empty")} action={{ to: "/needs", label: t("provider.inbox.findNeeds") }} />
        </div>
      ) : (
        sections.map((section) => (
          <Section
            key={section.key}
            id={`matches-${section.key}`}
            title={t(`provider.inbox.${section.key}`)}
            items={section.items}
            // The waiting section always shows, so "nothing to answer" is said; the others only when they hold something.
            empty={section.key === "waiting" ? t("provider.inbox.nothingWaiting") : null}
          />
        ))
      )}
    </div>
  );
}
