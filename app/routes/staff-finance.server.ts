// What the /staff/finance pages share on the server: who may open them, and how a use case's
// refusal is said on the form that caused it (with the user's input kept).
import type { SubmissionResult } from "@conform-to/react";
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Actor } from "../domain/auth/actor";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { isDomainError } from "../domain/errors/domain-error";

/** The union's finance staff: the only people who keep its books. */
export function requireFinance(request: Request, context: AppLoadContext): Promise<Actor> {
  return requireUnionStaff(request, context, ["finance"]);
}

/** The union's finance staff and admins: who manage its bank details for donors. */
export function requireBankDetailsKeeper(request: Request, context: AppLoadContext): Promise<Actor> {
  return requireUnionStaff(request, context, ["finance", "admin"]);
}

/**
 * Runs a use case; a DomainError comes back on the form as its translated message with its status
 * (400, 403, 404, 409) and the input kept. Anything else is thrown on.
 */
export async function onForm<T>(
  run: () => Promise<T>,
  reply: (options: { formErrors: string[] }) => SubmissionResult<string[]>,
  t: TFunction,
): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof data<SubmissionResult<string[]>>> }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: false, response: data(reply({ formErrors: [t(`errors:${error.messageKey}`, error.values)] }), { status: error.httpStatus }) };
  }
}

export const FINANCE_SAVED = ["receipt", "allocation", "request", "approved", "rejected", "reversed", "bankDetails", "pledgeCancelled"] as const;
export type FinanceSaved = (typeof FINANCE_SAVED)[number];
