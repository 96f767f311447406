// The PII guard run over a need's title and story before it is published (DESIGN §3). Pure.
// It finds identity-shaped numbers anywhere, and the household's own identity values.
// Measured on a labelled corpus by bench/pii-guard.ts; known misses are listed there.
import { normaliseMobile } from "../cases/phone";
import { checkResidentId, normaliseResidentId } from "../cases/resident-id";

export type PiiKind = "resident-id" | "mobile" | "bank-card" | "own-name" | "own-id" | "own-phone" | "own-address";

export interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

export interface KnownIdentity {
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

// Where findings overlap, the earlier kind is reported: it tells the caseworker most precisely what
// to remove. A whole ID or phone number is named as such; eleven digits of the household's own ID
// are "part of the ID", not a mobile number, and sixteen are not a bank card.
const KIND_ORDER: readonly PiiKind[] = ["resident-id", "own-id", "mobile", "own-phone", "bank-card", "own-name", "own-address"];

const DIGITS = /[0-9０-９]+/gu;
// People break long numbers with spaces, dashes or dots ("138 1234 5678", "532923 - 1978…"); up to
// three such characters still join two groups of digits into one number. Commas and slashes do not:
// they separate amounts ("12,000") and alternatives ("138…/139…").
const JOINER = /^[\s\-－–—.·]{1,3}$/u;
const CHECK_CHAR = /^[\s\-－–—.·]{0,3}[XxＸｘ]/u;
// 0086 + a mobile number, or 19 card digits, is the longest number looked for; the cap keeps the
// search linear however many digit groups a text has.
const MAX_DIGITS = 20;

const toAscii = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  /** End of a resident ID's check character "X" written after the digits, if there is one. */
  checkEnd?: number;
}

interface NumberSpan {
  start: number;
  end: number;
  digits: string;
}

/** Finds identity-shaped numbers and the household's own identity values in a text; hits never overlap. */
export function findPii(text: string, identity: KnownIdentity = {}): PiiHit[] {
  const ownId = identity.idNumber ? normaliseResidentId(identity.idNumber) : "";
  const ownPhone = identity.phone ? (normaliseMobile(identity.phone) ?? toAscii(identity.phone).replace(/\D/g, "")) : "";
  const hits: PiiHit[] = [];
  const add = (kind: PiiKind, start: number, end: number) => hits.push({ kind, start, end, text: text.slice(start, end) });

  for (const n of numberSpans(text)) {
    if (n.digits.length === 18 && checkResidentId(n.digits) === null) add("resident-id", n.start, n.end);
    // The region code alone is the county's, published with every need.
    if (n.digits.length >= 6 && ownId.includes(n.digits) && n.digits !== ownId.slice(0, 6)) add("own-id", n.start, n.end);
    // An X is only ever an ID's check character.
    if (n.digits.endsWith("X")) continue;
    if (normaliseMobile(n.digits)) {
      // "+86 138…": the plus belongs to the number.
      const plus = n.digits.startsWith("86") && /[+＋]/.test(text[n.start - 1] ?? "") ? 1 : 0;
      add("mobile", n.start - plus, n.end);
    }
    // Card numbers start 3–6 (UnionPay 62, Visa 4, Mastercard 5, JCB/Amex 3); tracking and order
    // numbers of the same length mostly start 7–9 or 1–2. No Luhn check: not every domestic card
    // passes it, and a false alarm costs one edit.
    if (n.digits.length >= 16 && n.digits.length <= 19 && /^[3-6]/.test(n.digits)) add("bank-card", n.start, n.end);
    if (n.digits.length >= 7 && ownPhone.includes(n.digits)) add("own-phone", n.start, n.end);
  }

  for (const form of nameForms(identity.name)) for (const at of occurrences(text, form)) add("own-name", at, at + form.length);
  for (const form of addressForms(identity.address)) for (const at of occurrences(text, form)) add("own-address", at, at + form.length);

  return withoutOverlaps(hits);
}

