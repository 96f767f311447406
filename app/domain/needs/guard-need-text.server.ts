// The PII guard as a gate (DESIGN §3.3): text about to become public — a need being published, or
// a published need's edit — is checked against patterns and the household's own identity. A
// finding blocks it unless the caseworker gives a written reason, which is checked the same way
// (it is kept in the audit log, so it must not repeat what it excuses).
import type { Database } from "../../../db/client.server";
import type { Actor } from "../auth/actor";
import type { PiiSpan } from "../cases/pii-check";
import { readIdentityForPiiCheck } from "../cases/pii-check.server";
import { notFound } from "../errors/domain-error";
import type { PiiKind } from "../privacy/pii-guard";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import type { NeedContent } from "./need-form";
import { skillsText } from "./need-form";

export type TextGate =
  | { kind: "clear" }
  | { kind: "blocked"; spans: PiiSpan[] }
  | { kind: "override"; kinds: PiiKind[]; fields: string[]; reason: string };

/** Checks a need's public texts for its case; 404 when the case is not in the actor's region. */
export async function guardNeedText(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  caseId: string;
  needRef: string;
  content: NeedContent;
  overrideReason: string | null;
  ip: string | null;
}): Promise<TextGate> {
  const { content, overrideReason } = options;
  const spans = await readIdentityForPiiCheck({
    db: options.db,
    cipher: options.cipher,
    actor: options.actor,
    caseId: options.caseId,
    needRef: options.needRef,
    texts: { title: content.title, story: content.story, skills: skillsText(content.skills), overrideReason: overrideReason ?? undefined },
    ip: options.ip,
  });
  if (spans === null) throw notFound("needNotFound", "No such need in your region.");
  const inContent = spans.filter((s) => s.field !== "overrideReason");
  if (!inContent.length) return { kind: "clear" };
  if (!overrideReason || inContent.length !== spans.length) return { kind: "blocked", spans };
  return { kind: "override", kinds: [...new Set(inContent.map((s) => s.kind))], fields: [...new Set(inContent.map((s) => s.field))], reason: overrideReason };
}
