// The need editor's form: one zod schema shared by the browser (Conform) and the server.
// Pure, so it ships to the browser: amounts stay text here, read by the money module's text part
// (the server turns them into a Decimal through money.ts) and decimal.js stays out of the bundle. The limits are the JSON
// import's (import-document.ts), so a need written here could have been imported and vice versa.
import { z } from "zod";
import { readMoneyText } from "../money/money-text";
import type { NeedCategory } from "./need-category";
import { NEED_CATEGORIES } from "./need-category";

export const NEED_TITLE_MAX = 80;
export const NEED_STORY_MAX = 2000;
export const NEED_SKILLS_MAX = 20;
export const NEED_SKILL_MAX = 40;
export const OVERRIDE_REASON_LENGTH = { min: 10, max: 500 } as const;

/** What a caseworker writes for a need: the parts of its public card that are theirs to choose. */
export interface NeedContent {
  category: NeedCategory;
  title: string;
  story: string;
  skills: string[];
  /** Yuan as canonical text ("3000.00"), or null when the need is not for money. */
  targetAmount: string | null;
}

/** "电工、水电工, 焊工" → ["电工", "水电工", "焊工"]: people separate skills every way they can. */
export function parseSkills(raw: string | undefined): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  for (const part of raw.split(/[,，、;；\n]+/)) {
    const skill = part.trim();
    if (skill) seen.add(skill);
  }
  return [...seen];
}

/** The form's text for a list of skills, the way the editor shows it again. */
export function skillsText(skills: readonly string[]): string {
  return skills.join("、");
}

/**
 * "¥3,000" · "3000.5" · "３０００元" · "12 500" → "3000.00"; null when it is not a positive amount in
 * yuan with at most two decimals. String work only: the amount never becomes a JS number.
 */
export function normaliseAmountText(raw: string): string | null {
  // Spaces inside are how some people group digits; the money reader takes commas only.
  const reading = readMoneyText(raw.replace(/\s/g, ""), "positive");
  return reading.ok ? reading.text : null;
}

export const needFormSchema = z.object({
  category: z.enum(NEED_CATEGORIES, "needEditor:errors.categoryRequired"),
  title: z
    .string("needEditor:errors.titleRequired")
    .trim()
    .min(1, "needEditor:errors.titleRequired")
    .max(NEED_TITLE_MAX, "needEditor:errors.titleTooLong"),
  story: z
    .string("needEditor:errors.storyRequired")
    .trim()
    .min(1, "needEditor:errors.storyRequired")
    .max(NEED_STORY_MAX, "needEditor:errors.storyTooLong"),
  skills: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const skills = parseSkills(raw);
      if (skills.length > NEED_SKILLS_MAX) ctx.addIssue({ code: "custom", message: "needEditor:errors.tooManySkills" });
      if (skills.some((skill) => skill.length > NEED_SKILL_MAX)) ctx.addIssue({ code: "custom", message: "needEditor:errors.skillTooLong" });
      return skills;
    }),
  targetAmount: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return null;
      const amount = normaliseAmountText(raw);
      if (amount === null) ctx.addIssue({ code: "custom", message: "needEditor:errors.amountInvalid" });
      return amount;
    }),
  /** Publishing anyway over a PII guard hit: why. Only read when the guard found something. */
  overrideReason: z
    .string()
    .trim()
    .min(OVERRIDE_REASON_LENGTH.min, "needEditor:errors.reasonTooShort")
    .max(OVERRIDE_REASON_LENGTH.max, "needEditor:errors.reasonTooLong")
    .optional(),
});

export type NeedFormValues = z.output<typeof needFormSchema>;

/** The need's content from a parsed form. */
export function needContentOf(values: NeedFormValues): NeedContent {
  return { category: values.category, title: values.title, story: values.story, skills: values.skills, targetAmount: values.targetAmount };
}

/** What the buttons of the editor's main form ask for. */
export const NEED_FORM_INTENTS = ["save", "publish", "preview"] as const;
export type NeedFormIntent = (typeof NEED_FORM_INTENTS)[number];

export function isNeedFormIntent(value: unknown): value is NeedFormIntent {
  return typeof value === "string" && (NEED_FORM_INTENTS as readonly string[]).includes(value);
}

/** The buttons outside the main form: status moves that change no content. */
export const NEED_STATUS_INTENTS = ["unpublish", "withdraw", "restore"] as const;
export type NeedStatusIntent = (typeof NEED_STATUS_INTENTS)[number];

export function isNeedStatusIntent(value: unknown): value is NeedStatusIntent {
  return typeof value === "string" && (NEED_STATUS_INTENTS as readonly string[]).includes(value);
}
