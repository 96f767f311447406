// A failed query must reach the log as its codes only: drizzle's message lists every parameter
// (here an email, a phone number and a story with a NUL byte, which PostgreSQL refuses).
import { sql } from "drizzle-orm";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.server";
import { createTestDatabase } from "../tests/database";
import { createLogger } from "./logger.server";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination: stream }), lines };
}

describe("error logging", () => {
  it("logs a failed query by its SQLSTATE and frames, never its parameters", async () => {
    const params = { email: "li.hua.leak@example.org", phone: "13912345678", story: "家里\u0000生病了" };
    const failure = await database.db.execute(sql`select ${params.email}::text, ${params.phone}::text, ${params.story}::text`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const { logger, lines } = memoryLogger();
    logger.error({ err: failure }, "request failed");
    logger.error(failure);
    logger.error({ err: failure });
    logger.flush();
    const logged = lines.join("");
    for (const value of [params.email, params.phone, "生病了", "\\u0000"]) expect(logged).not.toContain(value);
    expect(logged).not.toContain("Failed query");
    const line = JSON.parse(lines[0] ?? "{}") as { err?: { type?: string; cause?: { code?: string }; frames?: string[] } };
    expect(line.err?.type).toBe("DrizzleQueryError");
    // 22021: character_not_in_repertoire (PostgreSQL refuses NUL in text).
    expect(line.err?.cause?.code).toBe("22021");
    expect(line.err?.frames?.length).toBeGreaterThan(0);
  });

  it("drops the message of any error, which may quote what a visitor sent", () => {
    const { logger, lines } = memoryLogger();
    logger.warn({ err: new TypeError('Headers.set: "/a\r\nX-Evil:1" is an invalid header value.') }, "failed");
    logger.flush();
    expect(lines.join("")).not.toContain("X-Evil");
    expect(lines.join("")).toContain('"type":"TypeError"');
  });
});
