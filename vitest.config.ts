import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { LongestFirstSequencer } from "./tests/longest-first-sequencer";

// Every test runs on PGlite. Database tests (*.db.test.ts) run again on a PostgreSQL server when
// TEST_DATABASE_URL names one (`.ci/run` starts a throwaway cluster and sets it).
const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };
const exclude = ["node_modules/**", "build/**", "data/**", "tests/e2e/**"];
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LEAK_CRAWL = "tests/e2e/privacy-leak.e2e.test.ts";
// The production server build that route tests load (tests/server-build.ts) goes to Node as it is:
// 1.5 MB of built JavaScript, which Vite's transform took about 2 s to pass through per test file.
const server = { deps: { external: [/\/build\/server\//] } };

const projects: TestProjectInlineConfiguration[] = [
  {
    resolve: { alias },
    test: {
      name: "pglite",
      include: ["**/*.test.{ts,tsx}"],
      exclude,
      globalSetup: ["tests/global-setup.ts"],
      env: { TEST_DB_DRIVER: "pglite" },
      server,
      // A worker runs its files one after another in one module graph instead of importing every
      // module again for each file (imports were a quarter of the run). Files keep no state in
      // modules between them: databases, search prefixes and servers are per file.
      isolate: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    resolve: { alias },
    test: {
      name: "postgres",
      include: ["**/*.db.test.ts"],
      exclude,
      globalSetup: ["tests/global-setup.ts"],
      env: { TEST_DB_DRIVER: "pg" },
      server,
      isolate: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  });
}

// Browser journeys need Chromium (`.ci/run` installs it and sets E2E=1, so there they cannot be
// skipped); on a machine without it they are left out with a notice.
if (process.env.E2E === "1" || existsSync(chromium)) {
  projects.push(
    {
      resolve: { alias },
      test: {
        name: "e2e",
        include: ["tests/e2e/**/*.e2e.test.ts"],
        exclude: [LEAK_CRAWL],
        globalSetup: ["tests/e2e/global-setup.ts"],
        testTimeout: 60_000,
        hookTimeout: 180_000,
        // One app server and one Chromium for the run (tests/e2e/global-setup.ts), a file's own
        // contexts on them: files run one after another to keep a 2-core machine calm.
        fileParallelism: false,
        // One module graph for the files, as in the database projects: a file's browser connection,
        // contexts and servers are its own.
        isolate: false,
      },
    },
    {
      // The privacy crawl (its own server and Meilisearch, fetch and no browser) is the longest file
      // by far: a project of its own, which `npm test` runs beside the other two (scripts/run-tests.ts).
      resolve: { alias },
      test: {
        name: "leak-crawl",
        include: [LEAK_CRAWL],
        globalSetup: ["tests/e2e/build-setup.ts"],
        testTimeout: 60_000,
        hookTimeout: 300_000,
      },
    },
  );
} else {
  console.warn(`browser tests skipped: no Chromium at ${chromium} (apt-get install chromium)`);
}

export default defineConfig({
  test: {
    projects,
    reporters: ["default", "./tests/summary-reporter.ts"],
    sequence: { sequencer: LongestFirstSequencer },
    pool: "forks",
    // Vitest's default (one worker fewer than the cores) is a single worker on CI's two cores, which
    // runs every file one after another. Three keep both cores busy while a file waits on
    // PostgreSQL, Meilisearch or a child process. The browser files still run one at a time
    // (fileParallelism above): after the others in one `vitest run`, beside them in `npm test`
    // (scripts/run-tests.ts, a Vitest process of their own).
    maxWorkers: 3,
    // Modules transformed once per run, not once per worker, project and Vitest process (`npm test`
    // runs three): the transforms are kept in node_modules/.experimental-vitest-cache, keyed by
    // each file's content and the configuration, and read by every worker after the first.
    experimental: { fsModuleCache: true },
  },
});
