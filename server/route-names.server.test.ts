import { describe, expect, it } from "vitest";
import { createRouteNamer } from "./route-names.server";

const route = (id: string, options: { parentId?: string; path?: string; index?: boolean }) => ({ id, ...options });
const routes = Object.fromEntries(
  [
    route("root", { path: "" }),
    route("routes/_index", { parentId: "root", index: true }),
    route("routes/needs._index", { parentId: "root", path: "needs", index: true }),
    route("routes/needs.$ref", { parentId: "root", path: "needs/:ref" }),
    route("routes/reset-password.$token", { parentId: "root", path: "reset-password/:token" }),
    route("routes/api.$", { parentId: "root", path: "api/*" }),
    route("routes/staff", { parentId: "root", path: "staff" }),
    route("routes/staff._index", { parentId: "routes/staff", index: true }),
    route("routes/staff.reports", { parentId: "routes/staff", path: "reports" }),
    route("routes/$", { parentId: "root", path: "*" }),
  ].map((r) => [r.id, r]),
);

describe("route names for the log", () => {
  const nameOf = createRouteNamer(routes);

  it("names the route, not the path with its token", () => {
    expect(nameOf("/reset-password/Zm9vYmFyc2VjcmV0dG9rZW4")).toBe("routes/reset-password.$token");
    expect(nameOf("/needs/N-7K3Q9MX")).toBe("routes/needs.$ref");
    expect(nameOf("/needs")).toBe("routes/needs._index");
    expect(nameOf("/")).toBe("routes/_index");
  });

  it("names nested routes by their own paths and by paths the router reads the same way", () => {
    expect(nameOf("/staff")).toBe("routes/staff._index");
    expect(nameOf("/staff/reports")).toBe("routes/staff.reports");
    expect(nameOf("/staff/reports/")).toBe("routes/staff.reports");
    expect(nameOf("/STAFF/Reports")).toBe("routes/staff.reports");
    expect(nameOf("/staff/reports.data")).toBe("routes/staff.reports");
  });

  it("names single-fetch data requests like their pages, and anything else by the splat", () => {
    expect(nameOf("/needs/N-7K3Q9MX.data")).toBe("routes/needs.$ref");
    expect(nameOf("/_root.data")).toBe("routes/_index");
    expect(nameOf("/api/v2/whatever")).toBe("routes/api.$");
    expect(nameOf("/no/such/page")).toBe("routes/$");
    // Without a console warning that would carry the path.
    expect(nameOf("/needs/%FF%FE")).toBe("undecodable");
  });
});
