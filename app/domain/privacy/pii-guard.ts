// The PII guard run over a need's title and story before it is published (DESIGN §3). Pure.
// It finds identity-shaped numbers anywhere, and the household's own identity values.
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

// Digits (ASCII or full-width) possibly broken up by spaces, dashes or dots, as people type them.
const DIGIT = "[0-9０-９]";
const SEP = "[\\s\\-－.·]?";
const digitRun = (min: number, max: number, tail = "") =>
  new RegExp(`(?<![0-9０-９])(?:\\+?86${SEP}|＋86${SEP})?${DIGIT}(?:${SEP}${DIGIT}){${min - 1},${max - 1}}${tail}(?![0-9０-９])`, "gu");

const toAscii = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
const digitsOf = (s: string) => toAscii(s).replace(/\D/g, "");

function* matches(pattern: RegExp, text: string): Generator<{ start: number; end: number; text: string }> {
  for (const m of text.matchAll(pattern)) {
    const start = m.index ?? 0;
    yield { start, end: start + m[0].length, text: m[0] };
  }
}

/** Finds identity-shaped numbers and the household's own identity values in a text. */
export function findPii(text: string, identity: KnownIdentity = {}): PiiHit[] {
  const hits: PiiHit[] = [];

  for (const m of matches(digitRun(17, 17, `${SEP}[0-9０-９XxＸｘ]`), text)) {
    if (checkResidentId(normaliseResidentId(m.text)) === null) hits.push({ kind: "resident-id", ...m });
  }
  for (const m of matches(digitRun(11, 13), text)) {
    if (normaliseMobile(m.text)) hits.push({ kind: "mobile", ...m });
  }
  for (const m of matches(digitRun(16, 19), text)) {
    // Card numbers start 3–6 (UnionPay 62, Visa 4, Mastercard 5, JCB/Amex 3). No Luhn check:
    // not every domestic card passes it, and a false alarm costs one edit.
    if (/^[3-6]/.test(digitsOf(m.text))) hits.push({ kind: "bank-card", ...m });
  }

  const own = (kind: PiiKind, needle: string | undefined) => {
    if (!needle || needle.length < 2) return;
    let from = 0;
    for (;;) {
      const at = text.indexOf(needle, from);
      if (at < 0) break;
      hits.push({ kind, start: at, end: at + needle.length, text: needle });
      from = at + needle.length;
    }
  };
  own("own-name", identity.name?.trim());
  if (identity.idNumber) {
    const id = normaliseResidentId(identity.idNumber);
    // Any run of 6+ digits of the ID (its region code alone is public knowledge, so not 6 from the start).
    const ascii = toAscii(text);
    for (const m of matches(/\d{6,}/g, ascii)) {
      if (m.text.length >= 6 && id.includes(m.text) && !id.startsWith(m.text)) hits.push({ kind: "own-id", ...m, text: text.slice(m.start, m.end) });
    }
  }
  if (identity.phone) {
    const phone = digitsOf(identity.phone);
    for (const m of matches(digitRun(4, 13), text)) {
      const digits = digitsOf(m.text);
      if (digits.length >= 7 && phone.includes(digits)) hits.push({ kind: "own-phone", ...m });
    }
  }
  for (const part of addressParts(identity.address)) own("own-address", part);

  return dedupe(hits);
}

/** Address fragments specific enough to identify a household: a village, street or house number. */
function addressParts(address: string | undefined): string[] {
  if (!address) return [];
  return address
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim())
    // A bare number ("12") identifies nothing and would flag every amount; "12号" or "演示村" may.
    .filter((p) => p.length >= 2 && !/^\d+$/.test(p));
}

function dedupe(hits: PiiHit[]): PiiHit[] {
  const sorted = hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PiiHit[] = [];
  for (const hit of sorted) {
    const last = out[out.length - 1];
    if (last && hit.start < last.end && hit.end <= last.end) continue;
    out.push(hit);
  }
  return out;
}
