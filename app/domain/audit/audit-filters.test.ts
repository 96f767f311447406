import { describe, expect, it } from "vitest";
import { auditFilterQuery, parseAuditFilters } from "./audit-filters";

describe("parseAuditFilters", () => {
  it("reads every filter and the page", () => {
    const params = new URLSearchParams({ action: "membership.remove", actor: " admin ", entity: "membership", entityId: "abc", from: "2026-01-01", to: "2026-01-31", page: "3" });
    expect(parseAuditFilters(params)).toEqual({ action: "membership.remove", actor: "admin", entity: "membership", entityId: "abc", from: "2026-01-01", to: "2026-01-31", page: 3 });
  });
  it("drops what it cannot read", () => {
    expect(parseAuditFilters(new URLSearchParams({ from: "2026-02-30", to: "yesterday", page: "0", action: "" }))).toEqual({ page: 1 });
  });
});

describe("auditFilterQuery", () => {
  it("writes the filters back, with the page only past the first", () => {
    const filters = { action: "auth.sign-in", from: "2026-01-01", page: 1 };
    expect(auditFilterQuery(filters)).toBe("action=auth.sign-in&from=2026-01-01");
    expect(auditFilterQuery(filters, 2)).toBe("action=auth.sign-in&from=2026-01-01&page=2");
  });
});
