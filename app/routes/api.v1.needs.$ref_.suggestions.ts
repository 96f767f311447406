// GET /api/v1/needs/N-…/suggestions — offers that could help a published need, ranked, with the
// reasons (codes, values, and sentences in both languages). Public projections only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, apiInvalidParameters, apiJson, apiMethodNotAllowed, apiNotFound } from "../api/api-response.server";
import { MAX_API_SUGGESTIONS } from "../api/openapi";
import type { OfferSuggestionListBody } from "../api/public-schemas";
import { searchContextOf } from "../api/search-context.server";
import { describeReason } from "../domain/matching/reasons";
import { DEFAULT_SUGGESTIONS } from "../domain/matching/matching-filters";
import { findOfferSuggestions } from "../domain/matching/suggest-offers.server";
import { getPublicNeed } from "../domain/needs/public-needs.server";
import { PUBLIC_REFERENCE_PATTERN } from "../domain/needs/public-reference.server";
import { i18nServer } from "../i18n/i18next.server";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return answerApi(request, context, async () => {
    const ref = params.ref ?? "";
    const limitText = new URL(request.url).searchParams.get("limit");
    const limit = limitText === null ? DEFAULT_SUGGESTIONS : Number(limitText);
    if (!/^\d+$/.test(limitText ?? "1") || !Number.isInteger(limit) || limit < 1 || limit > MAX_API_SUGGESTIONS) {
      return apiInvalidParameters([{ parameter: "limit", message: `must be a whole number from 1 to ${MAX_API_SUGGESTIONS}` }]);
    }
    // Suggestions are shown for public needs only; a malformed reference is answered without a query.
    const need = PUBLIC_REFERENCE_PATTERN.test(ref) && ref.startsWith("N-") ? await getPublicNeed(context.runtime.db, ref) : null;
    if (!need) return apiNotFound(`No published need has the reference ${JSON.stringify(ref)}.`);
    const { suggestions, degraded } = await findOfferSuggestions(searchContextOf(context), need.ref, { limit });
    const [zh, en] = await Promise.all([i18nServer.getFixedT("zh-CN"), i18nServer.getFixedT("en")]);
    const body: OfferSuggestionListBody = {
      data: suggestions.map(({ offer, score, reasons }) => ({
        offer,
        score,
        reasons: reasons.map((reason) => ({ ...reason, text: { zh: describeReason(reason, zh), en: describeReason(reason, en) } })),
      })),
      meta: { need: need.ref, limit, degraded },
    };
    return apiJson(request, body);
  });
}

export const action = ({ request }: ActionFunctionArgs) => apiMethodNotAllowed(request);
