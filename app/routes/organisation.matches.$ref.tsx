// /organisation/matches/:ref — one match of the provider's offers: the need as the public sees it,
// the offer, the message, and the answer due. A proposal is accepted (taking one of the offer's
// places) or declined with a reason; an accepted match shows the union caseworker's contact —
// never the worker's: the union mediates, with the household's consent — and is then marked
// fulfilled or failed with an outcome note. Every answer is a plain POST form (works without
// JavaScript); missing text is a 400 with the input kept; a match that moved meanwhile is a 409.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMatchResponder } from "../domain/auth/guards.server";
import { acceptMatch } from "../domain/matching/accept-match.server";
import { declineMatch } from "../domain/matching/decline-match.server";
import { failMatch, fulfilMatch } from "../domain/matching/finish-match.server";
import { getProviderMatch } from "../domain/matching/provider-matches.server";
import type { ProviderMatchIntent } from "../domain/matching/provider-match-forms";
import { acceptMatchSchema, declineMatchSchema, finishMatchSchema, isProviderMatchIntent } from "../domain/matching/provider-match-forms";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { CategoryBadge, SkillTags, UrgencyBadge } from "../ui/badges";
import { domainMessageOf } from "../ui/error-text";
import { FormErrors, SubmitButton, TextAreaField } from "../ui/form";
import { formatDate, formatDateTime } from "../ui/format-time";
import { contentLang, regionName, useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["matches"] };
export const clientLoader = withNamespaces("matches");

