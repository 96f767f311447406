// Vocabulary of what caseworkers record about a household besides its identity.

/** What a household's consent covers. Publishing needs `publish`. */
export const CONSENT_SCOPES = ["publish", "share-with-providers", "contact"] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** 走访 (a first or routine visit) and 回访 (a follow-up after help or exit). */
export const VISIT_KINDS = ["visit", "follow-up"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Why a member of staff reveals an identity field; every reveal is logged with one. */
export const REVEAL_REASONS = ["contact-household", "verify-identity", "arrange-help", "audit-check", "correct-record"] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];

/** An online application (Liuzhou's one-click application) as union staff work through it. */
export const APPLICATION_STATUSES = ["new", "contacted", "accepted", "merged", "declined"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
