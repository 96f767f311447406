// `require…` guards for loaders and actions (STYLE §4): they return the actor or throw a response —
// a redirect to sign in for anonymous visitors, 403 for the signed-in who may not. The session is
// read once per request.
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { Actor } from "./actor";
import type { UnionRole } from "./roles";
import { canReadAudit, canRespondToMatches, isUnionStaff, mustEnrolSecondFactor } from "./permissions";
import type { LoadedSession } from "./session.server";
import { loadSession, readSessionToken } from "./session.server";

const loaded = new WeakMap<Request, Promise<LoadedSession | null>>();

/** The request's session (also one waiting for its second factor), or null. */
export function getSession(request: Request, context: AppLoadContext): Promise<LoadedSession | null> {
  let found = loaded.get(request);
  if (!found) {
    found = readSessionToken(request).then((token) => (token ? loadSession(context.runtime.db, token) : null));
    loaded.set(request, found);
  }
  return found;
}

/** The signed-in actor, or null (no session, or the second factor is still due). */
export async function getActor(request: Request, context: AppLoadContext): Promise<Actor | null> {
  const session = await getSession(request, context);
  return session && !session.secondFactorPending ? session.actor : null;
}

/** Where a page sends an anonymous visitor: sign in, then back here. */
export function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  return redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

export function forbidden(message = "You do not have access to this page."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

const SECOND_FACTOR_PAGES = ["/account/two-factor", "/sign-out"];

/**
 * A signed-in actor. Accounts that must use a second factor and have none yet are sent to enrol
 * before anything else.
 */
export async function requireActor(request: Request, context: AppLoadContext): Promise<Actor> {
  const actor = await getActor(request, context);
  if (!actor) throw signInRedirect(request);
  if (mustEnrolSecondFactor(actor) && !SECOND_FACTOR_PAGES.includes(new URL(request.url).pathname)) {
    throw redirect("/account/two-factor?required=1");
  }
  return actor;
}

/** Union staff holding one of `roles` (any role when omitted). */
export async function requireUnionStaff(request: Request, context: AppLoadContext, roles?: readonly UnionRole[]): Promise<Actor> {
  const actor = await requireActor(request, context);
  if (!isUnionStaff(actor, roles)) throw forbidden();
  return actor;
}

export async function requirePlatformAdmin(request: Request, context: AppLoadContext): Promise<Actor> {
  const actor = await requireActor(request, context);
  if (!actor.isPlatformAdmin) throw forbidden();
  return actor;
}

export async function requireAuditReader(request: Request, context: AppLoadContext): Promise<Actor> {
  const actor = await requireActor(request, context);
  if (!canReadAudit(actor)) throw forbidden();
  return actor;
}

/** A member of an organisation (any kind, any role). */
export async function requireMember(request: Request, context: AppLoadContext): Promise<Actor & { membership: NonNullable<Actor["membership"]> }> {
  const actor = await requireActor(request, context);
  const membership = actor.membership;
  if (!membership) throw forbidden();
  return { ...actor, membership };
}

/** An admin or member of a verified provider organisation: the people who answer its matches. */
export async function requireMatchResponder(request: Request, context: AppLoadContext): Promise<Actor> {
  const actor = await requireActor(request, context);
  if (!canRespondToMatches(actor)) throw forbidden("Only the people of a verified organisation answer its matches.");
  return actor;
}
