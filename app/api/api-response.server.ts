// How every answer of the public API is sent: JSON in UTF-8, readable from any origin (the data is
// public and read-only), cacheable for a minute with a weak ETag, and errors as JSON that no
// cache keeps. Remix's own error answers are HTML or text, so API routes never let one escape.
import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type { DomainError } from "../domain/errors/domain-error";
import { isDomainError } from "../domain/errors/domain-error";
import type { SearchProblem } from "../domain/search/search-query";
import type { ApiErrorBody } from "./public-schemas";

const ALLOWED_METHODS = "GET, HEAD, OPTIONS";
const JSON_TYPE = "application/json; charset=utf-8";
const CORS = { "Access-Control-Allow-Origin": "*" } as const;

/** A 200 JSON answer, or 304 when the client's If-None-Match already names this body. */
export function apiJson(request: Request, body: unknown): Response {
  const text = JSON.stringify(body);
  // Weak: the body is the same JSON, but compression on the way may change its bytes.
  const etag = `W/"${createHash("sha1").update(text).digest("base64url")}"`;
  const headers = { ...CORS, "Cache-Control": "public, max-age=60", ETag: etag };
  if (matchesEtag(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers: { ...headers, "Content-Type": JSON_TYPE } });
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" and "x" match. */
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/** The API's code for each kind of DomainError: the one mapping of domain errors for the API. */
const DOMAIN_ERROR_CODES: Record<DomainError["kind"], ApiErrorBody["error"]["code"]> = {
  invalid: "invalid_parameter",
  forbidden: "forbidden",
  "not-found": "not_found",
  conflict: "conflict",
  "rate-limited": "rate_limited",
};

/** A DomainError as the API's JSON error, with its status (and Retry-After when rate-limited). */
export function apiDomainError(error: DomainError): Response {
  const headers: Record<string, string> = error.retryAfterSeconds !== null ? { "Retry-After": String(error.retryAfterSeconds) } : {};
  return apiError(error.httpStatus, { code: DOMAIN_ERROR_CODES[error.kind], message: error.message }, headers);
}

/** An error answer with the API's error body. */
export function apiError(status: number, error: ApiErrorBody["error"], headers: Record<string, string> = {}): Response {
  const body: ApiErrorBody = { error };
  return new Response(JSON.stringify(body), { status, headers: { ...CORS, ...headers, "Cache-Control": "no-store", "Content-Type": JSON_TYPE } });
}

/** 404 with the API's error body. */
export const apiNotFound = (message: string) => apiError(404, { code: "not_found", message });

/** 400 naming every parameter that is wrong, so a client can fix them all at once. */
export function apiInvalidParameters(problems: SearchProblem[]): Response {
  const names = [...new Set(problems.map((p) => p.parameter))];
  return apiError(400, { code: "invalid_parameter", message: `Invalid query parameter${names.length > 1 ? "s" : ""}: ${names.join(", ")}.`, problems });
}

/** The answer to anything but GET, HEAD and OPTIONS: the API only reads. */
export function apiMethodNotAllowed(request: Request): Response {
  return apiError(405, { code: "method_not_allowed", message: `${request.method} is not allowed here: the public API is read-only (${ALLOWED_METHODS}).` }, { Allow: ALLOWED_METHODS });
}

/** A CORS preflight (a browser sending If-None-Match from another origin asks first). */
function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: { ...CORS, Allow: ALLOWED_METHODS, "Access-Control-Allow-Methods": ALLOWED_METHODS, "Access-Control-Allow-Headers": "If-None-Match", "Access-Control-Max-Age": "86400" },
  });
}

/**
 * Runs an API loader: answers a preflight, and turns an unexpected failure into a logged JSON 500
 * (Remix would answer text). Loaders receive GET, HEAD and OPTIONS only.
 */
export async function answerApi(request: Request, context: AppLoadContext, answer: () => Promise<Response>): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  try {
    return await answer();
  } catch (error) {
    if (isDomainError(error)) return apiDomainError(error);
    context.runtime.logger.error({ err: error, method: request.method, path: new URL(request.url).pathname }, "public API request failed");
    return apiError(500, { code: "internal_error", message: "The request failed on the server; please try again later." });
  }
}
