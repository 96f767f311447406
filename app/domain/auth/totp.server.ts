// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s) with otpauth. A code is accepted
// one step early or late, and never twice: the step of the last accepted code is kept per user.
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

const ISSUER = "Xiangyun";
const PERIOD = 30;

function totpFor(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A fresh 160-bit secret in base32, as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, email: string): string {
  return totpFor(secret, email).toString();
}

/** The URI as an SVG QR code in a data: URL (the CSP allows data: images). */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** The code for now (tests, the CLI's demo hints). */
export function currentTotpCode(secret: string, at = Date.now()): string {
  return totpFor(secret).generate({ timestamp: at });
}

/**
 * The time step of a valid code, or null when it is wrong or was already used (its step is not
 * after `lastStep`). The caller stores the step it gets back.
 */
export function acceptTotpCode(secret: string, code: string, lastStep: number | null, at = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret).validate({ token, timestamp: at, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
