// `create-user` and `grant` as an operator runs them: the command line (in this process,
// tests/cli.ts) on a PGlite DATA_DIR.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliDataDir, runCli } from "../tests/cli";
import { fakeDocument } from "../tests/factories";
import { startTestSearch } from "../tests/search-fixture";

let search: Awaited<ReturnType<typeof startTestSearch>>;
let env: Record<string, string>;

beforeAll(async () => {
  const [started, dataDir] = await Promise.all([startTestSearch(), createCliDataDir()]);
  search = started;
  env = {
    IDENTITY_KEY: randomBytes(32).toString("base64"),
    DATA_DIR: dataDir,
    MEILI_URL: search.meili.url,
    MEILI_MASTER_KEY: search.meili.masterKey,
    MEILI_INDEX_PREFIX: search.indexPrefix,
  };
}, 60_000);
afterAll(() => search?.meili.stop());

const cli = (args: string[], stdin?: string) => runCli(args, env, stdin);

// Each command opens PGlite and runs the migrations: several in one test outlast the default
// timeout on a busy 2-core machine.
describe("account commands", { timeout: 120_000 }, () => {
  it("create a platform admin with a set-password link, then refuse the same email again", async () => {
    const created = await cli(["create-user", "--email", "Ops@Test.Xiangyun.invalid", "--name", "运维测试", "--platform-admin"]);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("created ops@test.xiangyun.invalid (platform admin)");
    expect(created.stdout).toMatch(/set the password within 24 hours at http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}/);
    const again = await cli(["create-user", "--email", "ops@test.xiangyun.invalid", "--name", "again"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--email: an account for ops@test.xiangyun.invalid already exists");
  });

  it("take a password on stdin, and name the field of a bad one", async () => {
    const short = await cli(["create-user", "--email", "short@test.xiangyun.invalid", "--name", "短", "--password-stdin"], "short\n");
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("password: must be at least 10 characters");
    const ok = await cli(["create-user", "--email", "staff@test.xiangyun.invalid", "--name", "测试干部", "--password-stdin"], "a long enough password\n");
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain("reset-password");
  });

  it("grant a union role, refusing roles the organisation's kind does not have", async () => {
    const file = join(env.DATA_DIR ?? "", "orgs.json");
    writeFileSync(file, JSON.stringify({ ...fakeDocument({ cases: 0, offers: 0 }) }));
    expect((await cli(["import", file])).code).toBe(0);
    const granted = await cli(["grant", "staff@test.xiangyun.invalid", "caseworker", "--organisation", "xy-union"]);
    expect(granted.stderr).toBe("");
    expect(granted.stdout).toContain("is now caseworker of 祥云县总工会");
    const wrongKind = await cli(["grant", "staff@test.xiangyun.invalid", "member", "--organisation", "xy-union"]);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain("role: a union organisation's roles are admin, caseworker, finance, auditor");
    const unknownRole = await cli(["grant", "staff@test.xiangyun.invalid", "boss", "--organisation", "xy-union"]);
    expect(unknownRole.code).toBe(2);
    expect(unknownRole.stderr).toContain("role: must be one of");
    const nobody = await cli(["grant", "nobody@test.xiangyun.invalid", "admin", "--organisation", "xy-union"]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain("no account for nobody@test.xiangyun.invalid");
    const noOrg = await cli(["grant", "staff@test.xiangyun.invalid", "admin", "--organisation", "no-such-org"]);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('--organisation: no organisation "no-such-org"');
  });

  it("explain what create-user needs when called without options", async () => {
    const bare = await cli(["create-user"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("create-user needs --email and --name");
  });
});
