import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The identity master key: IDENTITY_KEY when set; otherwise (the embedded default) one generated
 * into DATA_DIR/identity.key. Losing that file makes every stored identity unreadable.
 */
export function loadIdentityKey(options: {
  configured: string | undefined;
  dataDir: string;
  warn: (message: string) => void;
}): Buffer {
  if (options.configured) return Buffer.from(options.configured, "base64");
  const file = join(options.dataDir, "identity.key");
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  options.warn(
    `IDENTITY_KEY is not set: generated an identity key in ${file}. Back it up, or set IDENTITY_KEY; without it stored identities cannot be read.`,
  );
  return key;
}
