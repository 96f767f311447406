import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./same-origin";

const post = (headers: { origin?: string; secFetchSite?: string; host?: string }) => ({ method: "POST", host: headers.host ?? "xiangyun.example.org", origin: headers.origin, secFetchSite: headers.secFetchSite });

describe("crossSiteRefusal", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossSiteRefusal({ method: "GET", host: "a", origin: "https://evil.example", secFetchSite: "cross-site" })).toBeNull();
  });
  it("lets a same-origin form post through", () => {
    expect(crossSiteRefusal(post({ origin: "https://xiangyun.example.org", secFetchSite: "same-origin" }))).toBeNull();
  });
  it("refuses a post from another site by Sec-Fetch-Site", () => {
    expect(crossSiteRefusal(post({ origin: "https://evil.example", secFetchSite: "cross-site" }))).toMatch(/cross-site/);
    expect(crossSiteRefusal(post({ secFetchSite: "same-site" }))).toMatch(/same-site/);
  });
  it("refuses a post whose Origin is another host, also without Sec-Fetch-Site", () => {
    expect(crossSiteRefusal(post({ origin: "https://evil.example" }))).toMatch(/not this site/);
    expect(crossSiteRefusal(post({ origin: "https://xiangyun.example.org:8443" }))).toMatch(/not this site/);
    expect(crossSiteRefusal(post({ origin: "null" }))).toMatch(/null/);
    expect(crossSiteRefusal(post({ origin: "::garbage" }))).toMatch(/malformed/);
  });
  it("lets a script without browser headers through (it carries no victim's cookies)", () => {
    expect(crossSiteRefusal(post({}))).toBeNull();
  });
  it("trusts Sec-Fetch-Site: same-origin over an Origin of null (a page with a no-referrer policy)", () => {
    expect(crossSiteRefusal(post({ origin: "null", secFetchSite: "same-origin" }))).toBeNull();
  });
  it("accepts a navigation the user typed (Sec-Fetch-Site: none)", () => {
    expect(crossSiteRefusal(post({ secFetchSite: "none" }))).toBeNull();
  });
});
