// /needs/N-… — one published need, with everything the public projection holds and nothing more,
// and a few similar needs below it. "We can help": anonymous visitors (the page shared caches keep)
// read how an organisation offers help; a signed-in member of a verified provider gets a form to
// send one of its offers to the union for review (signed-in pages are never cached).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { searchContextOf } from "../api/search-context.server";
import { forbidden, getActor, requireActor } from "../domain/auth/guards.server";
import { canRequestMatch } from "../domain/auth/permissions";
import { isDomainError } from "../domain/errors/domain-error";
import { listOffersToHelpWith } from "../domain/matching/offers-to-help-with.server";
import { requestMatchSchema } from "../domain/matching/provider-match-forms";
import { requestMatch } from "../domain/matching/request-match.server";
import { getPublicNeed } from "../domain/needs/public-needs.server";
import { PUBLIC_REFERENCE_PATTERN } from "../domain/needs/public-reference.server";
import { similarNeeds } from "../domain/search/similar-needs.server";
import { suggestOffersForNeed } from "../domain/matching/suggest-offers.server";
import { OfferCard } from "../ui/offer-card";
import { withOfferAmount } from "../ui/format-amount.server";
import { CategoryBadge, SkillTags, UrgencyBadge } from "../ui/badges";
import { formatMonth } from "../ui/format";
import { withNeedAmount } from "../ui/format-amount.server";
import { contentLang, regionName, useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { NeedCard } from "../ui/need-card";
import { AskForHelp } from "../ui/ask-for-help";
import { GiveToNeed } from "../ui/give-to-need";
import { WeCanHelp } from "../ui/we-can-help";
import { readNeedProgress } from "../domain/transparency/need-progress.server";
import { fundingView } from "../ui/funding-view.server";
import { NeedFundingProgress } from "../ui/need-funding-progress";
import { getPageLocale } from "../i18n/page-locale.server";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

// A malformed reference is answered without a query: it cannot name a need.
const needParams = z.object({ ref: z.string().regex(PUBLIC_REFERENCE_PATTERN).startsWith("N-") });

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const parsed = needParams.safeParse(params);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  const [{ locale, t }, need] = await Promise.all([getPageLocale(request), getPublicNeed(context.runtime.db, parsed.data.ref)]);
  if (!need) throw new Response("Not Found", { status: 404 });
  // Never fails: without the search engine the list is empty and the page shows the need alone.
  const [similar, actor, couldHelp] = await Promise.all([
    similarNeeds({ search: context.runtime.search, logger: context.runtime.logger, indexPrefix: context.runtime.indexPrefix }, need),
    getActor(request, context),
    // Offers that could help, public fields only; a failing engine leaves the section out, never the page.
    suggestOffersForNeed(searchContextOf(context), need.ref, { limit: 3 }).then(
      (found) => found.map((s) => withOfferAmount(s.offer, locale)),
      (error: unknown) => {
        context.runtime.logger.warn({ err: error }, "offers that could help: suggestions failed");
        return [];
      },
    ),
  ]);
  // An anonymous visitor's answer stays the same for everyone: what the signed-in see is added only for them.
  const help = actor ? { help: await listOffersToHelpWith({ db: context.runtime.db, actor, need }), sent: new URL(request.url).searchParams.get("sent") === "1" } : {};
  // Funding progress from the need fund's ledger rows; shown for a need with a target or money received.
  const progress = await readNeedProgress(context.runtime.db, need.ref);
  const funding = progress && (progress.target || progress.state !== "none") ? fundingView(progress, locale, t) : null;
  return { title: t("meta.suffix", { title: need.title }), ...withNeedAmount(need, locale), similar: similar.map((n) => withNeedAmount(n, locale)), couldHelp, funding, ...help };
}

