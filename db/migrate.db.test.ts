import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../tests/database";
import type { DatabaseHandle } from "./client.server";
import { migrateDatabase } from "./migrate.server";
import { regions } from "./schema/regions";
import { eq } from "drizzle-orm";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("migrations", () => {
  it("create every table of the foundation", async () => {
    const rows = await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    const names = JSON.stringify(rows);
    for (const table of ["cases", "needs", "offers", "organisations", "regions", "search_outbox"]) expect(names).toContain(`"${table}"`);
  });

  it("are safe to run again", async () => {
    await expect(migrateDatabase(handle)).resolves.toBeUndefined();
  });

  it("load the GB/T 2260 regions with ancestor paths", async () => {
    const [xiangyun] = await handle.db.select().from(regions).where(eq(regions.code, "532923"));
    expect(xiangyun).toMatchObject({ nameZh: "祥云县", level: "county", parentCode: "5329", path: ["53", "5329", "532923"] });
  });

  it("let the database refuse values TypeScript would refuse", async () => {
    await expect(
      handle.db.execute(sql`insert into regions (code, name_zh, name_en, level, path) values ('99', 'x', 'x', 'planet', '{99}')`),
    ).rejects.toThrow();
  });
});
