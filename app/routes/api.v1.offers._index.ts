// GET /api/v1/offers — search open offers with the parameters of the /offers page, as JSON.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, apiInvalidParameters, apiJson, apiMethodNotAllowed } from "../api/api-response.server";
import { offerListBody } from "../api/list-body";
import { searchContextOf } from "../api/search-context.server";
import { searchOffers } from "../domain/search/search-offers.server";
import { parseOfferSearch } from "../domain/search/search-query";

export function loader({ request, context }: LoaderFunctionArgs) {
  return answerApi(request, context, async () => {
    const { query, problems } = parseOfferSearch(new URL(request.url).searchParams, "strict");
    if (!query) return apiInvalidParameters(problems);
    const result = await searchOffers(searchContextOf(context), query);
    return apiJson(request, offerListBody("/api/v1/offers", query, result));
  });
}

export const action = ({ request }: ActionFunctionArgs) => apiMethodNotAllowed(request);
