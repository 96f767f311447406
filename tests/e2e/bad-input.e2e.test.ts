// Input no form sends, over HTTP against the built app: each used to be a 500 (or Express's
// development page with a stack, or a redirect off the site) and is now a 400 in the page's language,
// refused before any action runs, so no rate-limit point is spent and nothing is written.
import { describe, expect, inject, it } from "vitest";
import { RATE_LIMITS } from "../../app/domain/auth/rate-limit.server";
import { fakeResidentId } from "../factories";
import { sameOriginHeaders, signInOverHttp } from "./http-session";

const baseUrl = inject("baseUrl");
let visitor = 0;
/** A client address of its own for each simulated visitor (the server counts limits per address). */
const newAddress = () => `198.18.${Math.floor(++visitor / 250)}.${(visitor % 250) + 1}`;

async function postRaw(path: string, body: string, options: { cookie?: string; address?: string; language?: string } = {}) {
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { ...sameOriginHeaders(baseUrl, options.cookie, options.address ?? newAddress()), "Accept-Language": options.language ?? "zh-CN" },
    body,
  });
  return { status: response.status, location: response.headers.get("Location"), setCookie: response.headers.getSetCookie(), body: await response.text() };
}

function expectNoStack(body: string) {
  expect(body).not.toMatch(/node_modules|\n\s+at |URIError|DrizzleQueryError/);
}

const enc = encodeURIComponent;
function applyForm(story: string, n: number) {
  return `name=${enc("测试申请人")}&idNumber=${fakeResidentId(900 + n, { region: "532923" })}&phone=1390000${String(1000 + n)}&county=532923&whatHappened=${story}&helpNeeded=${enc("医疗帮助")}&consent=on`;
}

describe("input no form sends", () => {
  it("a NUL byte in /apply is a 400 in the page's language, and spends none of the address's attempts", async () => {
    const address = newAddress();
    for (let attempt = 0; attempt <= RATE_LIMITS.publicFormIp.points; attempt++) {
      const refused = await postRaw("/apply", applyForm("%E5%AE%B6%E9%87%8C%00%E7%94%9F%E7%97%85%E4%BA%86", attempt), { address, language: "en" });
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('lang="en"');
      expect(refused.body).toContain("This could not be read");
      expectNoStack(refused.body);
    }
    // Every attempt is still there: the same address can apply.
    const accepted = await postRaw("/apply", applyForm(enc("家里生病了"), 99), { address });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/apply/submitted");
  });

  it("a NUL byte in /register and /account is a 400 in Chinese by default", async () => {
    const register = await postRaw("/register", `kind=charity&name=${enc("测试")}%00&region=532923&description=x&contactName=x&contactEmail=a%40example.org&contactPhone=13900001111&password=long-enough-password`);
    expect(register.status).toBe(400);
    expect(register.body).toContain('lang="zh-CN"');
    expect(register.body).toContain("内容无法读取");
    const donor = await signInOverHttp(baseUrl, "donor@demo.xiangyun.invalid", "xiangyun-demo");
    const account = await postRaw("/account", "intent=profile&displayName=Li%00Hua", { cookie: donor.cookie });
    expect(account.status).toBe(400);
    expect(account.body).toContain("内容无法读取");
    const page = await fetch(new URL("/account", baseUrl), { headers: { Cookie: donor.cookie } }).then((r) => r.text());
    expect(page).not.toContain("Li\u0000Hua");
  });

  it("CR/LF or a TAB in redirectTo is a 400, never a Location off the site, and signs nobody in", async () => {
    const language = await postRaw("/set-language", `locale=en&redirectTo=${enc("/a\r\nX-Evil:1")}`);
    expect(language.status).toBe(400);
    const tab = await postRaw("/set-language", `locale=en&redirectTo=${enc("/\t/evil.example")}`);
    expect(tab.status).toBe(400);
    expect(tab.location).toBeNull();
    const page = await fetch(new URL("/sign-in?redirectTo=%2F%09%2Fevil.example", baseUrl), { redirect: "manual" });
    expect(page.status).toBe(400);
    const signIn = await postRaw("/sign-in", `email=${enc("donor@demo.xiangyun.invalid")}&password=xiangyun-demo&redirectTo=%2F%09%2Fevil.example`);
    expect(signIn.status).toBe(400);
    expect(signIn.location).toBeNull();
    expect(signIn.setCookie.join(";")).not.toContain("xy_session=");
    expect(signIn.body).toContain("这个链接指向站外");
  });

  it("an upload named households=2026.csv is a 400 with a message on the import form", async () => {
    const caseworker = await signInOverHttp(baseUrl, "caseworker@demo.xiangyun.invalid", "xiangyun-demo");
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new File(["姓名,身份证号\n"], "households=2026.csv", { type: "text/csv" }));
    const { "Content-Type": _type, ...headers } = sameOriginHeaders(baseUrl, caseworker.cookie, newAddress());
    const response = await fetch(new URL("/staff/households/import", baseUrl), { method: "POST", redirect: "manual", headers, body: form });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).toContain("请重命名文件");
    expectNoStack(body);
  });

  it("a path with bad percent-encoding (/needs/%FF%FE) is a 400 page without a stack or file paths", async () => {
    const response = await fetch(new URL("/needs/%FF%FE", baseUrl), { headers: { "Accept-Language": "en" } });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).toContain("This could not be read");
    expectNoStack(body);
  });
});
