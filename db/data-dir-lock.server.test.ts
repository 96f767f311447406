import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirInUseError, acquireDataDirLock } from "./data-dir-lock.server";
import { makeTestTempDir } from "../tests/temp-dir";

const tempDir = () => makeTestTempDir("lock-");

describe("DATA_DIR lock", () => {
  it("is released and can be taken again", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, "web server");
    expect(existsSync(join(dir, "xiangyun.lock"))).toBe(true);
    release();
    expect(existsSync(join(dir, "xiangyun.lock"))).toBe(false);
    acquireDataDirLock(dir, "cli import")();
  });

  it("refuses a second owner inside the same process", () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, "web server");
    expect(() => acquireDataDirLock(dir, "cli import")).toThrow(`is in use by process ${process.pid} (web server)`);
    release();
  });

  it("stops a second owner with a message naming the holder", async () => {
    const dir = tempDir();
    // Another live process holds it: a sleeping child stands in for a running server.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(join(dir, "xiangyun.lock"), JSON.stringify({ pid: holder.pid, purpose: "web server" }));
      expect(() => acquireDataDirLock(dir, "cli import")).toThrow(DataDirInUseError);
      expect(() => acquireDataDirLock(dir, "cli import")).toThrow(`is in use by process ${holder.pid} (web server)`);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("takes over a lock whose holder died", async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => dead.on("exit", resolve));
    writeFileSync(join(dir, "xiangyun.lock"), JSON.stringify({ pid: dead.pid, purpose: "web server" }));
    const release = acquireDataDirLock(dir, "web server");
    release();
  });
});
