import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.server";

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("has working defaults for the embedded mode", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: "./data", SEED_DEMO: true });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MEILI_URL).toBeUndefined();
  });

  it("names the variable and what it expects", () => {
    expect(problemsOf({ PORT: "eighty" })).toEqual([{ variable: "PORT", message: 'must be a port number (got "eighty")' }]);
    expect(problemsOf({ SEED_DEMO: "yes" })).toEqual([{ variable: "SEED_DEMO", message: 'must be true or false (got "yes")' }]);
  });

  it("lists every bad variable at once and never echoes secrets", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://root:secret@db/x", IDENTITY_KEY: "short", PORT: "70000" });
    expect(problems.map((p) => p.variable).sort()).toEqual(["DATABASE_URL", "IDENTITY_KEY", "PORT"]);
    expect(JSON.stringify(problems)).not.toContain("secret");
    expect(JSON.stringify(problems)).not.toContain("short");
  });

  it("trusts no proxy unless TRUST_PROXY names one", () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "loopback" }).TRUST_PROXY).toEqual(["loopback"]);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::1" }).TRUST_PROXY).toEqual(["loopback", "10.0.0.0/8", "fd00::1"]);
    expect(loadConfig({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    for (const value of ["true", "yes", "10.0.0.0/33", "example.org"]) {
      expect(problemsOf({ TRUST_PROXY: value })[0]?.variable).toBe("TRUST_PROXY");
    }
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("wants MEILI_URL with MEILI_MASTER_KEY", () => {
    expect(problemsOf({ MEILI_MASTER_KEY: "0123456789abcdef0123" })).toEqual([{ variable: "MEILI_URL", message: "must be set when MEILI_MASTER_KEY is set" }]);
  });
});
