// The words of a staff report's vocabulary (statuses, tiers, causes, categories, providers, fund
// sources) in the page's language, from the namespaces the rest of the site already uses for
// them, so the report page and its downloads name everything alike. Pure.
import type { TFunction } from "i18next";

/** Labels for the codes a RegionReport counts by; `general` is a general fund's money. */
export function reportLabels(t: TFunction) {
  return {
    caseStatus: (status: string) => t(`staff:caseStatus.${status}`),
    tier: (tier: string) => t(`staff:tier.${tier}`),
    cause: (cause: string) => t(`staff:cause.${cause}`),
    needStatus: (status: string) => t(`staff:needStatus.${status}`),
    category: (category: string) => (category === "general" ? t("finance:pledges.generalFund") : t(`common:category.${category}`)),
    matchStatus: (status: string) => t(`matches:staff.status.${status}`),
    providerKind: (kind: string) => t(`common:organisationKind.${kind}`),
    source: (source: string) => t(`finance:source.${source}`),
  };
}
