// Writing a household's plan (一户一策): a caseworker adds needs to a case of their region
// and edits them. Drafts change freely; an edit of a published need goes live at once, so it passes
// the PII guard first and moves the need's version and search-outbox row (touchNeed).
import { and, eq } from "drizzle-orm";
import type { Database, Transaction } from "../../../db/client.server";
import { cases } from "../../../db/schema/cases";
import { needs } from "../../../db/schema/needs";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "../auth/actor";
import type { PiiSpan } from "../cases/pii-check";
import { DomainError, notFound } from "../errors/domain-error";
import { moneyToString, parseMoney } from "../money/money";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { inRegionScope, regionScope } from "../regions/region-scope.server";
import { guardNeedText } from "./guard-need-text.server";
import type { NeedStatus } from "./need-category";
import type { NeedContent } from "./need-form";
import { getNeedForEditor } from "./need-editor.server";
import { touchNeed } from "./need-lifecycle.server";
import { canEditNeed } from "./need-status";
import { newPublicReference } from "./public-reference.server";

/** The need is not (or no longer) in a status this edit is possible in: a 409 for the caller. */
export class NeedEditConflict extends DomainError {
  constructor(
    readonly ref: string,
    readonly status: NeedStatus,
  ) {
    super("conflict", "needEditRefused", `need ${ref} is ${status} and cannot be edited`, { values: { ref } });
  }
}

/** The stored form of an amount: through the money module, never a JS number. */
const storedAmount = (text: string | null) => (text === null ? null : moneyToString(parseMoney(text)));

/** The names of the fields in which `content` differs from a need's stored content. */
function changedFields(current: NeedContent, content: NeedContent): string[] {
  const next = { ...content, targetAmount: storedAmount(content.targetAmount) };
  return (["category", "title", "story", "skills", "targetAmount"] as const).filter((field) => {
    if (field === "skills") return current.skills.join("\u0000") !== next.skills.join("\u0000");
    return current[field] !== next[field];
  });
}

/** Writes the content of a locked need row; returns the names of the fields that changed. */
export async function writeNeedContent(tx: Transaction, current: { id: string } & NeedContent, content: NeedContent): Promise<string[]> {
  const changed = changedFields(current, content);
  if (changed.length) await tx.update(needs).set({ ...content, targetAmount: storedAmount(content.targetAmount), updatedAt: new Date() }).where(eq(needs.id, current.id));
  return changed;
}

/** Locks a need of the actor's region for a write; null when there is none. */
export async function lockNeed(tx: Transaction, scope: string, ref: string) {
  const [row] = await tx
    .select({ id: needs.id, ref: needs.ref, status: needs.status, caseId: needs.caseId, regionCode: needs.regionCode, category: needs.category, title: needs.title, story: needs.story, skills: needs.skills, targetAmount: needs.targetAmount })
    .from(needs)
    .where(and(eq(needs.ref, ref), inRegionScope(needs.regionCode, scope)))
    .for("update");
  return row ?? null;
}

/** Adds a draft need to a case of the actor's region; null when the case is not there. */
export async function createNeed(options: { db: Database; actor: Actor; caseId: string; content: NeedContent; ip: string | null }): Promise<{ ref: string } | null> {
  const scope = regionScope(options.actor, "write-cases");
  return options.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: cases.id, regionCode: cases.regionCode, organisationId: cases.organisationId })
      .from(cases)
      .where(and(eq(cases.id, options.caseId), inRegionScope(cases.regionCode, scope)));
    if (!found) return null;
    const { content } = options;
    // A random reference can collide with one in use (about 1 in 10^10 per need): draw again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await tx
        .insert(needs)
        .values({ ref: newPublicReference("N"), caseId: found.id, regionCode: found.regionCode, ...content, targetAmount: storedAmount(content.targetAmount), status: "draft" })
        .onConflictDoNothing({ target: needs.ref })
        .returning({ ref: needs.ref });
      if (!row) continue;
      await recordAudit(tx, {
        actor: options.actor,
        action: "need.create",
        entity: "need",
        entityId: row.ref,
        organisationId: found.organisationId,
        regionCode: found.regionCode,
        ip: options.ip,
        after: { case: found.id, category: content.category, status: "draft", hasTargetAmount: content.targetAmount !== null },
      });
      return row;
    }
    throw new Error("could not draw a free need reference");
  });
}

export type SaveNeedOutcome = { kind: "saved"; live: boolean; changed: string[] } | { kind: "blocked"; spans: PiiSpan[] };

/**
 * Saves a need's content. A published need's edit is public at once: it passes the PII guard
 * (blocked, or overridden with a reason) and queues the search update. Throws 404 for a need
 * outside the actor's region, NeedEditConflict for one that cannot be edited (matched, fulfilled…).
 */
export async function updateNeed(options: { db: Database; cipher: IdentityCipher; actor: Actor; ref: string; content: NeedContent; overrideReason: string | null; ip: string | null }): Promise<SaveNeedOutcome> {
  const scope = regionScope(options.actor, "write-cases");
  const found = await getNeedForEditor({ db: options.db, actor: options.actor, ref: options.ref });
  if (!found) throw notFound("needNotFound", "No such need in your region.");
  if (!canEditNeed(found.need.status)) throw new NeedEditConflict(found.need.ref, found.need.status);
  const live = found.need.status === "published";
  // Nothing to save: no identity is read for a guard that would check text already public.
  if (!changedFields(found.need, options.content).length) return { kind: "saved", live, changed: [] };
  const gate = live
    ? await guardNeedText({ db: options.db, cipher: options.cipher, actor: options.actor, caseId: found.case.id, needRef: found.need.ref, content: options.content, overrideReason: options.overrideReason, ip: options.ip })
    : ({ kind: "clear" } as const);
  if (gate.kind === "blocked") return gate;
  return options.db.transaction(async (tx) => {
    const row = await lockNeed(tx, scope, options.ref);
    if (!row) throw notFound("needNotFound", "No such need in your region.");
    // Published meanwhile by someone else: this text has not been through the guard.
    if (!canEditNeed(row.status) || (row.status === "published") !== live) throw new NeedEditConflict(row.ref, row.status);
    const changed = await writeNeedContent(tx, row, options.content);
    if (!changed.length) return { kind: "saved", live, changed };
    if (live) await touchNeed(tx, row.id);
    const place = { actor: options.actor, entity: "need", entityId: row.ref, organisationId: found.case.organisationId, regionCode: row.regionCode, ip: options.ip };
    await recordAudit(tx, { ...place, action: "need.edit", after: { status: row.status, fields: changed } });
    if (gate.kind === "override") await recordAudit(tx, { ...place, action: "need.publish-override", after: { kinds: gate.kinds, fields: gate.fields }, note: gate.reason });
    return { kind: "saved", live, changed };
  });
}
