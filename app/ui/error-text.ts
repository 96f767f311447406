// What the error page says for each status (root ErrorBoundary and its <title>): its own words
// for no access, not found, a conflict, too many attempts and bad input; anything else is an
// error that was logged. A DomainError's page body (server/domain-error-pages.server.ts) adds
// the specific message by key.
import type { DomainMessageKey } from "../domain/errors/domain-error";
import en from "../i18n/en.json";

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

// Typed so that a key the domain uses and the messages lack fails to compile.
const MESSAGES: Record<DomainMessageKey, string> = en.domainError;
const MESSAGE_KEYS = new Set<string>(Object.keys(MESSAGES));

function isMessageKey(value: unknown): value is DomainMessageKey {
  return typeof value === "string" && MESSAGE_KEYS.has(value);
}

/** The message key and values of a DomainError's page body; null for any other body. */
export function domainMessageOf(data: unknown): { key: DomainMessageKey; values: Record<string, string | number> } | null {
  if (typeof data !== "object" || data === null || !("messageKey" in data) || !isMessageKey(data.messageKey)) return null;
  const values: Record<string, string | number> = {};
  if ("values" in data && typeof data.values === "object" && data.values !== null) {
    for (const [name, value] of Object.entries(data.values)) if (typeof value === "string" || typeof value === "number") values[name] = value;
  }
  return { key: data.messageKey, values };
}
