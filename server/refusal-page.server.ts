// The answer to a request refused before any route sees it (request-input.server.ts) and to an error
// that reaches Express itself: a short page in the visitor's language, or the API's JSON error under
// /api/. Never a stack or a file path, whatever NODE_ENV says.
import { apiError } from "../app/api/api-response.server";
import { getPageLocale } from "../app/i18n/page-locale.server";
import type { InputProblem } from "./request-input.server";
import { INPUT_PROBLEM_STATUS } from "./request-input.server";

export type Refusal = InputProblem | "bad-request" | "server-error";

const WORDS: Record<Refusal, { key: string; api: string }> = {
  unreadable: { key: "unreadable", api: "The request contains characters that are not text: a NUL or another control character, or bytes that are not UTF-8." },
  "off-site-redirect": { key: "offSite", api: "redirectTo must name a page of this site." },
  "not-a-form": { key: "badRequest", api: "The body must be a form (application/x-www-form-urlencoded or multipart/form-data)." },
  "too-large": { key: "tooLarge", api: "The request body is too large." },
  "bad-request": { key: "badRequest", api: "The request could not be read." },
  "server-error": { key: "server", api: "Something went wrong; the error has been logged." },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface RefusedRequest {
  path: string;
  cookie?: string;
  acceptLanguage?: string;
}

/** The answer to a refused request; `status` only for "bad-request" (a 4xx) and "server-error" (a 5xx). */
export async function refusalResponse(request: RefusedRequest, refusal: Refusal, status?: number): Promise<Response> {
  const code = refusal === "bad-request" || refusal === "server-error" ? (status ?? (refusal === "bad-request" ? 400 : 500)) : INPUT_PROBLEM_STATUS[refusal];
  const words = WORDS[refusal];
  if (request.path.startsWith("/api/")) return apiError(code, { code: code >= 500 ? "internal_error" : "invalid_parameter", message: words.api });
  const headers: Record<string, string> = {};
  if (request.cookie) headers.Cookie = request.cookie;
  if (request.acceptLanguage) headers["Accept-Language"] = request.acceptLanguage;
  const { locale, t } = await getPageLocale(new Request("http://localhost/", { headers }));
  const title = escapeHtml(t(`error.${words.key}Title`));
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${escapeHtml(t("site.name"))}</title>
<style>body{margin:0;font-family:system-ui,sans-serif;color:#1c1917;background:#fafaf9}main{max-width:36rem;margin:4rem auto;padding:0 1rem;text-align:center}.status{margin:0;font-size:3rem;font-weight:700;color:#962918}p{color:#57534e}a{display:inline-block;margin-top:1rem;padding:.5rem 1rem;border-radius:.375rem;background:#962918;color:#fff;text-decoration:none}</style>
</head>
<body>
<main>
<p class="status">${code}</p>
<h1>${title}</h1>
<p>${escapeHtml(t(`error.${words.key}Body`))}</p>
<a href="/">${escapeHtml(t("error.backHome"))}</a>
</main>
</body>
</html>
`;
  return new Response(html, { status: code, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
