// The forms of /staff/cases/:id, told apart by `intent`: parse with that form's schema, call one
// domain function, then redirect back (a success) or answer with that form's errors (400). Each
// answer names its intent, so only the form that was sent shows them. Revealing is the one thing
// an auditor may post; its values come back in this response alone, never in the page's loader.
import { parseWithZod } from "@conform-to/zod/v4";
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { Actor } from "../domain/auth/actor";
import { forbidden } from "../domain/auth/guards.server";
import { canWriteCases } from "../domain/auth/permissions";
import { withdrawConsent, recordConsent } from "../domain/cases/case-consent.server";
import { consentSchema, isCaseIntent, revealSchema, statusSchema, visitSchema, withdrawConsentSchema } from "../domain/cases/case-record-forms";
import { moveCase } from "../domain/cases/move-case.server";
import { recordVisit } from "../domain/cases/record-visit.server";
import { CASE_IDENTITY_FIELDS, revealCaseIdentity } from "../domain/cases/reveal-identity.server";

export async function handleCaseAction(options: { context: AppLoadContext; actor: Actor; caseId: string; formData: FormData }) {
  const { context, actor, caseId, formData } = options;
  const { runtime } = context;
  const ip = context.clientIp || null;
  const intent = formData.get("intent");
  if (!isCaseIntent(intent)) throw new Response("Unknown form.", { status: 400, statusText: "Bad Request" });
  if (intent !== "reveal" && !canWriteCases(actor)) throw forbidden("Auditors read a household's records; only caseworkers and union admins change them.");
  const back = (saved: string) => redirect(`/staff/cases/${caseId}?saved=${saved}`);

  switch (intent) {
    case "reveal": {
      const submission = parseWithZod(formData, { schema: revealSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), identity: null }, { status: 400 });
      const identity = await revealCaseIdentity({ db: runtime.db, cipher: runtime.cipher, actor, caseId, fields: CASE_IDENTITY_FIELDS, reason: submission.value.reason, ip });
      if (!identity) throw new Response("No such household in your region.", { status: 404, statusText: "Not Found" });
      return data({ intent, result: submission.reply(), identity }, { status: 200 });
    }
    case "consent-record": {
      const submission = parseWithZod(formData, { schema: consentSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), identity: null }, { status: 400 });
      await recordConsent({ db: runtime.db, actor, caseId, consent: submission.value, ip });
      return back("consent");
    }
    case "consent-withdraw": {
      const submission = parseWithZod(formData, { schema: withdrawConsentSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), identity: null }, { status: 400 });
      await withdrawConsent({ db: runtime.db, actor, caseId, ip, mail: runtime });
      // The withdrawn needs' outbox rows are committed: take them out of the index now.
      runtime.kickSearch();
      return back("consent-withdrawn");
    }
    case "visit": {
      const submission = parseWithZod(formData, { schema: visitSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), identity: null }, { status: 400 });
      await recordVisit({ db: runtime.db, actor, caseId, visit: submission.value, ip });
      return back("visit");
    }
    case "status": {
      const submission = parseWithZod(formData, { schema: statusSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply(), identity: null }, { status: 400 });
      await moveCase({ db: runtime.db, actor, caseId, move: submission.value, ip });
      return back("status");
    }
  }
}
