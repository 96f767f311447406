import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILD_OUTPUT, buildState } from "./build-if-stale.mjs";

let root: string;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
function write(path: string, seconds: number) {
  const file = join(root, path);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, "x");
  utimesSync(file, at(seconds), at(seconds));
}
function stamp(path: string, seconds: number) {
  utimesSync(join(root, path), at(seconds), at(seconds));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "xiangyun-build-state-"));
  write("app/root.tsx", 10);
  write("app/routes/about.tsx", 10);
  write("package-lock.json", 10);
  stamp("app/routes", 10);
  stamp("app", 10);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("buildState", () => {
  it("is missing without a server build, fresh when the build is newer than every input", () => {
    expect(buildState(root)).toEqual({ kind: "missing" });
    write(BUILD_OUTPUT, 20);
    expect(buildState(root)).toEqual({ kind: "fresh" });
  });

  it("is stale when a source, the lockfile or a folder (a file deleted) is newer, naming it", () => {
    write(BUILD_OUTPUT, 20);
    write("app/routes/about.tsx", 30);
    expect(buildState(root)).toEqual({ kind: "stale", newer: join("app", "routes", "about.tsx") });
    write(BUILD_OUTPUT, 40);
    write("package-lock.json", 50);
    expect(buildState(root)).toEqual({ kind: "stale", newer: "package-lock.json" });
    write(BUILD_OUTPUT, 60);
    rmSync(join(root, "app/routes/about.tsx"));
    stamp("app/routes", 70);
    expect(buildState(root)).toEqual({ kind: "stale", newer: join("app", "routes") });
  });

  it("is stale when server code bundled into the server's build is newer", () => {
    write(BUILD_OUTPUT, 20);
    write("db/schema/ledger.ts", 30);
    stamp("db/schema", 10);
    stamp("db", 10);
    expect(buildState(root)).toEqual({ kind: "stale", newer: join("db", "schema", "ledger.ts") });
    write(BUILD_OUTPUT, 40);
    write("server/main.ts", 50);
    stamp("server", 10);
    expect(buildState(root)).toEqual({ kind: "stale", newer: join("server", "main.ts") });
  });

  it("ignores test files, which are not built", () => {
    write(BUILD_OUTPUT, 20);
    write("app/routes/about.test.tsx", 30);
    stamp("app/routes", 10);
    expect(buildState(root)).toEqual({ kind: "fresh" });
  });
});
