// PGlite does not lock its directory, and two owners silently diverge (STACK-NOTES). The app takes
// this lock before opening anything in DATA_DIR; a second server or CLI command stops with a message.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { join, resolve } from "node:path";

export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: { pid: number; purpose: string }) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${holder.pid} (${holder.purpose}). ` +
        `Stop it first, or give this command another DATA_DIR.`,
    );
    this.name = "DataDirInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Locks this process holds: a second owner inside one process (a test, a dev reload) is refused too,
// while a lock file that merely carries our pid (left by a crashed process whose pid we now have) is stale.
const heldHere = new Set<string>();

/** Takes DATA_DIR/xiangyun.lock for this process; returns the release function. */
export function acquireDataDirLock(dataDir: string, purpose: string): () => void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "xiangyun.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      heldHere.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      const isHeld = holder && (holder.pid === process.pid ? heldHere.has(file) : isAlive(holder.pid));
      if (holder && isHeld) throw new DataDirInUseError(dir, holder);
      // The holder died without releasing it (kill -9, power loss): the lock is stale.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function readHolder(file: string): { pid: number; purpose: string } | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && "pid" in parsed && typeof parsed.pid === "number") {
      const purpose = "purpose" in parsed && typeof parsed.purpose === "string" ? parsed.purpose : "unknown";
      return { pid: parsed.pid, purpose };
    }
  } catch {
    // Unreadable or half-written: treat as stale.
  }
  return null;
}
