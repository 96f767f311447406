// What /organisation/offers/new and /organisation/offers/$ref share on the server: the region
// picker's data, and reading the offer form (zod, then the region tree and the calendar), with
// every refusal a form error that keeps what was typed (400).
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Locale } from "../i18n/config";
import { isDomainError } from "../domain/errors/domain-error";
import type { OfferContent } from "../domain/offers/offer-form";
import { offerContentOf, offerFormSchema } from "../domain/offers/offer-form";
import { isPastEnd } from "../domain/offers/offer-status";
import { normaliseRegionCodes } from "../domain/offers/offer-writes.server";
import { provinceChoices, regionChoicesIn, regionLabel, regionTrailLabel } from "../domain/regions/region-choices.server";
import type { RegionDirectory } from "../domain/regions/region-directory.server";
import type { RegionCoverageData } from "../ui/region-coverage-picker";

/** The province shown: asked for (?province=), else that of the first region chosen, else the organisation's. */
export function browsedProvince(url: URL, selected: readonly string[], organisationRegion: string): string {
  return url.searchParams.get("province") ?? selected[0]?.slice(0, 2) ?? organisationRegion.slice(0, 2);
}

export function regionCoverageData(directory: RegionDirectory, locale: Locale, province: string, selected: readonly string[]): RegionCoverageData {
  const names: Record<string, string> = {};
  for (const entry of directory.children(null)) {
    names[entry.code] = regionLabel(entry, locale);
    for (const prefecture of directory.children(entry.code)) names[prefecture.code] = regionTrailLabel(directory, prefecture.code, locale);
  }
  for (const code of selected) names[code] = regionTrailLabel(directory, code, locale);
  return { provinces: provinceChoices(directory, locale), browsed: regionChoicesIn(directory, province, locale), names };
}

export type OfferFormReply = SubmissionResult<string[]>;

/** The form's answer with what was typed and what is wrong. */
export const refusedForm = (reply: OfferFormReply) => data({ reply }, { status: 400 });

/**
 * The offer's content from the form, or the 400 answer. `requireFutureEnd`: the offer is or goes
 * public, so an end date already gone is refused (the expiry job would close it at once).
 */
export function readOfferForm(formData: FormData, options: { directory: RegionDirectory; today: string; requireFutureEnd: boolean }): { ok: true; content: OfferContent; reply: (errors: Record<string, string[]>) => OfferFormReply } | { ok: false; response: ReturnType<typeof refusedForm> } {
  const submission = parseWithZod(formData, { schema: offerFormSchema });
  if (submission.status !== "success") return { ok: false, response: refusedForm(submission.reply()) };
  const content = offerContentOf(submission.value);
  const fieldErrors: Record<string, string[]> = {};
  const regions = normaliseRegionCodes(options.directory, content.regionCodes);
  if (regions.unknown.length) fieldErrors.regions = ["offers:errors.unknownRegion"];
  if (options.requireFutureEnd && isPastEnd(content.validUntil, options.today)) fieldErrors.validUntil = ["offers:errors.endInPast"];
  if (Object.keys(fieldErrors).length) return { ok: false, response: refusedForm(submission.reply({ fieldErrors })) };
  return { ok: true, content: { ...content, regionCodes: regions.codes }, reply: (errors) => submission.reply({ fieldErrors: errors }) };
}

/**
 * A write the domain refused for its input (places already taken): the form again, naming the
 * field, in the page's language. Anything else is thrown on.
 */
export function refusedWrite(error: unknown, reply: (errors: Record<string, string[]>) => OfferFormReply, t: TFunction) {
  if (isDomainError(error) && error.kind === "invalid") {
    const field = error.message.split(":")[0] ?? "";
    const message = field === "capacity" && typeof error.values.taken === "number" ? t("offers:errors.capacityBelowTaken", { taken: error.values.taken }) : t("errors:invalidInput");
    return refusedForm(reply({ [field === "capacity" || field === "validUntil" || field === "regions" || field === "amount" ? field : ""]: [message] }));
  }
  throw error;
}
