// A temporary directory for a test: under the run's own directory (tests/global-setup.ts), which is
// removed when the run ends, so that directories a file does not remove itself (a load context's
// mail, a CLI's DATA_DIR) do not pile up in the system's; elsewhere (the browser tests), in the
// system's, named xiangyun-….
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

export function makeTestTempDir(prefix: string): string {
  const root = inject("testTempRoot");
  return mkdtempSync(root ? join(root, prefix) : join(tmpdir(), `xiangyun-${prefix}`));
}
