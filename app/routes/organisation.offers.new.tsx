// /organisation/offers/new — a member writes a new offer: saved as a draft, or published at once
// when the organisation is verified. Bad input comes back with what was typed (400).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireMember } from "../domain/auth/guards.server";
import { canManageOffers, canPublishOffers } from "../domain/auth/permissions";
import { matchingToday } from "../domain/matching/hard-rules";
import { createOffer } from "../domain/offers/create-offer.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { OfferEditor } from "../ui/offer-editor";
import { ProvincePickerForm } from "../ui/province-picker";
import { REGION_PICKER_FORM } from "../ui/region-coverage-picker";
import { browsedProvince, readOfferForm, refusedWrite, regionCoverageData } from "./organisation-offer-form.server";

export const handle = { i18n: ["offers"] };
export const clientLoader = withNamespaces("offers");

async function requireOfferWriter(request: Request, context: LoaderFunctionArgs["context"]) {
  const actor = await requireMember(request, context);
  if (!canManageOffers(actor)) throw forbidden();
  return actor;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireOfferWriter(request, context);
  const [{ locale, t }, directory] = await Promise.all([getPageLocale(request), getRegionDirectory(context.runtime.db)]);
  const province = browsedProvince(new URL(request.url), [], actor.membership.regionCode);
  return {
    title: t("meta.suffix", { title: t("offers:newTitle") }),
    canPublish: canPublishOffers(actor.membership),
    regions: regionCoverageData(directory, locale, province, []),
    // A new offer covers the organisation's own region until the member says otherwise.
    defaultRegions: [actor.membership.regionCode],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireOfferWriter(request, context);
  const { db } = context.runtime;
  const formData = await request.formData();
  const publish = formData.get("intent") === "publish";
  const today = matchingToday();
  const form = readOfferForm(formData, { directory: await getRegionDirectory(db), today, requireFutureEnd: true });
  if (!form.ok) return form.response;
  try {
    const { ref } = await createOffer({ db, actor, content: form.content, publish, ip: context.clientIp || null, today });
    if (publish) context.runtime.kickSearch();
    return redirect(`/organisation/offers/${ref}?done=${publish ? "published" : "created"}`);
  } catch (error) {
    return refusedWrite(error, form.reply, (await getPageLocale(request)).t);
  }
}

export default function NewOfferPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("offers");
  return (
    <section aria-labelledby="new-offer-title" className="mx-auto max-w-3xl">
      <Link to="/organisation/offers" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("back")}
      </Link>
      <h1 id="new-offer-title" className="mt-3 text-2xl font-semibold text-stone-900">
        {t("newTitle")}
      </h1>
      {page.canPublish ? null : <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">{t("notVerified")}</p>}
      <ProvincePickerForm id={REGION_PICKER_FORM} />
      <div className="mt-6">
        <OfferEditor
          lastResult={actionData?.reply}
          defaultValue={{ offerType: "service", category: "job", capacity: "1", regions: page.defaultRegions }}
          regions={page.regions}
          pickerFormId={REGION_PICKER_FORM}
          buttons={page.canPublish ? [{ intent: "save", label: t("actions.saveDraft") }, { intent: "publish", label: t("actions.publish") }] : [{ intent: "save", label: t("actions.saveDraft") }]}
        />
      </div>
    </section>
  );
}
