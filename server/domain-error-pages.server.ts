// How pages answer a DomainError, decided once: every loader and action of the server build is
// wrapped so that a DomainError thrown anywhere below it becomes the Response of its status
// (403, 404, 409, 400, 429 with Retry-After) instead of a logged 500. The body names the kind and
// the message key and carries the message in the page's language (the `errors` namespace stays on
// the server); the root error boundary shows the status's translated text and that message.
// Routes keep throwing their own Responses (guards, redirects).
import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { DomainError, DomainMessageKey } from "../app/domain/errors/domain-error";
import { isDomainError } from "../app/domain/errors/domain-error";
import errorsEn from "../app/i18n/locales/en/errors.json";
import { getPageLocale } from "../app/i18n/page-locale.server";

// Typed so that a key the domain uses and the messages lack fails to compile.
errorsEn satisfies Record<DomainMessageKey, string>;

/** What a page's error boundary receives as `error.data` for a DomainError. */
export interface DomainErrorPageBody {
  kind: DomainError["kind"];
  /** In English, for programs and logs; people read the translated `messageKey`. */
  message: string;
  messageKey: DomainError["messageKey"];
  values: DomainError["values"];
  /** The message in the page's language. */
  text: string;
}

/** The Response a page answers for `error`. */
export function pageResponseFor(error: DomainError, t: TFunction): Response {
  const body: DomainErrorPageBody = { kind: error.kind, message: error.message, messageKey: error.messageKey, values: error.values, text: t(`errors:${error.messageKey}`, error.values) };
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
  if (error.retryAfterSeconds !== null) headers["Retry-After"] = String(error.retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: error.httpStatus, headers });
}

function mapped<F extends LoaderFunction | ActionFunction>(fn: F): F;
function mapped(fn: LoaderFunction): LoaderFunction {
  return async (args) => {
    try {
      return await fn(args);
    } catch (error) {
      if (isDomainError(error)) throw pageResponseFor(error, (await getPageLocale(args.request)).t);
      throw error;
    }
  };
}

/** The build with every route's loader and action answering DomainErrors by their status. */
export function withDomainErrorPages(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action } = route.module;
    routes[id] = { ...route, module: { ...route.module, ...(loader ? { loader: mapped(loader) } : {}), ...(action ? { action: mapped(action) } : {}) } };
  }
  return { ...build, routes };
}
