import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import type { TestProjectInlineConfiguration } from "vitest/config";

// Every test runs on PGlite. Database tests (*.db.test.ts) run again on a PostgreSQL server when
// TEST_DATABASE_URL names one (`.ci/run` starts a throwaway cluster and sets it).
const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };
const exclude = ["node_modules/**", "build/**", "data/**", "tests/e2e/**"];

const projects: TestProjectInlineConfiguration[] = [
  {
    resolve: { alias },
    test: {
      name: "pglite",
      include: ["**/*.test.{ts,tsx}"],
      exclude,
      globalSetup: ["tests/global-setup.ts"],
      env: { TEST_DB_DRIVER: "pglite" },
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
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  });
}

export default defineConfig({
  test: {
    projects,
    reporters: ["default", "./tests/summary-reporter.ts"],
    pool: "forks",
  },
});
