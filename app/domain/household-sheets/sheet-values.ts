// Cell text ↔ the values of the JSON import (DESIGN §7). Reading is lenient about how people type
// (男 / male / M, 是 / yes / ✓, "¥1,200.50", "3人"); a value it cannot read is passed on as it was, so
// the import schema rejects it with the same rule as in a JSON file. Pure: no I/O.
import type { CaseTier, HardshipCause, Sex } from "../cases/case-vocabulary";
import { CASE_TIERS, HARDSHIP_CAUSES, SEXES } from "../cases/case-vocabulary";

type Words<T extends string> = Record<T, readonly string[]>;

// Words are compared after lower-casing and removing spaces.
const SEX_WORDS: Words<Sex> = { male: ["男", "男性", "m", "male", "man"], female: ["女", "女性", "f", "female", "woman"] };
const TIER_WORDS: Words<CaseTier> = {
  general: ["一般困难", "一般", "一般困难职工", "general"],
  sudden: ["突发困难", "突发", "意外致困", "sudden"],
  severe: ["深度困难", "深度", "特困", "深度困难职工", "severe"],
};
const CAUSE_WORDS: Words<HardshipCause> = {
  illness: ["疾病", "因病", "患病", "大病", "illness", "sickness"],
  disability: ["残疾", "因残", "伤残", "disability"],
  unemployment: ["失业", "下岗", "待业", "unemployment", "unemployed"],
  education: ["教育", "因学", "子女上学", "上学", "education"],
  housing: ["住房", "住房困难", "housing"],
  accident: ["意外", "事故", "意外事故", "accident"],
  disaster: ["灾害", "自然灾害", "因灾", "受灾", "disaster"],
  other: ["其他", "其它", "other"],
};
const YES = ["是", "同意", "已同意", "有", "yes", "y", "true", "1", "✓", "√"];
const NO = ["否", "不同意", "未同意", "无", "no", "n", "false", "0", "✗", "×"];

/** Words an export writes for a value, per language. */
const SEX_LABELS = { "zh-CN": { male: "男", female: "女" }, en: { male: "male", female: "female" } } as const;
const TIER_LABELS = { "zh-CN": { general: "一般困难", sudden: "突发困难", severe: "深度困难" }, en: { general: "general", sudden: "sudden", severe: "severe" } } as const;
const CAUSE_LABELS: Record<"zh-CN" | "en", Record<HardshipCause, string>> = {
  "zh-CN": { illness: "疾病", disability: "残疾", unemployment: "失业", education: "教育", housing: "住房", accident: "意外", disaster: "灾害", other: "其他" },
  en: { illness: "illness", disability: "disability", unemployment: "unemployment", education: "education", housing: "housing", accident: "accident", disaster: "disaster", other: "other" },
};
const CONSENT_LABELS = { "zh-CN": { yes: "是", no: "否" }, en: { yes: "yes", no: "no" } } as const;
export type SheetLocale = keyof typeof SEX_LABELS;

const simplify = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

function lookup<T extends string>(words: Words<T>, keys: readonly T[], text: string): T | undefined {
  const wanted = simplify(text);
  return keys.find((key) => words[key].includes(wanted));
}

export function readSex(text: string): Sex | string {
  return lookup(SEX_WORDS, SEXES, text) ?? text;
}

export function readTier(text: string): CaseTier | string {
  return lookup(TIER_WORDS, CASE_TIERS, text) ?? text;
}

/** Causes separated by 、 , ; (half- or full-width) or line breaks; repeats are dropped. */
export function readCauses(text: string): string[] {
  const parts = text
    .split(/[、,;，；\n/|]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => lookup(CAUSE_WORDS, HARDSHIP_CAUSES, part) ?? part);
  return [...new Set(parts)];
}

export function readConsent(text: string): boolean | string {
  const wanted = simplify(text);
  if (YES.includes(wanted)) return true;
  if (NO.includes(wanted)) return false;
  return text;
}

/** A household size like "3", "3人" or "3 口"; anything else is returned as it was. */
export function readHouseholdSize(text: string): number | string {
  const bare = text.normalize("NFKC").trim().replace(/\s*[人口]$/, "");
  return /^\d{1,6}$/.test(bare) ? Number(bare) : text;
}

/** A year from "1975", "1975年" or a date such as "1975-03-01" or "1975年3月". */
export function readBirthYear(text: string): number | string {
  const match = /^(\d{4})(?:年|[-/.]\d{1,2}(?:[-/.]\d{1,2})?|年\d{1,2}月(?:\d{1,2}日)?)?$/.exec(text.normalize("NFKC").trim());
  return match?.[1] ? Number(match[1]) : text;
}

/** An amount in yuan as the import expects it ("1200.50") from "¥1,200.50", "1200.5元" or "1 200". */
export function readAmount(text: string): string {
  const bare = text.normalize("NFKC").trim().replace(/^[¥￥]|元$|人民币|rmb|cny/gi, "").replace(/[,\s]/g, "");
  return bare === "" ? text : bare;
}

/** The county a cell names: a leading 6-digit code ("532923 祥云县"), else the name itself. */
export function readCounty(text: string): { code: string } | { name: string } | null {
  const trimmed = text.normalize("NFKC").trim();
  if (!trimmed) return null;
  const code = /^(\d{6})(?:\D|$)/.exec(trimmed)?.[1];
  return code ? { code } : { name: trimmed.replace(/\s+/g, "") };
}

/** Forms of a county name people write: "祥云县", "祥云", "Xiangyun County", "xiangyun". */
export function countyNameKeys(name: string): string[] {
  const simple = simplify(name);
  const bare = simple.replace(/(自治县|自治旗|县|市|区|旗|county|district|city)$/u, "");
  return bare && bare !== simple ? [simple, bare] : [simple];
}

export function sexLabel(sex: Sex, locale: SheetLocale): string {
  return SEX_LABELS[locale][sex];
}
export function tierLabel(tier: CaseTier, locale: SheetLocale): string {
  return TIER_LABELS[locale][tier];
}
export function causesLabel(causes: readonly HardshipCause[], locale: SheetLocale): string {
  return causes.map((c) => CAUSE_LABELS[locale][c]).join(locale === "en" ? ", " : "、");
}
export function consentLabel(consent: boolean, locale: SheetLocale): string {
  return CONSENT_LABELS[locale][consent ? "yes" : "no"];
}

/** "5329**********1234": enough for staff to tell rows apart, not the number. */
export function maskResidentId(text: string): string {
  const id = text.replace(/\s/g, "");
  if (id.length < 10) return "*".repeat(id.length);
  return `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}`;
}
