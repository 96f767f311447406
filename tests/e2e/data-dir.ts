// DATA_DIRs for the browser tests' app servers: copies of the run's migrated one
// (tests/e2e/global-setup.ts), so a server's first start opens its database instead of making and
// migrating it, as a start after `npm run cli -- migrate` does.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

/** A new temporary directory (named from `prefix`) holding a copy of `from`. */
export function copyDataDir(from: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** A fresh DATA_DIR for a test's own server, with the run's migrated database and nothing else. */
export function migratedDataDir(prefix: string): string {
  return copyDataDir(inject("migratedDataDir"), prefix);
}
