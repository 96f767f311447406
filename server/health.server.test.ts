// /healthz's cache: checks run at most once per second, concurrent callers share the running check,
// and a check after the second runs again (a fake clock, no timing).
import { describe, expect, it } from "vitest";
import type { Health } from "./health.server";
import { cachedHealth } from "./health.server";

const OK: Health = { status: "ok", database: "ok", search: "ok", outbox: null };
const DEGRADED: Health = { status: "degraded", database: "ok", search: "unavailable", outbox: null };

describe("cachedHealth", () => {
  it("runs the checks once per second, shared by every caller in it", async () => {
    let clock = 10_000;
    let runs = 0;
    const answers = [OK, DEGRADED];
    const health = cachedHealth(
      async () => {
        runs += 1;
        return answers[runs - 1] ?? OK;
      },
      { now: () => clock },
    );
    const together = await Promise.all([health(), health(), health()]);
    expect(together).toEqual([OK, OK, OK]);
    clock += 999;
    expect(await health()).toEqual(OK);
    expect(runs).toBe(1);
    clock += 1;
    expect(await health()).toEqual(DEGRADED);
    expect(runs).toBe(2);
  });
});
