// Between the steps of a sheet import (upload → map → preview → import) the parsed rows wait on the
// server, in DATA_DIR/uploads, so no identity travels in a hidden field. They are identities in
// plain text, so the file is AES-256-GCM encrypted with a key that exists only in the token handed
// to the browser: the file alone reveals nothing, and it is deleted after the import or an hour.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { ParsedSheet } from "./read-sheet.server";
import { UPLOAD_TOKEN } from "./sheet-forms";

export const UPLOAD_LIFETIME_MS = 60 * 60 * 1000;
const FILE_NAME = /^household-sheet-([0-9a-f]{32})\.bin$/;

const storedSchema = z.object({
  userId: z.string(),
  createdAt: z.number(),
  fileName: z.string(),
  sheet: z.object({
    format: z.enum(["xlsx", "csv"]),
    headers: z.array(z.string()),
    rows: z.array(z.object({ line: z.number(), cells: z.array(z.string()), imprecise: z.array(z.number()) })),
  }),
  /** Keyed hashes (hex) of the resident IDs whose holders this user was already told about for this sheet. */
  answered: z.array(z.string()).default([]),
});
export type StoredUpload = z.output<typeof storedSchema>;

const uploadsDir = (dataDir: string) => join(dataDir, "uploads");
const pathOf = (dataDir: string, id: string) => join(uploadsDir(dataDir), `household-sheet-${id}.bin`);

/** Stores a parsed sheet for one user and returns the token that opens it. */
export async function saveUpload(options: { dataDir: string; userId: string; fileName: string; sheet: ParsedSheet; now?: number }): Promise<string> {
  const now = options.now ?? Date.now();
  await sweepUploads(options.dataDir, now);
  const id = randomBytes(16).toString("hex");
  const key = randomBytes(32);
  await writeUpload(options.dataDir, id, key, { userId: options.userId, createdAt: now, fileName: options.fileName, sheet: options.sheet, answered: [] });
  return `${id}.${key.toString("base64url")}`;
}

/**
 * Remembers that the user was told who holds these resident IDs (keyed hashes, hex) for this sheet,
 * so importing what they previewed does not count the same answers twice.
 */
export async function recordAnsweredIds(options: { dataDir: string; token: string; userId: string; hashes: readonly string[] }): Promise<void> {
  const match = UPLOAD_TOKEN.exec(options.token);
  const stored = await loadUpload(options);
  if (!stored || !match?.[1] || !match[2]) return;
  const answered = [...new Set([...stored.answered, ...options.hashes])];
  await writeUpload(options.dataDir, match[1], Buffer.from(match[2], "base64url"), { ...stored, answered });
}

async function writeUpload(dataDir: string, id: string, key: Buffer, upload: StoredUpload): Promise<void> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(id));
  const body = Buffer.concat([cipher.update(JSON.stringify(upload), "utf8"), cipher.final()]);
  await mkdir(uploadsDir(dataDir), { recursive: true, mode: 0o700 });
  await writeFile(pathOf(dataDir, id), Buffer.concat([iv, cipher.getAuthTag(), body]), { mode: 0o600 });
}

/** The upload behind a token, or null when it is malformed, expired, gone or someone else's. */
export async function loadUpload(options: { dataDir: string; token: string; userId: string; now?: number }): Promise<StoredUpload | null> {
  const now = options.now ?? Date.now();
  await sweepUploads(options.dataDir, now);
  const match = UPLOAD_TOKEN.exec(options.token);
  if (!match?.[1] || !match[2]) return null;
  const id = match[1];
  const raw = await readFile(pathOf(options.dataDir, id)).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
  if (!raw) return null;
  let stored: StoredUpload;
  try {
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(match[2], "base64url"), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    stored = storedSchema.parse(JSON.parse(plain));
  } catch {
    // A wrong key (a tampered token) fails authentication: for the caller it is simply no upload.
    return null;
  }
  if (stored.userId !== options.userId) return null;
  if (now - stored.createdAt > UPLOAD_LIFETIME_MS) {
    await deleteUpload(options.dataDir, options.token);
    return null;
  }
  return stored;
}

export async function deleteUpload(dataDir: string, token: string): Promise<void> {
  const id = UPLOAD_TOKEN.exec(token)?.[1];
  if (id) await unlink(pathOf(dataDir, id)).catch(ignoreMissing);
}

/** Deletes uploads older than their lifetime (run on every upload, so none outlives it for long). */
export async function sweepUploads(dataDir: string, now = Date.now()): Promise<number> {
  const names = await readdir(uploadsDir(dataDir)).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  let removed = 0;
  for (const name of names) {
    if (!FILE_NAME.test(name)) continue;
    const path = join(uploadsDir(dataDir), name);
    const info = await stat(path).catch(ignoreMissing);
    if (info && now - info.mtimeMs > UPLOAD_LIFETIME_MS) {
      await unlink(path).catch(ignoreMissing);
      removed++;
    }
  }
  return removed;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
function ignoreMissing(error: unknown): undefined {
  if (isMissing(error)) return undefined;
  throw error;
}
