import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSearchClient } from "./client.server";
import type { MeiliProcess } from "./meili-process.server";
import { MAX_INDEXING_MEMORY, startMeilisearch } from "./meili-process.server";

const started: MeiliProcess[] = [];
const dirs: string[] = [];
const strays: number[] = [];

afterAll(async () => {
  for (const meili of started) await meili.stop();
  // Only reached when the orphan test failed: don't leave its Meilisearch behind.
  for (const pid of strays) if (!isGone(pid)) process.kill(pid, "SIGKILL");
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "xiangyun-meili-"));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<MeiliProcess> {
  const meili = await startMeilisearch({ dataDir });
  started.push(meili);
  return meili;
}

/** A zombie (exited, not yet reaped by whoever inherited it) counts as gone. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    // /proc/PID/stat: "pid (comm) state …"; comm may hold spaces, so read after the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe("startMeilisearch", () => {
  it("answers /health on a loopback port, and stop() ends the process", async () => {
    const meili = await start(await tempDir());

    expect(meili.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${meili.url}/health`);
    expect(await health.json()).toEqual({ status: "available" });
    const anonymous = await fetch(`${meili.url}/indexes`);
    expect(anonymous.status).toBe(401);

    await meili.stop();
    expect(isGone(meili.pid)).toBe(true);
    await expect(meili.stop()).resolves.toBeUndefined();
  });

  it("indexes within a capped memory (by default every task cleared memory sized from the machine's)", async () => {
    const meili = await start(await tempDir());
    // Through setpriv, the process is Meilisearch itself once started: setpriv execs it.
    const args = readFileSync(`/proc/${meili.pid}/cmdline`, "utf8").split("\0");
    const at = args.indexOf("--max-indexing-memory");
    expect(at).toBeGreaterThan(0);
    expect(args[at + 1]).toBe(MAX_INDEXING_MEMORY);
  });

  it("keeps its master key (mode 0600) and its indexes across restarts", async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const created = await createSearchClient({ url: first.url, apiKey: first.masterKey })
      .createIndex("kept", { primaryKey: "ref" })
      .waitTask({ timeout: 30_000 });
    expect(created.status).toBe("succeeded");
    await first.stop();

    const keyFile = join(dataDir, "master.key");
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile, "utf8")).trim()).toBe(first.masterKey);

    const second = await start(dataDir);
    expect(second.masterKey).toBe(first.masterKey);
    const index = await createSearchClient({ url: second.url, apiKey: second.masterKey }).getRawIndex("kept");
    expect(index.primaryKey).toBe("ref");
    await second.stop();
  });

  it("reports Meilisearch's own error when it cannot start", async () => {
    const dataDir = await tempDir();
    // A file where the database directory should be: Meilisearch exits at once.
    await writeFile(join(dataDir, "data.ms"), "not a database");

    await expect(start(dataDir)).rejects.toThrow(/exited during start-up[\s\S]*Not a directory/);
  });

  it("does not outlive a Node parent killed with SIGKILL", async () => {
    const fixture = fileURLToPath(new URL("./__fixtures__/start-meili.ts", import.meta.url));
    const repoRoot = fileURLToPath(new URL("..", import.meta.url));
    const parent = spawn(process.execPath, ["--import", "tsx", fixture, await tempDir()], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [line]: unknown[] = await once(createInterface({ input: parent.stdout }), "line");
    const { pid } = z.object({ pid: z.number().int() }).parse(JSON.parse(String(line)));
    strays.push(pid);
    expect(isGone(pid)).toBe(false);

    const parentExited = new Promise((resolve) => parent.once("exit", resolve));
    parent.kill("SIGKILL");
    await parentExited;

    expect(await waitUntil(() => isGone(pid), 5_000)).toBe(true);
  });
});
