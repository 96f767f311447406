// What the PII check of a need's texts reports (pii-check.server.ts does the check). Pure, so the
// editor can highlight the findings in the browser.
import type { PiiKind } from "../privacy/pii-guard";

/** The texts a need's publication is checked in; the override reason too, since it is kept. */
export const PII_CHECK_FIELDS = ["title", "story", "skills", "overrideReason"] as const;
export type PiiCheckField = (typeof PII_CHECK_FIELDS)[number];

/** A finding in one of the texts: its kind and where it is, never what it matched. */
export interface PiiSpan {
  field: PiiCheckField;
  kind: PiiKind;
  start: number;
  end: number;
}
