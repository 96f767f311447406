import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSafeRedirect, safeRedirect } from "./safe-redirect";

const SITE = "https://xiangyun.example";

/**
 * Where a browser goes with a Location header: it drops TAB, CR and LF anywhere and C0 controls and
 * spaces at either end before resolving (WHATWG URL), and reads a backslash as a slash.
 */
function browserTarget(location: string): URL {
  // eslint-disable-next-line no-control-regex -- what a browser strips is control characters
  const cleaned = location.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  return new URL(cleaned, `${SITE}/sign-in`);
}

// Text an attacker would build a redirect from: slashes, backslashes, controls, encoded controls and hosts.
const piece = fc.constantFrom("/", "\\", "\t", "\n", "\r", "\u0000", " ", "%09", "%2F", "%5C", "@", ":", ".", "evil.example", "javascript:", "http:", "https://evil.example", "needs", "?", "#", "\u3000", "\u2028", "é", "电工");
const attack = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(""));

describe("safeRedirect", () => {
  it("refuses a path a browser reads as another host (/<TAB>/evil.example)", () => {
    expect(safeRedirect("/\t/evil.example")).toBe("/");
    expect(safeRedirect("/\t/evil.example", "/account")).toBe("/account");
    expect(isSafeRedirect("/\t/evil.example")).toBe(false);
    for (const to of ["//evil.example", "/\\evil.example", "https://evil.example/", "/\n/evil.example", "/\r\n/evil.example", "/.//evil.example", " //evil.example", "/a\r\nX-Evil: 1"]) {
      expect(safeRedirect(to), JSON.stringify(to)).toBe("/");
    }
  });

  it("keeps a page of this site, with its query", () => {
    expect(safeRedirect("/needs?page=2")).toBe("/needs?page=2");
    expect(safeRedirect("/staff/cases/1234?tab=needs#top")).toBe("/staff/cases/1234?tab=needs#top");
    expect(isSafeRedirect("/account")).toBe(true);
  });

  it("answers a header-safe path of this site for any input (property)", () => {
    fc.assert(
      fc.property(fc.oneof(attack, fc.string({ unit: "binary", maxLength: 40 }), fc.webUrl(), fc.webPath()), (to) => {
        const result = safeRedirect(to, "/fallback");
        expect(isSafeRedirect(result)).toBe(true);
        expect(browserTarget(result).origin).toBe(SITE);
        // Printable ASCII only, so it is a valid Location header value.
        expect(result).toMatch(/^\/[\u0021-\u007e]*$/);
        expect(() => new Headers({ Location: result })).not.toThrow();
        // Whatever passes is exactly what was asked for (normalised), never a silent rewrite to another place.
        if (result !== "/fallback") expect(browserTarget(result).href).toBe(new URL(to, `${SITE}/sign-in`).href);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every path of this site that a link can name (property)", () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        const to = `/${path.replace(/^\/+/, "")}${query ? `?${query}` : ""}`;
        // A path that resolves to "//host" names another site and is refused (see above).
        if (to.includes("\\") || new URL(to, SITE).pathname.startsWith("//")) return;
        expect(new URL(safeRedirect(to), SITE).href).toBe(new URL(to, SITE).href);
      }),
      { numRuns: 1000 },
    );
  });
});
