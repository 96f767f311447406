// /organisation/offers/O-… — one offer of the member's organisation: its status, places left and
// matches, its form, and the moves it allows (publish, pause, reopen, close), each its own small
// form. Another organisation's reference finds nothing (404).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, requireMember } from "../domain/auth/guards.server";
import { canManageOffers, canPublishOffers } from "../domain/auth/permissions";
import { matchingToday } from "../domain/matching/hard-rules";
import { PUBLIC_REFERENCE_PATTERN } from "../domain/needs/public-reference.server";
import { changeOfferStatus } from "../domain/offers/change-offer-status.server";
import { offerFormValues } from "../domain/offers/offer-form";
import { offerMovesFrom } from "../domain/offers/offer-status";
import { getOrganisationOffer } from "../domain/offers/organisation-offers.server";
import { updateOffer } from "../domain/offers/update-offer.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { SubmitButton } from "../ui/form";
import { formatCount } from "../ui/format";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { OfferEditor } from "../ui/offer-editor";
import { OFFER_STATUS_STYLE, offerStatusKey } from "../ui/offer-status-tag";
import { ProvincePickerForm } from "../ui/province-picker";
import { REGION_PICKER_FORM } from "../ui/region-coverage-picker";
import { browsedProvince, readOfferForm, refusedWrite, regionCoverageData } from "./organisation-offer-form.server";

export const handle = { i18n: ["offers"] };
export const clientLoader = withNamespaces("offers");

const offerParams = z.object({ ref: z.string().regex(PUBLIC_REFERENCE_PATTERN).startsWith("O-") });
const moveSchema = z.object({ intent: z.literal("status"), to: z.enum(["open", "paused", "closed"]) });
const NOTICES = ["created", "published", "saved", "unchanged", "open", "paused", "closed"] as const;
type Notice = (typeof NOTICES)[number];
const isNotice = (value: string | null): value is Notice => NOTICES.some((n) => n === value);

async function requireOfferWriter(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const actor = await requireMember(request, context);
  if (!canManageOffers(actor)) throw forbidden();
  const parsed = offerParams.safeParse(params);
  if (!parsed.success) throw new Response("Not Found", { status: 404 });
  return { actor, ref: parsed.data.ref };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, ref } = await requireOfferWriter(request, context, params);
  const { db } = context.runtime;
  const [{ locale, t }, directory, offer] = await Promise.all([getPageLocale(request), getRegionDirectory(db), getOrganisationOffer({ db, actor, ref })]);
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  return {
    title: t("meta.suffix", { title: offer.content.title }),
    canPublish: canPublishOffers(actor.membership),
    notice: isNotice(done) ? done : null,
    offer: { ...offer, updatedAt: offer.updatedAt.toISOString() },
    formValues: offerFormValues(offer.content),
    regions: regionCoverageData(directory, locale, browsedProvince(url, offer.content.regionCodes, actor.membership.regionCode), offer.content.regionCodes),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor, ref } = await requireOfferWriter(request, context, params);
  const { db } = context.runtime;
  const formData = await request.formData();
  const ip = context.clientIp || null;
  const today = matchingToday();
  if (formData.get("intent") === "status") {
    const move = moveSchema.safeParse(Object.fromEntries(formData));
    if (!move.success) return data({ reply: undefined, message: (await getPageLocale(request)).t("errors:invalidInput") }, { status: 400 });
    await changeOfferStatus({ db, actor, ref, to: move.data.to, ip, today });
    context.runtime.kickSearch();
    return redirect(`/organisation/offers/${ref}?done=${move.data.to}`);
  }
  const current = await getOrganisationOffer({ db, actor, ref });
  const form = readOfferForm(formData, { directory: await getRegionDirectory(db), today, requireFutureEnd: current.status === "open" || current.status === "paused" });
  if (!form.ok) return form.response;
  try {
    const { changed } = await updateOffer({ db, actor, ref, content: form.content, ip, today });
    if (changed.length) context.runtime.kickSearch();
    return redirect(`/organisation/offers/${ref}?done=${changed.length ? "saved" : "unchanged"}`);
  } catch (error) {
    return refusedWrite(error, form.reply, (await getPageLocale(request)).t);
  }
}

export default function OfferEditPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("offers");
  const locale = useLocale();
  const { offer } = page;
  const status = offerStatusKey(offer);
  const moves = offerMovesFrom(offer.status).filter((to) => to !== "open" || page.canPublish);
  return (
    <section aria-labelledby="offer-edit-title" className="mx-auto max-w-3xl">
      <Link to="/organisation/offers" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("back")}
      </Link>
      <h1 id="offer-edit-title" className="mt-3 text-2xl font-semibold text-stone-900">
        {t("editTitle", { ref: offer.ref })}
      </h1>
      {page.notice ? (
        <p role="status" className="mt-4 rounded-md border border-emerald-700 bg-emerald-50 p-3 text-sm font-medium text-emerald-900">
          {t(`notices.${page.notice}`)}
        </p>
      ) : null}
      {actionData && "message" in actionData ? (
        <p role="alert" className="mt-4 rounded-md border border-brand-700 bg-brand-50 p-3 text-sm font-medium text-brand-900">
          {actionData.message}
        </p>
      ) : null}
      <div className={`mt-4 rounded-md border p-4 ${OFFER_STATUS_STYLE[status]}`}>
        <p className="font-semibold">{t(`status.${status}`)}</p>
        <p className="mt-1">{t(`statusHelp.${status}`)}</p>
        <p className="mt-2">
          {t("list.places", { remaining: formatCount(offer.remainingCapacity, locale), capacity: formatCount(offer.content.capacity, locale) })} · {t("list.matches", { count: offer.matchCount })}
        </p>
        {moves.length ? (
          <div className="mt-3 flex flex-wrap gap-2">
            {moves.map((to) => (
              <Form key={to} method="post">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="to" value={to} />
                <SubmitButton variant={to === "closed" ? "danger" : to === "open" ? "primary" : "secondary"}>{t(to === "open" && offer.status !== "draft" ? "actions.reopen" : `actions.${to}`)}</SubmitButton>
              </Form>
            ))}
          </div>
        ) : null}
        {offer.status === "draft" ? null : (
          <p className="mt-3">
            <Link to={`/offers/${offer.ref}`} className="font-medium underline underline-offset-4">
              {t("publicPage")}
            </Link>
          </p>
        )}
      </div>
      <ProvincePickerForm id={REGION_PICKER_FORM} />
      <div className="mt-6">
        <OfferEditor
          lastResult={actionData && "reply" in actionData ? actionData.reply : undefined}
          defaultValue={page.formValues}
          regions={page.regions}
          pickerFormId={REGION_PICKER_FORM}
          buttons={[{ intent: "save", label: t("actions.save") }]}
        />
      </div>
    </section>
  );
}
