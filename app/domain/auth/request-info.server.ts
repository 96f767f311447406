import type { AppLoadContext } from "@remix-run/node";
import type { RequestInfo } from "./sign-in.server";

/** Where a request comes from, for rate limits, sessions and the audit log. */
export function requestInfo(request: Request, context: AppLoadContext): RequestInfo {
  return { ip: context.clientIp || null, userAgent: request.headers.get("user-agent") };
}
