// The one way a use case says "no" (STYLE: one domain error type, mapped once per surface): a kind
// that each surface turns into its own answer — a status page (app/domain/errors/page-errors.server.ts),
// the API's JSON error (app/api/api-response.server.ts), the CLI's message and exit code
// (cli/report-error.ts) — an English message for logs and the command line, and a message key that
// pages translate. Unexpected failures stay ordinary errors (a 500 that is logged).

export const DOMAIN_ERROR_KINDS = ["invalid", "forbidden", "not-found", "conflict", "rate-limited"] as const;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

/** The HTTP status of each kind, for pages and the API. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "rate-limited": 429,
};

/** Keys of the `errors` namespace: what a person is told, in their language (translated on the server). */
export type DomainMessageKey =
  | "noAccess"
  | "noCaseWriting"
  | "caseNotFound"
  | "needNotFound"
  | "applicationNotFound"
  | "organisationNotFound"
  | "caseChanged"
  | "caseMoveRefused"
  | "followUpRequired"
  | "noConsentToWithdraw"
  | "householdsChanged"
  | "applicationMoveRefused"
  | "organisationReviewed"
  | "memberNotFound"
  | "needMoveRefused"
  | "needEditRefused"
  | "holderAnswersLimited"
  | "matchNotFound"
  | "matchMoveRefused"
  | "matchPairRefused"
  | "matchOpenAlready"
  | "offerNotFound"
  | "offerFull"
  | "offerMoveRefused"
  | "offerPastEnd"
  | "offerPublishingNotVerified"
  | "ledgerKeyReused"
  | "fundOverdrawn"
  | "ledgerTransactionReversed"
  | "disbursementPosted"
  | "noFinance"
  | "pledgeNotFound"
  | "pledgeClosed"
  | "disbursementNotFound"
  | "disbursementDecided"
  | "disbursementOwnRequest"
  | "disbursementOverFund"
  | "ledgerTransactionNotFound"
  | "reversalOfReversal"
  | "reversalOverdraws"
  | "invalidInput";

export type DomainMessageValues = Record<string, string | number>;

// The server build bundles its own copy of this module, so `instanceof` across the build's edge
// (server/main.ts, the CLI) would fail: a DomainError is recognised by a registered symbol instead.
const BRAND = Symbol.for("xiangyun.DomainError");

export class DomainError extends Error {
  readonly [BRAND] = true;
  readonly kind: DomainErrorKind;
  readonly messageKey: DomainMessageKey;
  readonly values: DomainMessageValues;
  /** For `rate-limited`: when to try again. */
  readonly retryAfterSeconds: number | null;

  constructor(kind: DomainErrorKind, messageKey: DomainMessageKey, message: string, options: { values?: DomainMessageValues; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
    this.messageKey = messageKey;
    this.values = options.values ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  get httpStatus(): number {
    return DOMAIN_ERROR_STATUS[this.kind];
  }
}

/** True for a DomainError from any copy of this module (use this, not `instanceof`). */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof Error && BRAND in value && value[BRAND] === true;
}

/** 404: the record does not exist, or not for this actor (another region's id finds nothing). */
export function notFound(messageKey: DomainMessageKey, message: string, values?: DomainMessageValues): DomainError {
  return new DomainError("not-found", messageKey, message, { values });
}

/** 403: the actor may not do this at all. */
export function forbidden(message = "You do not have access to this page.", messageKey: DomainMessageKey = "noAccess"): DomainError {
  return new DomainError("forbidden", messageKey, message);
}

/** 409: the record's state does not allow it (now). */
export function conflict(messageKey: DomainMessageKey, message: string, values?: DomainMessageValues): DomainError {
  return new DomainError("conflict", messageKey, message, { values });
}

/** 429: the actor asked too often lately; `retryAfterSeconds` says when to try again. */
export function rateLimited(messageKey: DomainMessageKey, message: string, retryAfterSeconds: number, values?: DomainMessageValues): DomainError {
  return new DomainError("rate-limited", messageKey, message, { values, retryAfterSeconds });
}

/** 400: the input cannot be used; name the field in the message. */
export function invalid(message: string, messageKey: DomainMessageKey = "invalidInput", values?: DomainMessageValues): DomainError {
  return new DomainError("invalid", messageKey, message, { values });
}
