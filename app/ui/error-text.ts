// What the error page says for each status (root ErrorBoundary and its <title>): its own words
// for no access, not found, a conflict, too many attempts and bad input; anything else is an
// error that was logged. A DomainError's page body (server/domain-error-pages.server.ts) adds
// the specific message, translated on the server.
import type en from "../i18n/en.json";

type ErrorTextKey = keyof (typeof en)["error"];
/** The titles an error page of the root boundary can have (site-messages.ts holds them for meta). */
export type ErrorTitleKey = "badRequestTitle" | "forbiddenTitle" | "notFoundTitle" | "conflictTitle" | "tooManyTitle" | "serverTitle";

const BY_STATUS: Record<number, { title: ErrorTitleKey; body: ErrorTextKey }> = {
  400: { title: "badRequestTitle", body: "badRequestBody" },
  403: { title: "forbiddenTitle", body: "forbiddenBody" },
  404: { title: "notFoundTitle", body: "notFoundBody" },
  409: { title: "conflictTitle", body: "conflictBody" },
  429: { title: "tooManyTitle", body: "tooManyBody" },
};
const SERVER = { title: "serverTitle", body: "serverBody" } as const;

/** The `common:error.*` keys of the title and text for `status`. */
export function errorTextKeys(status: number): { title: ErrorTitleKey; body: ErrorTextKey } {
  return BY_STATUS[status] ?? SERVER;
}

/**
 * The message of a DomainError's page body, already in the page's language (the server translates
 * it from the `errors` namespace, which the browser never loads); null for any other body.
 */
export function domainMessageOf(data: unknown): { text: string } | null {
  if (typeof data !== "object" || data === null || !("messageKey" in data) || !("text" in data)) return null;
  if (typeof data.messageKey !== "string" || typeof data.text !== "string" || !data.text) return null;
  return { text: data.text };
}
