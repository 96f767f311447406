// The pledge form's key and the donor's tracking code: one code per key, typed back however the
// donor writes it, and nothing of either in what the database keeps.
import { describe, expect, it } from "vitest";
import { hashTrackingCode, newPledgeKey, normaliseTrackingCode, PLEDGE_KEY_PATTERN, storedPledgeKey, trackingCodeFor } from "./tracking-code.server";

describe("pledge keys and tracking codes", () => {
  it("issues keys of 26 base32 characters, each new", () => {
    const keys = Array.from({ length: 50 }, newPledgeKey);
    expect(keys.every((key) => PLEDGE_KEY_PATTERN.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(50);
  });

  it("derives one code per key, 28 characters in groups of four", () => {
    const key = newPledgeKey();
    expect(trackingCodeFor(key)).toBe(trackingCodeFor(key));
    expect(trackingCodeFor(key)).not.toBe(trackingCodeFor(newPledgeKey()));
    expect(trackingCodeFor(key)).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it("reads a code in any case, with spaces or dashes, and O, I, L as 0, 1, 1", () => {
    const code = "7K3Q-9MXA-0000-1111-ABCD-EFGH-JKMN";
    expect(normaliseTrackingCode(code)).toBe("7K3Q9MXA00001111ABCDEFGHJKMN");
    expect(normaliseTrackingCode("7k3q 9mxa oooo iLl1 abcd efgh jkmn")).toBe("7K3Q9MXA00001111ABCDEFGHJKMN");
    expect(hashTrackingCode(code)).toBe(hashTrackingCode("7K3Q9MXA00001111ABCDEFGHJKMN"));
  });

  it("refuses what cannot be a code", () => {
    expect(normaliseTrackingCode("")).toBeNull();
    expect(normaliseTrackingCode("7K3Q-9MXA")).toBeNull();
    expect(normaliseTrackingCode("7K3Q-9MXA-0000-1111-ABCD-EFGH-JKMU")).toBeNull();
  });

  it("keeps neither the key nor the code in what is stored", () => {
    const key = newPledgeKey();
    const stored = `${storedPledgeKey(key)} ${hashTrackingCode(trackingCodeFor(key))}`;
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(trackingCodeFor(key).replaceAll("-", ""));
    expect(stored).toMatch(/^[0-9a-f]{64} [0-9a-f]{64}$/);
  });
});
