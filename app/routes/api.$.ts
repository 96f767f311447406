// Any other path under /api/: a JSON 404 for a program, not the HTML error page of the site
// (this splat ranks above the root one, $.tsx, for every path starting /api/).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiNotFound } from "../api/api-response.server";

const notFound = (request: Request) => apiNotFound(`No API endpoint at ${new URL(request.url).pathname}; the endpoints are described at /api/v1/openapi.json.`);

export const loader = ({ request }: LoaderFunctionArgs) => notFound(request);
export const action = ({ request }: ActionFunctionArgs) => notFound(request);
