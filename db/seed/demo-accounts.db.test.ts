// The demo data set's accounts: one per role, signing in with the documented password (and TOTP
// secret), and disabled when the site starts with SEED_DEMO=false.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiters } from "../../app/domain/auth/rate-limit.server";
import { signIn } from "../../app/domain/auth/sign-in.server";
import { createTestDatabase } from "../../tests/database";
import { createTestCipher } from "../../tests/identity";
import type { DatabaseHandle } from "../client.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, applyDemoAccountSwitch } from "./demo-accounts.server";
import { seedDemo } from "./seed.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  const seeded = await seedDemo({ db: handle.db, cipher: createTestCipher() });
  expect(seeded.accounts).toBe(DEMO_ACCOUNTS.length);
}, 120_000);
afterAll(() => handle.close());

const request = { ip: "127.0.0.1", userAgent: null };

describe("demo accounts", () => {
  it("sign in with the documented password; admins and finance then need their TOTP code", async () => {
    const rateLimits = createRateLimiters(handle.db);
    for (const account of DEMO_ACCOUNTS) {
      const result = await signIn({ db: handle.db, rateLimits, email: account.email, password: DEMO_PASSWORD, request: { ...request, ip: `10.9.0.${DEMO_ACCOUNTS.indexOf(account)}` } });
      expect(result.kind, account.email).toBe(account.totp ? "second-factor" : "signed-in");
    }
  });

  it("are created only once", async () => {
    const again = await seedDemo({ db: handle.db, cipher: createTestCipher() });
    expect(again.accounts).toBe(0);
  });

  it("are disabled with SEED_DEMO=false and enabled again with true", async () => {
    const rateLimits = createRateLimiters(handle.db);
    expect(await applyDemoAccountSwitch(handle.db, false)).toBe(DEMO_ACCOUNTS.length);
    const refused = await signIn({ db: handle.db, rateLimits, email: "caseworker@demo.xiangyun.invalid", password: DEMO_PASSWORD, request: { ...request, ip: "10.9.1.1" } });
    expect(refused.kind).toBe("invalid");
    expect(await applyDemoAccountSwitch(handle.db, false)).toBe(0);
    expect(await applyDemoAccountSwitch(handle.db, true)).toBe(DEMO_ACCOUNTS.length);
    const allowed = await signIn({ db: handle.db, rateLimits, email: "caseworker@demo.xiangyun.invalid", password: DEMO_PASSWORD, request: { ...request, ip: "10.9.1.2" } });
    expect(allowed.kind).toBe("signed-in");
  });
});
