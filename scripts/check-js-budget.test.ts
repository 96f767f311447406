import { describe, expect, it } from "vitest";
import type { RemixAssets, ViteManifest } from "./check-js-budget";
import { PUBLIC_PAGES, namespacesOf, pageScripts, pageSize, routeChain } from "./check-js-budget";

const assets: RemixAssets = {
  entry: { module: "/assets/entry.js", imports: ["/assets/react.js", "/assets/i18next.js"] },
  routes: {
    root: { module: "/assets/root.js", imports: ["/assets/react.js", "/assets/chrome.js"] },
    "routes/sign-in._index": { parentId: "root", module: "/assets/sign-in.js", imports: ["/assets/form.js", "/assets/react.js"] },
  },
};
const viteManifest: ViteManifest = {
  "app/i18n/zh-CN.json?common": { file: "assets/zh-CN.js" },
  "app/i18n/en.json?common": { file: "assets/en.js" },
  "app/i18n/locales/zh-CN/auth.json": { file: "assets/auth-zh.js" },
  "app/i18n/locales/en/auth.json": { file: "assets/auth-en.js" },
};
const handles: Record<string, unknown> = { root: { i18n: "common" }, "routes/sign-in._index": { i18n: ["auth"] } };

describe("the public JavaScript budget", () => {
  it("walks a route up to the root and refuses a route the build lacks", () => {
    expect(routeChain(assets, "routes/sign-in._index")).toEqual(["root", "routes/sign-in._index"]);
    expect(() => routeChain(assets, "routes/gone")).toThrow(/routes\/gone is not in the build/);
  });

  it("reads a handle's namespaces as a string or a list", () => {
    expect(namespacesOf({ i18n: "auth" })).toEqual(["auth"]);
    expect(namespacesOf({ i18n: ["auth", 3, "account"] })).toEqual(["auth", "account"]);
    expect(namespacesOf(undefined)).toEqual([]);
  });

  it("counts the entry, every route module and import once, and the larger language of each namespace", () => {
    const scripts = pageScripts(assets, viteManifest, "routes/sign-in._index", (id) => handles[id]);
    expect(scripts.files.sort()).toEqual(
      ["/assets/entry.js", "/assets/react.js", "/assets/i18next.js", "/assets/root.js", "/assets/chrome.js", "/assets/sign-in.js", "/assets/form.js"].sort(),
    );
    expect(scripts.translations).toEqual([
      { namespace: "common", files: ["/assets/zh-CN.js", "/assets/en.js"] },
      { namespace: "auth", files: ["/assets/auth-zh.js", "/assets/auth-en.js"] },
    ]);
    const sizes: Record<string, number> = { "/assets/zh-CN.js": 60, "/assets/en.js": 50, "/assets/auth-zh.js": 7, "/assets/auth-en.js": 8 };
    expect(pageSize(scripts, (file) => sizes[file] ?? 100)).toBe(7 * 100 + 60 + 8);
  });

  it("names each public page once, the donor's pages among them", () => {
    const routeIds = PUBLIC_PAGES.map((page) => page.routeId);
    expect(new Set(routeIds).size).toBe(routeIds.length);
    expect(routeIds).toEqual(expect.arrayContaining(["routes/give", "routes/pledges.track", "routes/pledges.receipt", "routes/sign-in._index", "routes/needs.$ref"]));
  });
});
