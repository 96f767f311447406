// GET /api/v1/offers/O-… — one offer (open, paused or closed, as on its page), its public projection only.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, apiJson, apiMethodNotAllowed, apiNotFound } from "../api/api-response.server";
import type { OfferItemBody } from "../api/public-schemas";
import { PUBLIC_REFERENCE_PATTERN } from "../domain/needs/public-reference.server";
import { getPublicOffer } from "../domain/offers/public-offers.server";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return answerApi(request, context, async () => {
    const ref = params.ref ?? "";
    // A malformed reference cannot name an offer: answered without a query.
    const offer = PUBLIC_REFERENCE_PATTERN.test(ref) && ref.startsWith("O-") ? await getPublicOffer(context.runtime.db, ref) : null;
    if (!offer) return apiNotFound(`No public offer has the reference ${JSON.stringify(ref)}.`);
    return apiJson(request, { data: offer } satisfies OfferItemBody);
  });
}

export const action = ({ request }: ActionFunctionArgs) => apiMethodNotAllowed(request);
