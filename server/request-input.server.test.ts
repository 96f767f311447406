import { describe, expect, it } from "vitest";
import { checkFormBody, findUrlProblem, isTypeableText } from "./request-input.server";

function post(body: BodyInit, type: string | null = "application/x-www-form-urlencoded") {
  return new Request("http://localhost/apply", { method: "POST", body, headers: type ? { "Content-Type": type } : {} });
}

const problemOf = async (request: Request) => {
  const checked = await checkFormBody(request);
  return "problem" in checked ? checked.problem : null;
};

describe("the input check before any action", () => {
  it("refuses a NUL byte in a text field, percent-encoded or raw", async () => {
    expect(await problemOf(post("name=%E5%BC%A0%00%E4%B8%89&consent=on"))).toBe("unreadable");
    expect(await problemOf(post(new Uint8Array([0x61, 0x3d, 0x62, 0x00, 0x63])))).toBe("unreadable");
    expect(await problemOf(post("na%00me=x"))).toBe("unreadable");
  });

  it("refuses bytes that are not UTF-8 and other control characters, but keeps tabs and line breaks", async () => {
    expect(await problemOf(post("story=%FF%FE"))).toBe("unreadable");
    expect(await problemOf(post("story=%E5%BC"))).toBe("unreadable");
    expect(await problemOf(post("story=a%1Bb"))).toBe("unreadable");
    expect(await problemOf(post("story=line%0D%0Anext%09tab+and+%E5%BC%A0%25"))).toBeNull();
  });

  it("refuses a redirectTo that leaves the site or carries CR/LF", async () => {
    expect(await problemOf(post("email=a%40b.c&redirectTo=%2F%09%2Fevil.example"))).toBe("off-site-redirect");
    expect(await problemOf(post("locale=en&redirectTo=%2Fa%0D%0AX-Evil%3A1"))).toBe("off-site-redirect");
    expect(await problemOf(post("locale=en&redirectTo=%2Fneeds%3Fpage%3D2"))).toBeNull();
    expect(await problemOf(post("locale=en&redirectTo="))).toBeNull();
  });

  it("hands on the same fields it checked", async () => {
    const checked = await checkFormBody(post("name=%E5%BC%A0%E4%B8%89&tags=a&tags=b"));
    if (!("request" in checked)) throw new Error("refused");
    const form = await checked.request.formData();
    expect(form.get("name")).toBe("张三");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
  });

  it("checks the text fields and file names of a multipart body, not the file's bytes", async () => {
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new File([new Uint8Array([0, 1, 2, 0xff])], "households=2026.csv"));
    expect(await problemOf(new Request("http://localhost/x", { method: "POST", body: form }))).toBeNull();
    const bad = new FormData();
    bad.set("file", new File(["a"], "house\u0000holds.csv"));
    expect(await problemOf(new Request("http://localhost/x", { method: "POST", body: bad }))).toBe("unreadable");
    const nul = new FormData();
    nul.set("name", "a\u0000b");
    expect(await problemOf(new Request("http://localhost/x", { method: "POST", body: nul }))).toBe("unreadable");
  });

  it("refuses a body that is not a form, and one far too large", async () => {
    expect(await problemOf(post("name=x", "text/plain"))).toBe("not-a-form");
    expect(await problemOf(post("{}", "application/json"))).toBe("not-a-form");
    expect(await problemOf(post("", null))).toBe("not-a-form");
    expect(await problemOf(post("garbage", "multipart/form-data; boundary=zz"))).toBe("not-a-form");
    expect(await problemOf(post(`story=${"a".repeat(2 * 1024 * 1024)}`))).toBe("too-large");
  });
});

describe("the path and query check", () => {
  it("refuses bad percent-encoding in a path (/needs/%FF%FE) and control characters", () => {
    expect(findUrlProblem("/needs/%FF%FE")).toBe("unreadable");
    expect(findUrlProblem("/needs/%00")).toBe("unreadable");
    expect(findUrlProblem("/needs?q=%00")).toBe("unreadable");
    expect(findUrlProblem("/needs?q=%E5")).toBe("unreadable");
  });

  it("refuses an off-site redirectTo in the query", () => {
    expect(findUrlProblem("/sign-in?redirectTo=%2F%09%2Fevil.example")).toBe("off-site-redirect");
    expect(findUrlProblem("/sign-in?redirectTo=%0D%0A")).toBe("off-site-redirect");
  });

  it("lets ordinary addresses through", () => {
    expect(findUrlProblem("/")).toBeNull();
    expect(findUrlProblem("/needs?q=%E7%94%B5%E5%B7%A5&page=2")).toBeNull();
    expect(findUrlProblem("/needs?q=a+b%25")).toBeNull();
    expect(findUrlProblem("/sign-in?redirectTo=%2Fstaff%2Fcases%3Fq%3D1")).toBeNull();
    expect(findUrlProblem("/needs/N-7K3Q9MX")).toBeNull();
  });

  it("calls text typeable when a person could have typed it", () => {
    expect(isTypeableText("张三\t\r\n")).toBe(true);
    expect(isTypeableText("a\u0000")).toBe(false);
    expect(isTypeableText("\ufffd")).toBe(false);
  });
});
