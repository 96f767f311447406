// Demo households: each case follows a hardship profile (causes, tier, the needs that go with
// them) so its plan (一户一策) reads like one family's, not a random mix.
import type { CaseStatus, CaseTier, HardshipCause } from "../../app/domain/cases/case-vocabulary";
import type { ImportDocumentInput } from "../../app/domain/import/import-document";
import type { NeedCategory } from "../../app/domain/needs/need-category";
import { fakeIdentity } from "./demo-identities";
import { NEED_STORIES_EN } from "./demo-need-stories-en";
import { FAMILY_STORIES_ZH } from "./demo-need-stories-family";
import { WORK_STORIES_ZH } from "./demo-need-stories-work";
import type { StoryContext, StoryTemplate } from "./demo-story-context";
import { INJURIES } from "./demo-story-context";
import type { DemoCounty } from "./demo-places";
import { CASE_QUOTAS, GENERAL_TRADES } from "./demo-places";
import type { Random } from "./demo-random";

export type CaseInput = NonNullable<ImportDocumentInput["cases"]>[number];
type NeedInput = NonNullable<CaseInput["needs"]>[number];

interface Profile {
  causes: [HardshipCause, ...HardshipCause[]];
  tiers: readonly CaseTier[];
  /** The first category is always in the plan; the others are added by chance. */
  categories: readonly [NeedCategory, ...NeedCategory[]];
  /** Template indices that fit the profile, by category; any template otherwise. */
  templates?: Partial<Record<NeedCategory, readonly number[]>>;
  ages: readonly [number, number];
  household: readonly [number, number];
}

// The first categories together cover every need category, and every profile is used at least
// four times, so the published needs always show all of them.
const PROFILES: readonly Profile[] = [
  { causes: ["accident", "unemployment"], tiers: ["sudden", "general"], categories: ["job", "medical", "legal", "training"], templates: { job: [0], medical: [2], legal: [1], training: [1] }, ages: [32, 56], household: [2, 5] },
  { causes: ["unemployment"], tiers: ["general"], categories: ["training", "job", "living"], templates: { training: [0, 2], job: [1, 4], living: [0] }, ages: [28, 50], household: [2, 5] },
  { causes: ["education"], tiers: ["general", "severe"], categories: ["tuition", "goods", "living"], templates: { tuition: [0, 1, 2], goods: [0], living: [2] }, ages: [38, 54], household: [3, 6] },
  { causes: ["illness"], tiers: ["severe", "general"], categories: ["medical", "living", "counselling"], templates: { medical: [0], living: [0, 2], counselling: [2] }, ages: [35, 62], household: [2, 5] },
  { causes: ["disability"], tiers: ["severe", "general"], categories: ["care", "job", "goods", "housing"], templates: { care: [0], job: [3], goods: [2], housing: [2] }, ages: [30, 60], household: [2, 5] },
  { causes: ["disaster", "housing"], tiers: ["sudden"], categories: ["housing", "living", "goods"], templates: { housing: [1], living: [3], goods: [1] }, ages: [35, 62], household: [3, 6] },
  { causes: ["other", "unemployment"], tiers: ["sudden", "general"], categories: ["legal", "living", "job"], templates: { legal: [0], living: [0], job: [1, 4] }, ages: [25, 55], household: [2, 5] },
  { causes: ["illness", "other"], tiers: ["sudden", "severe"], categories: ["counselling", "living", "tuition"], templates: { counselling: [0], living: [0], tuition: [0, 1, 2] }, ages: [35, 60], household: [2, 5] },
  { causes: ["unemployment"], tiers: ["general"], categories: ["enterprise", "training"], templates: { training: [2] }, ages: [28, 50], household: [2, 5] },
  { causes: ["other"], tiers: ["general", "severe"], categories: ["living", "care", "counselling", "tuition", "legal"], templates: { living: [1], care: [2], counselling: [1], tuition: [2], legal: [2] }, ages: [28, 48], household: [2, 4] },
  { causes: ["housing", "other"], tiers: ["general"], categories: ["goods", "housing"], templates: { goods: [1, 3], housing: [0] }, ages: [45, 62], household: [1, 4] },
  { causes: ["unemployment"], tiers: ["general"], categories: ["job", "training", "legal"], templates: { job: [1, 2, 4], training: [0], legal: [3] }, ages: [45, 58], household: [2, 4] },
  { causes: ["illness"], tiers: ["severe", "sudden"], categories: ["medical", "counselling", "living"], templates: { medical: [1], counselling: [1], living: [0] }, ages: [28, 45], household: [3, 5] },
  { causes: ["illness"], tiers: ["general", "severe"], categories: ["care", "medical", "living"], templates: { care: [1], medical: [0], living: [2] }, ages: [45, 62], household: [3, 6] },
  { causes: ["housing"], tiers: ["general"], categories: ["housing", "goods"], templates: { housing: [0, 3], goods: [1] }, ages: [40, 62], household: [2, 5] },
  { causes: ["education"], tiers: ["general"], categories: ["tuition", "training"], templates: { tuition: [3], training: [0] }, ages: [36, 52], household: [3, 5] },
];

