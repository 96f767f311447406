import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createIdentityCipher } from "./identity-cipher.server";

const cipher = createIdentityCipher(randomBytes(32));

describe("identity cipher", () => {
  it("round-trips Chinese text and never contains the plaintext", () => {
    const sealed = cipher.encrypt("address", "测试路 12 号");
    expect(cipher.decrypt("address", sealed)).toBe("测试路 12 号");
    expect(sealed.includes(Buffer.from("测试路"))).toBe(false);
  });

  it("uses a fresh IV each time", () => {
    expect(cipher.encrypt("name", "测试甲").equals(cipher.encrypt("name", "测试甲"))).toBe(false);
  });

  it("refuses a ciphertext moved to another field or tampered with", () => {
    const sealed = cipher.encrypt("name", "测试甲");
    expect(() => cipher.decrypt("phone", sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => cipher.decrypt("name", tampered)).toThrow();
  });

  it("refuses another installation's key", () => {
    const other = createIdentityCipher(randomBytes(32));
    expect(() => other.decrypt("name", cipher.encrypt("name", "测试甲"))).toThrow();
  });

  it("hashes a resident ID the same whatever its spelling, and differently per key", () => {
    const a = cipher.hashResidentId("11010519491231002X");
    expect(cipher.hashResidentId("110105 19491231 002x").equals(a)).toBe(true);
    expect(createIdentityCipher(randomBytes(32)).hashResidentId("11010519491231002X").equals(a)).toBe(false);
  });
});
