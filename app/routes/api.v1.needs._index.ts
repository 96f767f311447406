// GET /api/v1/needs — search published needs with the parameters of the /needs page, as JSON.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, apiInvalidParameters, apiJson, apiMethodNotAllowed } from "../api/api-response.server";
import { needListBody } from "../api/list-body";
import { searchContextOf } from "../api/search-context.server";
import { searchNeeds } from "../domain/search/search-needs.server";
import { parseNeedSearch } from "../domain/search/search-query";

export function loader({ request, context }: LoaderFunctionArgs) {
  return answerApi(request, context, async () => {
    const { query, problems } = parseNeedSearch(new URL(request.url).searchParams, "strict");
    if (!query) return apiInvalidParameters(problems);
    const result = await searchNeeds(searchContextOf(context), query);
    return apiJson(request, needListBody("/api/v1/needs", query, result));
  });
}

export const action = ({ request }: ActionFunctionArgs) => apiMethodNotAllowed(request);
