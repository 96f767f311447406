// The type of an offer that did not say (an import file of version 1 without `type`): it follows
// from the organisation and the category, as migration 0005 did for the offers it found. Pure.
import type { NeedCategory } from "../needs/need-category";
import type { OrganisationKind } from "../organisations/organisation-vocabulary";
import type { OfferType } from "./offer-vocabulary";

export function inferOfferType(category: NeedCategory, organisationKind: OrganisationKind, amount: string | null): OfferType {
  if (organisationKind === "government") return "entitlement";
  if (category === "goods") return "goods";
  if (category === "job" && organisationKind === "employer") return "vacancy";
  if (category === "training" || organisationKind === "training") return "course";
  if (amount !== null) return "grant";
  return "service";
}
