// GET /api/v1/needs/N-… — one published need, its public projection only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, apiJson, apiMethodNotAllowed, apiNotFound } from "../api/api-response.server";
import type { NeedItemBody } from "../api/public-schemas";
import { getPublicNeed } from "../domain/needs/public-needs.server";
import { PUBLIC_REFERENCE_PATTERN } from "../domain/needs/public-reference.server";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return answerApi(request, context, async () => {
    const ref = params.ref ?? "";
    // A malformed reference cannot name a need: answered without a query.
    const need = PUBLIC_REFERENCE_PATTERN.test(ref) && ref.startsWith("N-") ? await getPublicNeed(context.runtime.db, ref) : null;
    if (!need) return apiNotFound(`No published need has the reference ${JSON.stringify(ref)}.`);
    return apiJson(request, { data: need } satisfies NeedItemBody);
  });
}

export const action = ({ request }: ActionFunctionArgs) => apiMethodNotAllowed(request);
