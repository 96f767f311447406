import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe secret (session cookie, reset link, invitation link). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, so a copy of the table opens nothing. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
