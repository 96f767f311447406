// Prints one plain closing line ("N passed, N failed, N skipped") that CI reads whatever the runner.
import type { Reporter, TestModule } from "vitest/node";

export type Summary = [passed: number, failed: number, skipped: number];

export const closingLine = ([passed, failed, skipped]: Summary) => `vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`;

/** The counts of a closing line, or null for any other line. */
export function parseClosingLine(line: string): Summary | null {
  const match = /^vitest: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(line);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (module.state() === "failed" && ![...module.children.allTests()].length) failed++;
    }
    process.stdout.write(`\n${closingLine([passed, failed, skipped])}\n`);
  }
}
