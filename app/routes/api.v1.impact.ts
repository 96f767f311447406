// GET /api/v1/impact?region=53 — the public impact figures of the site, a province or a
// prefecture, with small cells hidden as on /impact.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { impactBody } from "../api/impact-body.server";
import { answerApi, apiInvalidParameters, apiJson, apiMethodNotAllowed, apiNotFound } from "../api/api-response.server";
import { IMPACT_REGION_PATTERN, readPublicImpact } from "../domain/reports/public-impact.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  return answerApi(request, context, async () => {
    const params = new URL(request.url).searchParams;
    const unknown = [...new Set(params.keys())].filter((name) => name !== "region");
    const region = params.get("region") ?? "";
    const problems = [
      ...unknown.map((parameter) => ({ parameter, message: "Unknown parameter: the only one is region." })),
      ...(region === "" || IMPACT_REGION_PATTERN.test(region) ? [] : [{ parameter: "region", message: "A province (2 digits) or a prefecture (4 digits) code: counties hold too few households to publish." }]),
    ];
    if (problems.length) return apiInvalidParameters(problems);
    const impact = await readPublicImpact({ db: context.runtime.db, figures: context.runtime.publicFigures, region });
    if (!impact) return apiNotFound(`No province or prefecture has the code ${JSON.stringify(region)}.`);
    return apiJson(request, impactBody(impact));
  });
}

export const action = ({ request }: ActionFunctionArgs) => apiMethodNotAllowed(request);
