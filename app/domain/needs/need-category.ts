/** Categories shared by needs and offers (DESIGN §2). */
export const NEED_CATEGORIES = [
  "job",
  "training",
  "tuition",
  "medical",
  "living",
  "housing",
  "legal",
  "counselling",
  "care",
  "enterprise",
  "goods",
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const NEED_STATUSES = ["draft", "published", "matched", "fulfilled", "withdrawn", "expired"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** Statuses in which a need is shown to the public and kept in the search index. */
export const PUBLIC_NEED_STATUSES = ["published", "matched"] as const satisfies readonly NeedStatus[];
