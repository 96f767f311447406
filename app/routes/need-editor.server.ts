// What the two need editor routes (new need, edit need) answer alike: the form's starting values,
// and a PII guard finding or a conflict turned into the form's reply, the user's input kept.
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { PiiSpan } from "../domain/cases/pii-check";
import type { NeedStatus } from "../domain/needs/need-category";
import type { EditorNeed } from "../domain/needs/need-editor.server";
import type { NeedContent } from "../domain/needs/need-form";
import type { needFormSchema } from "../domain/needs/need-form";
import { skillsText } from "../domain/needs/need-form";
import type { BlockedText, NeedEditorValues } from "../ui/need-editor";

/** The editor's fields for a stored need, or for a new one. */
export function editorValues(need: EditorNeed | null): NeedEditorValues {
  return {
    category: need?.category ?? "living",
    title: need?.title ?? "",
    story: need?.story ?? "",
    skills: skillsText(need?.skills ?? []),
    targetAmount: need?.targetAmount ?? "",
  };
}

type EditorSubmission = Submission<z.input<typeof needFormSchema>, string[], z.output<typeof needFormSchema>>;

/** One error per kind of finding on each field it was found in, for the field's error list. */
function piiFieldErrors(spans: readonly PiiSpan[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const span of spans) {
    const message = `needEditor:pii.error.${span.kind}`;
    const list = (errors[span.field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return errors;
}

/** 400: the PII guard stopped the text; it comes back marked, with the override offered. */
export function blockedReply(submission: EditorSubmission, blocked: { intent: BlockedText["intent"]; spans: PiiSpan[]; content: NeedContent; overrideReason: string | null }) {
  const texts: BlockedText["texts"] = { title: blocked.content.title, story: blocked.content.story, skills: skillsText(blocked.content.skills), overrideReason: blocked.overrideReason ?? "" };
  return data(
    {
      reply: submission.reply({ formErrors: ["needEditor:errors.piiBlocked"], fieldErrors: piiFieldErrors(blocked.spans) }),
      blocked: { intent: blocked.intent, spans: blocked.spans, texts } satisfies BlockedText,
      conflict: null,
    },
    { status: 400 },
  );
}

/** 409: the need's status does not allow this (any more); the page says which status it is in. */
export function conflictReply(submission: EditorSubmission | null, status: NeedStatus) {
  return data({ reply: submission?.reply() ?? null, blocked: null, conflict: status }, { status: 409 });
}

/** A plain form reply: invalid input (400), a preview (200) or a refusal with its reason. */
export function formReply(submission: EditorSubmission, status: number, formErrors?: string[]) {
  return data({ reply: submission.reply(formErrors ? { formErrors } : undefined), blocked: null, conflict: null }, { status });
}