/** "We can help": a requested match for the union to review, then back to the need with a thank-you. */
export async function action({ params, request, context }: ActionFunctionArgs) {
  const parsed = needParams.safeParse(params);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  // No such public need: not found for everyone, before anything is asked of who is posting.
  if (!(await getPublicNeed(context.runtime.db, parsed.data.ref))) throw new Response("Not Found", { status: 404 });
  const actor = await requireActor(request, context);
  if (!canRequestMatch(actor)) throw forbidden("Only the people of a verified provider organisation offer help.");
  const submission = parseWithZod(await request.formData(), { schema: requestMatchSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { runtime } = context;
  try {
    await requestMatch({ db: runtime.db, actor, needRef: parsed.data.ref, offerRef: submission.value.offer, message: submission.value.message, ip: context.clientIp || null, mail: runtime });
  } catch (error) {
    // The offer filled up or was paused, or this pair is already in play, since the form was shown:
    // said on the form, with what was written kept.
    if (isDomainError(error) && error.kind === "conflict") return data(submission.reply({ formErrors: [(await getPageLocale(request)).t(`errors:${error.messageKey}`, error.values)] }), { status: 409 });
    throw error;
  }
  return redirect(`/needs/${parsed.data.ref}?sent=1#we-can-help`);
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 border-b border-stone-100 py-2 last:border-b-0">
      <dt className="text-stone-600">{term}</dt>
      <dd className="text-right font-medium text-stone-900">{children}</dd>
    </div>
  );
}

export default function NeedPage() {
  const { need, amountLabel, similar, couldHelp, funding, help, sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const labels = useLabels();
  const locale = useLocale();
  const county = regionName(need.regionName, locale);
  return (
    <>
      <Link to="/needs" className="text-sm font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800">
        <span aria-hidden="true">← </span>
        {t("needs.backToList")}
      </Link>
      <article aria-labelledby="need-title" className="mt-4">
        <header>
          <div className="flex flex-wrap gap-2">
            <CategoryBadge category={need.category} />
            <UrgencyBadge urgency={need.urgency} />
            {need.status === "matched" ? (
              <span className="inline-flex items-center rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-medium text-emerald-900 sm:text-sm">
                {labels.needStatus(need.status)}
              </span>
            ) : null}
          </div>
          <h1 id="need-title" className="mt-3 text-2xl font-bold leading-tight sm:text-3xl" lang={contentLang(need.title, locale)}>
            {need.title}
          </h1>
          <p className="mt-2 text-sm text-stone-600">
            <time dateTime={need.publishedMonth}>{t("needs.published", { month: formatMonth(need.publishedMonth, locale) })}</time>
            <span aria-hidden="true"> · </span>
            <span className="sr-only">, </span>
            {t("needs.reference")} <span className="font-mono">{need.ref}</span>
          </p>
        </header>

        <div className="mt-6 grid gap-6 md:grid-cols-3">
          <div className="md:col-span-2">
            <section aria-labelledby="story-title" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
              <h2 id="story-title" className="text-lg font-semibold">
                {t("needs.story")}
              </h2>
              {/* Stories keep the caseworker's paragraphs. */}
              <p className="mt-3 whitespace-pre-line leading-relaxed text-stone-800" lang={contentLang(need.story, locale)}>
                {need.story}
              </p>
              {need.skills.length ? (
                <>
                  <h3 className="mt-6 font-semibold">{t("needs.skills")}</h3>
                  <div className="mt-2">
                    <SkillTags skills={need.skills} label={t("needs.skills")} />
                  </div>
                </>
              ) : null}
            </section>
            <div className="mt-6">
              <WeCanHelp needRef={need.ref} county={county.text} help={help} sent={sent ?? false} lastResult={lastResult} />
            </div>
          </div>

          <div className="space-y-4">
            <dl className="rounded-lg border border-stone-200 bg-white px-4 py-2 text-sm sm:text-base">
              <Fact term={t("needs.category")}>{labels.category(need.category)}</Fact>
              <Fact term={t("needs.urgency")}>{labels.urgency(need.urgency)}</Fact>
              <Fact term={t("needs.county")}>
                <span lang={county.lang}>{county.text}</span>
              </Fact>
              <Fact term={t("needs.ageBand")}>{labels.ageBand(need.ageBand)}</Fact>
              {amountLabel ? <Fact term={t("needs.targetAmount")}>{amountLabel}</Fact> : null}
            </dl>
            {funding ? <NeedFundingProgress funding={funding} /> : null}
            <p className="flex gap-3 rounded-lg bg-stone-100 p-4 text-sm leading-relaxed text-stone-800 ring-1 ring-inset ring-stone-200">
              <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-5 w-5 shrink-0 fill-brand-700">
                <path d="M10 1.5 3 4.3v5.2c0 4.3 3 7.9 7 9 4-1.1 7-4.7 7-9V4.3L10 1.5Zm0 4a2 2 0 0 1 2 2v1h.5a.5.5 0 0 1 .5.5v4a.5.5 0 0 1-.5.5h-5a.5.5 0 0 1-.5-.5V9a.5.5 0 0 1 .5-.5H8v-1a2 2 0 0 1 2-2Zm0 1a1 1 0 0 0-1 1v1h2v-1a1 1 0 0 0-1-1Z" />
              </svg>
              <span>{t("needs.privacy")}</span>
            </p>
            <GiveToNeed needRef={need.ref} />
            <AskForHelp />
          </div>
        </div>
      </article>
      {couldHelp.length ? (
        <section aria-labelledby="could-help-title" className="mt-10">
          <h2 id="could-help-title" className="text-xl font-semibold sm:text-2xl">
            {t("needs.couldHelp")}
          </h2>
          <p className="mt-1 text-stone-700">{t("needs.couldHelpIntro")}</p>
          <ul className="mt-4 grid gap-4 sm:grid-cols-3">
            {couldHelp.map((item) => (
              <li key={item.offer.ref}>
                <OfferCard offer={item.offer} amountLabel={item.amountLabel} headingLevel="h3" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {similar.length ? (
        <section aria-labelledby="similar-title" className="mt-10">
          <h2 id="similar-title" className="text-xl font-semibold sm:text-2xl">
            {t("needs.similar")}
          </h2>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2">
            {similar.map((item) => (
              <li key={item.need.ref}>
                <NeedCard need={item.need} amountLabel={item.amountLabel} headingLevel="h3" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
