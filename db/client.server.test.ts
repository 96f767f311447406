import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../tests/database";
import type { DatabaseHandle } from "./client.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the embedded database", () => {
  it("keeps its shared buffers small: they live in the server's own memory", async () => {
    if (handle.driver !== "pglite") throw new Error("this file runs on PGlite only");
    const { rows } = await handle.pglite.query<{ shared_buffers: string }>("show shared_buffers");
    expect(rows[0]?.shared_buffers).toBe("16MB");
  });
});
