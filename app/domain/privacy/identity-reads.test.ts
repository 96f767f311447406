// Identities are decrypted in one module only (read-identities.server.ts, which always audits):
// any other `.decrypt(` of an identity field in the code is a read without its record.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const SOURCES = ["app", "cli", "db", "search", "server"];
// The cipher itself, the one reader, and the account's TOTP secret (a secret, not an identity).
const ALLOWED = new Set(["app/domain/privacy/identity-cipher.server.ts", "app/domain/privacy/read-identities.server.ts", "app/domain/auth/sign-in.server.ts", "app/domain/auth/two-factor.server.ts"]);

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) yield path;
  }
}

describe("identity reads", () => {
  it("decrypt only in read-identities.server.ts (TOTP secrets aside)", () => {
    const offenders: string[] = [];
    for (const top of SOURCES) {
      for (const file of sourceFiles(join(ROOT, top))) {
        const path = relative(ROOT, file);
        if (!ALLOWED.has(path) && /\.decrypt\(/.test(readFileSync(file, "utf8"))) offenders.push(path);
      }
    }
    expect(offenders).toEqual([]);
  });
});
