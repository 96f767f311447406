// Where a signed-in person starts: the workspace of their role, so staff do not land on their
// account page and look for the way in.
import type { Actor } from "./actor";
import { isUnionStaff } from "./permissions";

/** The home page of the actor's role: /staff (union staff, platform admins), /organisation, /account. */
export function homePathOf(actor: Actor): string {
  if (actor.isPlatformAdmin || isUnionStaff(actor)) return "/staff";
  return actor.membership ? "/organisation" : "/account";
}
