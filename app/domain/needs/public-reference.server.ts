import { randomInt } from "node:crypto";

// Crockford-style alphabet without 0/O, 1/I/L and U: easy to read out on the phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 7;

/** A random public reference like N-7K3Q9MX (A- for an online application's number, M- for a match); never derived from a row id. */
export function newPublicReference(prefix: "N" | "O" | "P" | "A" | "M"): string {
  let body = "";
  for (let i = 0; i < LENGTH; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${body}`;
}

export const PUBLIC_REFERENCE_PATTERN = /^[NOP]-[2-9A-HJKMNP-TV-Z]{7}$/;
