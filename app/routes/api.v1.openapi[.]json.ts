// GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerApi, apiJson, apiMethodNotAllowed } from "../api/api-response.server";
import { openApiDocument } from "../api/openapi";

export function loader({ request, context }: LoaderFunctionArgs) {
  return answerApi(request, context, async () => apiJson(request, openApiDocument));
}

export const action = ({ request }: ActionFunctionArgs) => apiMethodNotAllowed(request);
