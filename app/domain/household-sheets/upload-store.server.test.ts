import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ParsedSheet } from "./read-sheet.server";
import { UPLOAD_LIFETIME_MS, deleteUpload, loadUpload, saveUpload, sweepUploads } from "./upload-store.server";
import { makeTestTempDir } from "../../../tests/temp-dir";

const sheet: ParsedSheet = { format: "csv", headers: ["姓名", "身份证号"], rows: [{ line: 2, cells: ["测试甲", "532923197501019999"], imprecise: [] }] };
const dataDir = () => makeTestTempDir("uploads-");

describe("upload store", () => {
  it("keeps a sheet for its user, encrypted at rest, until it is deleted", async () => {
    const dir = dataDir();
    const token = await saveUpload({ dataDir: dir, userId: "u1", fileName: "户.csv", sheet });
    const files = readdirSync(join(dir, "uploads"));
    expect(files).toHaveLength(1);
    const raw = readFileSync(join(dir, "uploads", files[0] ?? ""));
    expect(raw.includes(Buffer.from("532923197501019999"))).toBe(false);
    expect(raw.includes(Buffer.from("测试甲"))).toBe(false);
    expect(await loadUpload({ dataDir: dir, token, userId: "u1" })).toMatchObject({ fileName: "户.csv", sheet });
    await deleteUpload(dir, token);
    expect(readdirSync(join(dir, "uploads"))).toEqual([]);
    expect(await loadUpload({ dataDir: dir, token, userId: "u1" })).toBeNull();
  });

  it("opens for nobody else and not with a tampered key", async () => {
    const dir = dataDir();
    const token = await saveUpload({ dataDir: dir, userId: "u1", fileName: "s.csv", sheet });
    expect(await loadUpload({ dataDir: dir, token, userId: "u2" })).toBeNull();
    const [id = "", key = ""] = token.split(".");
    const otherKey = `${key[0] === "A" ? "B" : "A"}${key.slice(1)}`;
    expect(await loadUpload({ dataDir: dir, token: `${id}.${otherKey}`, userId: "u1" })).toBeNull();
    expect(await loadUpload({ dataDir: dir, token: "../../etc/passwd", userId: "u1" })).toBeNull();
  });

  it("expires after an hour, and a sweep removes what nobody came back for", async () => {
    const dir = dataDir();
    const now = Date.now();
    const token = await saveUpload({ dataDir: dir, userId: "u1", fileName: "s.csv", sheet, now });
    expect(await loadUpload({ dataDir: dir, token, userId: "u1", now: now + UPLOAD_LIFETIME_MS - 1000 })).not.toBeNull();
    expect(await loadUpload({ dataDir: dir, token, userId: "u1", now: now + UPLOAD_LIFETIME_MS + 1000 })).toBeNull();
    await saveUpload({ dataDir: dir, userId: "u1", fileName: "s.csv", sheet, now });
    expect(await sweepUploads(dir, now + UPLOAD_LIFETIME_MS + 60_000)).toBe(1);
    expect(readdirSync(join(dir, "uploads"))).toEqual([]);
  });
});