/** What the page says after a successful answer (`?done=`). */
const NOTICES = ["accepted", "declined", "fulfilled", "failed"] as const;
type Notice = (typeof NOTICES)[number];
const isNotice = (value: string | null): value is Notice => NOTICES.some((n) => n === value);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireMatchResponder(request, context);
  const [{ locale, t }, match] = await Promise.all([getPageLocale(request), getProviderMatch({ db: context.runtime.db, actor, ref: params.ref ?? "" })]);
  const done = new URL(request.url).searchParams.get("done");
  const { need } = match;
  return {
    title: t("meta.suffix", { title: need ? need.title : t("matches:provider.detail.reference", { ref: match.ref }) }),
    notice: isNotice(done) ? done : null,
    match: {
      ref: match.ref,
      status: match.status,
      origin: match.origin,
      message: match.message,
      declineReason: match.declineReason,
      outcomeNote: match.outcomeNote,
      waitingDays: match.waitingDays,
      since: formatDate(new Date(match.statusChangedAt), locale),
      offer: match.offer,
      contact: match.contact,
    },
    // The public projection's fields the page shows, and nothing else of it.
    need: need
      ? { ref: need.ref, title: need.title, story: need.story, skills: need.skills, category: need.category, regionName: need.regionName, ageBand: need.ageBand, urgency: need.urgency }
      : null,
    events: match.events.map((e) => ({ to: e.to, note: e.note, side: e.side, actorName: e.actorName, when: formatDateTime(new Date(e.occurredAt), locale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const DONE: Record<ProviderMatchIntent, Notice> = { accept: "accepted", decline: "declined", fulfil: "fulfilled", fail: "failed" };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireMatchResponder(request, context);
  const { runtime } = context;
  const matchRef = params.ref ?? "";
  // Another organisation's match is not there at all, whatever the form says (a 404 before any 400).
  await getProviderMatch({ db: runtime.db, actor, ref: matchRef });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isProviderMatchIntent(intent)) throw new Response("Unknown form.", { status: 400, statusText: "Bad Request" });
  const verb = { db: runtime.db, actor, matchRef, ip: context.clientIp || null, mail: runtime };
  switch (intent) {
    case "accept": {
      const submission = parseWithZod(formData, { schema: acceptMatchSchema });
      if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
      await acceptMatch(verb);
      break;
    }
    case "decline": {
      const submission = parseWithZod(formData, { schema: declineMatchSchema });
      if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
      await declineMatch({ ...verb, reason: submission.value.reason });
      break;
    }
    case "fulfil":
    case "fail": {
      const submission = parseWithZod(formData, { schema: finishMatchSchema });
      if (submission.status !== "success") return data({ intent: "finish" as const, reply: submission.reply() }, { status: 400 });
      await (submission.value.intent === "fulfil" ? fulfilMatch : failMatch)({ ...verb, note: submission.value.note });
      break;
    }
  }
  // Capacity and the need's status may have moved: the index follows.
  runtime.kickSearch();
  return redirect(`/organisation/matches/${matchRef}?done=${DONE[intent]}`);
}

const box = "mt-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6";
const dt = "font-medium text-stone-700";
const link = "font-medium text-brand-700 underline underline-offset-4";

export default function ProviderMatchPage() {
  const { notice, match, need, events } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("matches");
  const labels = useLabels();
  const locale = useLocale();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.reply : undefined);
  const [declineForm, declineFields] = useForm({
    id: "decline",
    lastResult: resultFor("decline"),
    constraint: getZodConstraint(declineMatchSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: declineMatchSchema }),
  });
  const [finishForm, finishFields] = useForm({
    id: "finish",
    lastResult: resultFor("finish"),
    constraint: getZodConstraint(finishMatchSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: finishMatchSchema }),
  });
  const county = need ? regionName(need.regionName, locale) : null;
  const contact = match.contact;
  return (
    <article aria-labelledby="match-title" className="mx-auto max-w-3xl">
      <Link to="/organisation/matches" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("provider.detail.back")}
      </Link>
      {notice ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
          {t(`provider.detail.saved.${notice}`)}
        </p>
      ) : null}
      <h1 id="match-title" className="mt-3 text-2xl font-semibold" lang={need ? contentLang(need.title, locale) : undefined}>
        {need ? need.title : t("provider.detail.reference", { ref: match.ref })}
      </h1>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
        <dt className={dt}>{t("provider.detail.status")}</dt>
        <dd>{t(`provider.status.${match.status}`)}</dd>
        <dt className={dt}>{t("provider.detail.since")}</dt>
        <dd>
          {match.since}
          {match.status === "proposed" || match.status === "requested" ? ` · ${t("provider.inbox.waitedDays", { count: match.waitingDays })}` : null}
        </dd>
        <dt className={dt}>{t("provider.detail.offer")}</dt>
        <dd lang={contentLang(match.offer.title, locale)}>{match.offer.title}</dd>
        <dt className={dt}>{t("provider.detail.placesLeft")}</dt>
        <dd>
          {match.offer.remainingCapacity} / {match.offer.capacity}
        </dd>
      </dl>

      {match.message ? (
        <section aria-labelledby="message-title" className={box}>
          <h2 id="message-title" className="text-lg font-semibold">
            {t(match.origin === "proposed" ? "provider.detail.unionMessage" : "provider.detail.yourMessage")}
          </h2>
          <p className="mt-2 whitespace-pre-line" lang={contentLang(match.message, locale)}>
            {match.message}
          </p>
        </section>
      ) : null}

      {contact ? (
        <section aria-labelledby="contact-title" className="mt-6 rounded-lg border border-emerald-300 bg-emerald-50 p-4 sm:p-6">
          <h2 id="contact-title" className="text-lg font-semibold text-emerald-950">
            {t("provider.detail.contactTitle")}
          </h2>
          <p className="mt-2 text-stone-800">{t("provider.detail.contactIntro")}</p>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
            {contact.caseworkerName ? (
              <>
                <dt className={dt}>{t("provider.detail.contactName")}</dt>
                <dd>{contact.caseworkerName}</dd>
              </>
            ) : null}
            {contact.caseworkerEmail ? (
              <>
                <dt className={dt}>{t("provider.detail.contactEmail")}</dt>
                <dd>
                  <a href={`mailto:${contact.caseworkerEmail}`} className={link}>
                    {contact.caseworkerEmail}
                  </a>
                </dd>
              </>
            ) : null}
            <dt className={dt}>{t("provider.detail.contactUnion")}</dt>
            <dd>{contact.unionName}</dd>
            {contact.unionPhone ? (
              <>
                <dt className={dt}>{t("provider.detail.contactPhone")}</dt>
                <dd>
                  <a href={`tel:${contact.unionPhone}`} className={link}>
                    {contact.unionPhone}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      {match.status === "proposed" ? (
        <section aria-labelledby="answer-title" className={`${box} space-y-6`}>
          <h2 id="answer-title" className="text-lg font-semibold">
            {t("provider.detail.answerTitle")}
          </h2>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="intent" value="accept" />
            <p className="text-stone-700">{t("provider.detail.acceptHint", { count: match.offer.remainingCapacity })}</p>
            <SubmitButton>{t("provider.detail.accept")}</SubmitButton>
          </Form>
          <Form method="post" {...getFormProps(declineForm)} className="space-y-3 border-t border-stone-200 pt-6">
            <FormErrors id={declineForm.errorId} errors={declineForm.errors} />
            <input type="hidden" name="intent" value="decline" />
            <TextAreaField field={declineFields.reason} label={t("provider.detail.reason")} rows={3} />
            <SubmitButton variant="danger">{t("provider.detail.decline")}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {match.status === "accepted" ? (
        <section aria-labelledby="finish-title" className={box}>
          <h2 id="finish-title" className="text-lg font-semibold">
            {t("provider.detail.finishTitle")}
          </h2>
          <p className="mt-1 text-stone-700">{t("provider.detail.finishHint")}</p>
          <Form method="post" {...getFormProps(finishForm)} className="mt-3 space-y-3">
            <FormErrors id={finishForm.errorId} errors={finishForm.errors} />
            <TextAreaField field={finishFields.note} label={t("provider.detail.note")} hint={t("provider.detail.noteHint")} rows={3} />
            <div className="flex flex-wrap gap-3">
              <SubmitButton name="intent" value="fulfil">
                {t("provider.detail.fulfil")}
              </SubmitButton>
              <SubmitButton name="intent" value="fail" variant="secondary">
                {t("provider.detail.fail")}
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}

      {match.status === "requested" ? <p className="mt-6 rounded-md bg-amber-50 p-3 text-amber-900">{t("provider.detail.requestedHint")}</p> : null}

      {match.declineReason || match.outcomeNote ? (
        <dl className={`${box} grid grid-cols-[auto_1fr] gap-x-6 gap-y-1`}>
          {match.declineReason ? (
            <>
              <dt className={dt}>{t("provider.detail.declineReason")}</dt>
              <dd className="whitespace-pre-line">{match.declineReason}</dd>
            </>
          ) : null}
          {match.outcomeNote ? (
            <>
              <dt className={dt}>{t("provider.detail.outcome")}</dt>
              <dd className="whitespace-pre-line">{match.outcomeNote}</dd>
            </>
          ) : null}
        </dl>
      ) : null}

      <section aria-labelledby="need-title" className={box}>
        <h2 id="need-title" className="text-lg font-semibold">
          {t("provider.detail.need")}
        </h2>
        {need && county ? (
          <>
            <p className="mt-1 text-sm text-stone-600">{t("provider.detail.needNote")}</p>
            <div className="mt-3 flex flex-wrap items-center gap-2">
              <CategoryBadge category={need.category} />
              <UrgencyBadge urgency={need.urgency} />
              <span className="text-sm text-stone-700">
                <span lang={county.lang}>{county.text}</span>
                <span aria-hidden="true"> · </span>
                <span className="sr-only">, </span>
                {labels.ageBand(need.ageBand)}
              </span>
            </div>
            <p className="mt-3 whitespace-pre-line leading-relaxed" lang={contentLang(need.story, locale)}>
              {need.story}
            </p>
            {need.skills.length ? (
              <div className="mt-3">
                <SkillTags skills={need.skills} label={t("common:needs.skills")} />
              </div>
            ) : null}
            <p className="mt-3 text-sm">
              <Link to={`/needs/${need.ref}`} className={link}>
                {t("provider.detail.publicPage")}
              </Link>
            </p>
          </>
        ) : (
          <p className="mt-2 text-stone-700">{t("provider.inbox.needGone")}</p>
        )}
      </section>

      {events.length ? (
        <section aria-labelledby="history-title" className={box}>
          <h2 id="history-title" className="text-lg font-semibold">
            {t("provider.detail.history")}
          </h2>
          <ol className="mt-2 space-y-2">
            {events.map((event, index) => (
              <li key={index}>
                <p>
                  {t("provider.detail.event", { when: event.when, status: t(`provider.event.${event.to}`) })}
                  <span className="text-stone-600"> · {event.side === "provider" ? t("provider.side.provider", { name: event.actorName ?? "" }) : t(`provider.side.${event.side}`)}</span>
                </p>
                {event.note ? (
                  <p className="whitespace-pre-line text-sm text-stone-700" lang={contentLang(event.note, locale)}>
                    {event.note}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { ref } = useParams();
  const { t } = useTranslation("matches");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) ? domainMessageOf(error.data) : null;
  const text =
    status === 409
      ? { title: t("provider.detail.changedTitle"), body: t("provider.detail.changedBody") }
      : status === 404
        ? { title: t("common:error.notFoundTitle"), body: t("provider.detail.notFoundBody") }
        : status === 403
          ? { title: t("common:error.forbiddenTitle"), body: t("provider.detail.forbiddenBody") }
          : { title: t(status === 400 ? "common:error.badRequestTitle" : "common:error.serverTitle"), body: t(status === 400 ? "provider.errors.badRequest" : "common:error.serverBody") };
  return (
    <section aria-labelledby="match-error-title" className="mx-auto max-w-xl">
      <p className="text-4xl font-bold text-brand-700">{status}</p>
      <h1 id="match-error-title" className="mt-2 text-2xl font-semibold">
        {text.title}
      </h1>
      {detail && status === 409 ? <p className="mt-2 font-medium">{detail.text}</p> : null}
      <p className="mt-2 text-stone-700">{text.body}</p>
      <p className="mt-4 flex flex-wrap gap-4">
        {status === 409 && ref ? (
          <Link to={`/organisation/matches/${ref}`} className={link}>
            {t("provider.detail.seeMatch")}
          </Link>
        ) : null}
        <Link to="/organisation/matches" className={link}>
          {t("provider.detail.back")}
        </Link>
      </p>
    </section>
  );
}
