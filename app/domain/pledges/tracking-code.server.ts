// A pledge's secrets. The form that creates a pledge carries a random key issued with the page; the
// donor's tracking code is derived from that key, so a retried submission (a double click, a lost
// answer) shows the same code again, and the database keeps neither: only the SHA-256 of the key
// (the pledge's idempotency key) and of the code. A client that sends a key of its own choosing
// chooses its own code; the key's format is checked so it is never shorter than one we issue.
import { createHash, createHmac, randomBytes } from "node:crypto";

// Crockford's base32: no I, L, O or U, so a code read out or typed from paper survives.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 26 characters of base32: 130 bits. */
const KEY_LENGTH = 26;
/** 28 characters of base32: 140 bits, shown in 7 groups of 4. */
const CODE_LENGTH = 28;
const GROUP = 4;
const DERIVATION = "xiangyun pledge tracking code v1";

export const PLEDGE_KEY_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function base32(bytes: Buffer, length: number): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A fresh key for one pledge form (130 random bits). */
export function newPledgeKey(): string {
  return base32(randomBytes(17), KEY_LENGTH);
}

/** The donor's tracking code for a form key, grouped for reading: "7K3Q-9MXA-…". */
export function trackingCodeFor(key: string): string {
  const body = base32(createHmac("sha256", DERIVATION).update(key).digest(), CODE_LENGTH);
  return body.match(new RegExp(`.{1,${GROUP}}`, "g"))?.join("-") ?? body;
}

/** What the database keeps of a form key: unique per pledge, useless to anyone who reads it. */
export function storedPledgeKey(key: string): string {
  return createHash("sha256").update(`pledge-key:${key}`).digest("hex");
}

/**
 * A typed code → its canonical form, or null when it cannot be a code: case, spaces and dashes do
 * not matter, and O, I and L read as 0, 1 and 1 as Crockford's base32 intends.
 */
export function normaliseTrackingCode(typed: string): string | null {
  const body = typed
    .toUpperCase()
    .replace(/[\s\-–—]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (body.length !== CODE_LENGTH || ![...body].every((c) => ALPHABET.includes(c))) return null;
  return body;
}

/** SHA-256 (hex) of a code, canonical or grouped; what `pledges.tracking_code_hash` holds. */
export function hashTrackingCode(code: string): string {
  return createHash("sha256").update(code.replaceAll("-", "")).digest("hex");
}
