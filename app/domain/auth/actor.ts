// The signed-in person a request acts for, as domain functions receive it ({ actor, … }).
import type { OrganisationKind, OrganisationStatus } from "../organisations/organisation-vocabulary";
import type { MembershipRole } from "./roles";

export interface ActorMembership {
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
  status: OrganisationStatus;
  /** The organisation's region: for union staff, their scope (it and everything below it). */
  regionCode: string;
  role: MembershipRole;
}

export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  totpEnabled: boolean;
  sessionId: string;
  membership: ActorMembership | null;
}

/** What the browser may know of the actor (the root loader sends it to every page). */
export interface ActorSummary {
  displayName: string;
  email: string;
  isPlatformAdmin: boolean;
  organisationName: string | null;
  kind: OrganisationKind | null;
  role: MembershipRole | null;
}

export function summariseActor(actor: Actor): ActorSummary {
  return {
    displayName: actor.displayName,
    email: actor.email,
    isPlatformAdmin: actor.isPlatformAdmin,
    organisationName: actor.membership?.organisationName ?? null,
    kind: actor.membership?.kind ?? null,
    role: actor.membership?.role ?? null,
  };
}
