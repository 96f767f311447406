// The caseworker's forms on matches, told apart by `intent`, shared by the need's page, the offer's
// page and the list of matches: parse with the form's schema, call one lifecycle verb, kick the
// search outbox (capacity and the need's status change what is listed), then redirect back with
// what was saved — or answer that form's errors (400), naming the form (`target`) so only it shows
// them. A match that is not the page's own is not found (404); one that moved meanwhile is the
// verb's 409.
import { parseWithZod } from "@conform-to/zod/v4";
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Actor } from "../domain/auth/actor";
import { canCurateMatches } from "../domain/auth/permissions";
import { forbidden, notFound } from "../domain/errors/domain-error";
import { declineMatch } from "../domain/matching/decline-match.server";
import { markNeedFulfilled } from "../domain/matching/mark-need-fulfilled.server";
import { proposeMatch } from "../domain/matching/propose-match.server";
import type { MatchReason } from "../domain/matching/reasons";
import { describeReason } from "../domain/matching/reasons";
import { isStaffMatchIntent, staffMatchActionSchema } from "../domain/matching/staff-match-forms";
import { suggestNeedsForOffer } from "../domain/matching/suggest-needs.server";
import { suggestOffersForNeed } from "../domain/matching/suggest-offers.server";
import { withdrawMatch } from "../domain/matching/withdraw-match.server";
import type { RegionScope } from "../domain/regions/region-scope.server";

export type StaffMatchSaved = "proposed" | "approved" | "declined" | "withdrawn" | "fulfilled";
export const STAFF_MATCH_SAVED = ["proposed", "approved", "declined", "withdrawn", "fulfilled"] as const satisfies readonly StaffMatchSaved[];

/** Where the form was sent from: the page's need or offer is one side of a proposal. */
export type StaffMatchPage = { kind: "need"; needRef: string } | { kind: "offer"; offerRef: string; scope: RegionScope } | { kind: "list" };

interface PairOfMatch {
  needRef: string;
  offerRef: string;
}

/** The suggestion's score and reasons (as the caseworker read them), if the pair is still suggested. */
async function suggestionOf(context: AppLoadContext, t: TFunction, page: StaffMatchPage, pair: PairOfMatch): Promise<{ score: number | null; reasons: string[] }> {
  const { db, search, logger, indexPrefix } = context.runtime;
  const found: { score: number; reasons: MatchReason[] } | undefined = await (async () => {
    try {
      if (page.kind === "offer") return (await suggestNeedsForOffer({ db, search, logger, indexPrefix }, pair.offerRef, { limit: 50, scope: page.scope })).find((s) => s.need.ref === pair.needRef);
      return (await suggestOffersForNeed({ db, search, logger, indexPrefix }, pair.needRef, { limit: 50 })).find((s) => s.offer.ref === pair.offerRef);
    } catch (error) {
      // The proposal stands on its own (the verb checks the pair's rules); only its record of why is lost.
      logger.warn({ err: error }, "suggestion not recomputed for a proposal");
      return undefined;
    }
  })();
  return found ? { score: found.score, reasons: found.reasons.map((r) => describeReason(r, t)) } : { score: null, reasons: [] };
}

export async function handleStaffMatchAction(options: {
  context: AppLoadContext;
  actor: Actor;
  formData: FormData;
  t: TFunction;
  page: StaffMatchPage;
  /** The path to go back to; `?saved=…` is added. */
  back: string;
  /** The need and offer of one of the page's matches, or null when it is not the page's. */
  matchOf: (matchRef: string) => Promise<PairOfMatch | null>;
}) {
  const { context, actor, formData, page } = options;
  const { runtime } = context;
  const intent = formData.get("intent");
  if (!isStaffMatchIntent(intent)) throw new Response("Unknown form.", { status: 400, statusText: "Bad Request" });
  if (!canCurateMatches(actor)) throw forbidden("Only caseworkers and union admins work on matches.", "noAccess");
  const submission = parseWithZod(formData, { schema: staffMatchActionSchema });
  const targetOf = () => {
    const value = (name: string) => {
      const v = formData.get(name);
      return typeof v === "string" ? v : "";
    };
    return intent === "propose" ? value(page.kind === "offer" ? "needRef" : "offerRef") : value("matchRef");
  };
  if (submission.status !== "success") return data({ intent, target: targetOf(), result: submission.reply() }, { status: 400 });
  const action = submission.value;
  const verb = { db: runtime.db, actor, ip: context.clientIp || null, mail: runtime };
  const done = (saved: StaffMatchSaved) => {
    // The verbs' outbox rows are committed: the listing and the need's status follow now.
    runtime.kickSearch();
    return redirect(`${options.back}?saved=${saved}`);
  };

  if (action.intent === "propose") {
    const pair = {
      needRef: page.kind === "need" ? page.needRef : (action.needRef ?? ""),
      offerRef: page.kind === "offer" ? page.offerRef : (action.offerRef ?? ""),
    };
    if (!pair.needRef || !pair.offerRef) throw new Response("A proposal names a need and an offer.", { status: 400, statusText: "Bad Request" });
    const suggestion = await suggestionOf(context, options.t, page, pair);
    await proposeMatch({ ...verb, ...pair, message: action.message || null, score: suggestion.score, reasons: suggestion.reasons });
    return done("proposed");
  }

  const pair = await options.matchOf(action.matchRef);
  if (!pair) throw notFound("matchNotFound", "No such match on this page.");
  switch (action.intent) {
    case "approve":
      // Proposing the pair of a provider's request is its approval (the verb turns it into the proposal).
      await proposeMatch({ ...verb, ...pair });
      return done("approved");
    case "decline":
      await declineMatch({ ...verb, matchRef: action.matchRef, reason: action.reason });
      return done("declined");
    case "withdraw":
      await withdrawMatch({ ...verb, matchRef: action.matchRef, note: action.note });
      return done("withdrawn");
    case "fulfil-need":
      await markNeedFulfilled({ ...verb, matchRef: action.matchRef });
      return done("fulfilled");
  }
}
