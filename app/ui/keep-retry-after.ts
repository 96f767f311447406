// A route without a `headers` export answers with its parent's headers only (Remix keeps nothing
// but Set-Cookie of its own action or loader), so a 429 would lose its Retry-After. Every route
// that can answer 429 exports this.
import type { HeadersFunction } from "@remix-run/node";

/** The parent's headers plus the Retry-After that this route's action or loader gave. */
export const keepRetryAfter: HeadersFunction = ({ parentHeaders, actionHeaders, loaderHeaders, errorHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
