import { describe, expect, it } from "vitest";
import { conflict, invalid, notFound } from "../app/domain/errors/domain-error";
import { describeCliError } from "./report-error";

describe("the command line's error message", () => {
  it("names a domain error's kind and message, exit 1 (2 for bad input)", () => {
    expect(describeCliError(notFound("needNotFound", "No such need in your region."))).toEqual({ message: "not found: No such need in your region.", exitCode: 1 });
    expect(describeCliError(conflict("caseChanged", "This household is now exited, not monitored."))).toEqual({ message: "conflict: This household is now exited, not monitored.", exitCode: 1 });
    expect(describeCliError(invalid("--email: not an email address"))).toEqual({ message: "invalid input: --email: not an email address", exitCode: 2 });
  });

  it("prints a thrown Response by its status, never as [object Response]", () => {
    const thrown = new Response("No such need in your region.", { status: 404, statusText: "Not Found" });
    const { message, exitCode } = describeCliError(thrown);
    expect(message).not.toContain("[object Response]");
    expect(message).toBe("failed: HTTP 404 Not Found");
    expect(exitCode).toBe(1);
  });

  it("tells an unexpected error by its class and code, never by a message that lists a query's parameters", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "cases_id_hash_key"'), { code: "23505", constraint: "cases_id_hash_key" });
    const failed = new Error("Failed query: insert into cases values ($1, $2)\nparams: 测试甲,13912345678", { cause });
    const { message, exitCode } = describeCliError(failed);
    expect(message).toContain("23505");
    expect(message).toContain("cases_id_hash_key");
    expect(message).not.toContain("13912345678");
    expect(message).not.toContain("测试甲");
    expect(exitCode).toBe(1);
  });
});