const NEED_STORIES_ZH: Readonly<Record<NeedCategory, readonly StoryTemplate[]>> = { ...WORK_STORIES_ZH, ...FAMILY_STORIES_ZH };

const INCOME_BY_TIER: Record<CaseTier, readonly [number, number]> = {
  severe: [200, 450],
  sudden: [300, 800],
  general: [500, 950],
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The demo households with their plans, in the order of CASE_QUOTAS. */
export function buildDemoCases(random: Random, today: Date): CaseInput[] {
  const counties = CASE_QUOTAS.flatMap(({ counties, cases }) => Array.from({ length: cases }, (_, i) => counties[i % counties.length]));
  const profiles: Profile[] = [];
  while (profiles.length < counties.length) profiles.push(...random.shuffle(PROFILES));

  const takenIds = new Set<string>();
  const seenProfiles = new Set<Profile>();
  return counties.map((county, i) => {
    const profile = profiles[i];
    if (!county || !profile) throw new Error("demo case without a county or profile");
    const isFirstOfProfile = !seenProfiles.has(profile);
    seenProfiles.add(profile);
    return buildCase(random, { n: i + 1, county, profile, isFirstOfProfile, today, takenIds });
  });
}

function buildCase(
  random: Random,
  options: { n: number; county: DemoCounty; profile: Profile; isFirstOfProfile: boolean; today: Date; takenIds: Set<string> },
): CaseInput {
  const { n, county, profile, isFirstOfProfile, today, takenIds } = options;
  const age = random.int(...profile.ages);
  const head = fakeIdentity(random, { n, county, age, today, takenIds });
  const householdSize = random.int(...profile.household);
  const tier = random.pick(profile.tiers);
  const [low, high] = INCOME_BY_TIER[tier];
  // Built from whole yuan and a fixed cents part: an amount never passes through float arithmetic.
  const monthlyIncomePerHead = `${random.step(low, high, 5)}.${random.pick(["00", "00", "00", "50"])}`;
  // The first household of each profile is always assisted with consent, so every need category
  // has published needs; a few others have not consented (yet) or are not ready to publish.
  const status: CaseStatus = isFirstOfProfile ? "assisting" : pickStatus(random);
  const consent = isFirstOfProfile || n % 17 !== 0;
  const canPublish = consent && (status === "verified" || status === "assisting");

  const trade = random.chance(0.4) ? random.pick(county.area.trades) : random.pick(GENERAL_TRADES);
  const years = random.int(3, Math.max(3, Math.min(25, age - 18)));
  const context: StoryContext = { random, age, householdSize, county, trade, years, injury: random.pick(INJURIES) };
  const [primary, ...others] = profile.categories;
  const extra = random.shuffle(others).slice(0, (random.chance(0.5) ? 1 : 0) + (random.chance(0.4) ? 1 : 0));
  const needs = [primary, ...extra].map((category, j): NeedInput => {
    const draft = storyTemplate(random, profile, category)(context);
    return {
      key: `demo-need-${pad(n, 3)}-${j + 1}`,
      category,
      ...draft,
      publish: canPublish && (j === 0 || !random.chance(0.2)),
    };
  });

  return {
    key: `demo-case-${pad(n, 3)}`,
    organisation: county.union,
    region: county.code,
    head,
    householdSize,
    monthlyIncomePerHead,
    causes: [...profile.causes],
    tier,
    status,
    consent,
    needs,
  };
}

function pickStatus(random: Random): CaseStatus {
  const roll = random.next();
  if (roll < 0.08) return "registered";
  if (roll < 0.5) return "verified";
  if (roll < 0.94) return "assisting";
  return "exited";
}

function storyTemplate(random: Random, profile: Profile, category: NeedCategory): StoryTemplate {
  // About one need in ten is written in English.
  if (random.chance(0.1)) return random.pick(NEED_STORIES_EN[category]);
  const templates = NEED_STORIES_ZH[category];
  const fitting = profile.templates?.[category]?.flatMap((i) => templates[i] ?? []) ?? [];
  return random.pick(fitting.length > 0 ? fitting : templates);
}