/** Groups of digits as typed, each with the groups joined to it by separators. */
function digitRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  let run: DigitGroup[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index;
    const end = start + m[0].length;
    const last = run[run.length - 1];
    if (!last || last.checkEnd !== undefined || !JOINER.test(text.slice(last.end, start))) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    const group: DigitGroup = { start, end, digits: toAscii(m[0]) };
    // A check character ends the number; one typed apart ("…911 X") must not be a word's first letter.
    const check = CHECK_CHAR.exec(text.slice(end, end + 4));
    if (check && (check[0].length === 1 || !/[A-Za-z]/.test(text[end + check[0].length] ?? ""))) group.checkEnd = end + check[0].length;
    run.push(group);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Every number a run of digit groups may hold: any consecutive groups, never part of a group, so
 * "19955500013 2人" still holds a mobile number and "订单号 213812345678" does not.
 */
function* numberSpans(text: string): Generator<NumberSpan> {
  for (const run of digitRuns(text)) {
    for (const [i, first] of run.entries()) {
      let digits = "";
      for (const group of run.slice(i)) {
        digits += group.digits;
        if (digits.length > MAX_DIGITS) break;
        yield { start: first.start, end: group.end, digits };
        if (group.checkEnd !== undefined) yield { start: first.start, end: group.checkEnd, digits: `${digits}X` };
      }
    }
  }
}

/** The ways a caseworker writes the head's name: in full, each part of a name with a middle dot, or the given name. */
function nameForms(name: string | undefined): string[] {
  const full = name?.trim() ?? "";
  if (full.length < 2) return [];
  const forms = new Set([full]);
  const parts = full.split(/[·•・．]/).map((p) => p.trim());
  if (parts.length > 1) for (const part of parts) if (part.length >= 2) forms.add(part);
  // Neighbours and colleagues say "秀英阿姨" for 李秀英: the last two characters of a Han name of three
  // or more (which also covers two-character surnames like 欧阳).
  if (/^\p{Script=Han}{3,}$/u.test(full)) forms.add(full.slice(-2));
  return [...forms];
}

// An address splits into levels; province, prefecture and county are published with every need,
// while a town, village, road or estate narrows it down to a few households.
const ADDRESS_LEVEL = /(.+?)(自治区|自治州|自治县|街道|社区|小区|大道|单元|省|州|市|县|区|旗|镇|乡|村|路|街|巷|弄|组|号|栋|幢|室|楼)/gu;
const IDENTIFYING_LEVELS = new Set(["街道", "社区", "小区", "大道", "镇", "乡", "村", "路", "街", "巷", "弄", "组"]);
const NUMERAL = /^[0-9０-９一二三四五六七八九十百零〇]+$/u;

/** Address fragments specific enough to identify a household: a town, village, road, estate or named group. */
function addressForms(address: string | undefined): string[] {
  if (!address) return [];
  // "演示村委会" is written "演示村" just as often.
  const compact = address.replace(/\s+/g, "").replace(/(村|居)(民委员会|委会)/g, "$1");
  const forms: string[] = [];
  for (const [segment, name = "", level = ""] of compact.matchAll(ADDRESS_LEVEL)) {
    // "3组", "15号" alone identify nothing and would flag dates ("3月15号") and counts.
    if (IDENTIFYING_LEVELS.has(level) && name.length >= 2 && !NUMERAL.test(name)) forms.push(segment);
  }
  if (forms.length > 0) return forms;
  // An address in no recognisable form: its words, but never a bare number.
  return address
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 2 && !/^\d+$/.test(p));
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

/** Keeps the most telling of overlapping findings (KIND_ORDER, then the longest), in text order. */
function withoutOverlaps(hits: PiiHit[]): PiiHit[] {
  const rank = (hit: PiiHit) => KIND_ORDER.indexOf(hit.kind);
  const ranked = [...hits].sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiHit[] = [];
  for (const hit of ranked) if (kept.every((k) => hit.end <= k.start || hit.start >= k.end)) kept.push(hit);
  return kept.sort((a, b) => a.start - b.start);
}
