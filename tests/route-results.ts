// What a loader or action gave back, read the way Remix reads it: a Response (returned or thrown),
// `data(value, { status })`, or a plain value (200).
import { isDomainError } from "../app/domain/errors/domain-error";
import { getPageLocale } from "../app/i18n/page-locale.server";
import { pageResponseFor } from "../server/domain-error-pages.server";

/**
 * Awaits a loader or action; a thrown Response is returned instead of rejecting, and a thrown
 * DomainError becomes the Response the server answers for it (server/domain-error-pages.server.ts),
 * its message in the default language.
 */
export async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    if (isDomainError(thrown)) return pageResponseFor(thrown, (await getPageLocale(new Request("http://localhost/"))).t);
    throw thrown;
  }
}

function isData(result: unknown): result is { type: "DataWithResponseInit"; data: unknown; init: unknown } {
  return typeof result === "object" && result !== null && "type" in result && result.type === "DataWithResponseInit" && "data" in result && "init" in result;
}

function statusOfInit(init: unknown): number | undefined {
  return typeof init === "object" && init !== null && "status" in init && typeof init.status === "number" ? init.status : undefined;
}

export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (isData(result) ? statusOfInit(result.init) : undefined) ?? 200;
}

/** The payload of `data(value)` or of a plain return. */
export function payloadOf(result: unknown): unknown {
  return isData(result) ? result.data : result;
}

/** The Cookie header a browser would send after this response's Set-Cookie. */
export function cookieFrom(result: unknown): string | null {
  const setCookie = result instanceof Response ? result.headers.get("Set-Cookie") : null;
  return setCookie ? (setCookie.split(";")[0] ?? null) : null;
}
