// When the server closes offers past their end date: just after every full hour, so minutes after
// midnight in Beijing (16:00 UTC) an offer whose last day was yesterday stops listing.
import { describe, expect, it } from "vitest";
import { msUntilNextExpiry } from "./offer-expiry.server";

const at = (iso: string) => new Date(iso);

describe("msUntilNextExpiry", () => {
  it("runs five seconds after the next full hour", () => {
    expect(msUntilNextExpiry(at("2026-12-04T10:30:00Z"))).toBe(30 * 60_000 + 5_000);
  });

  it("runs right after midnight in Beijing from a second before it", () => {
    // 23:59:59 in Beijing.
    expect(msUntilNextExpiry(at("2026-12-04T15:59:59Z"))).toBe(6_000);
  });

  it("does not wait an hour when woken within the five seconds after the hour", () => {
    expect(msUntilNextExpiry(at("2026-12-04T16:00:02Z"))).toBe(3_000);
    expect(msUntilNextExpiry(at("2026-12-04T16:00:05Z"))).toBe(60 * 60_000);
  });
});
