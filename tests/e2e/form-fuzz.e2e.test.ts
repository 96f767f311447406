// Every public form action, fuzzed over HTTP against the built app: the forms are read from the
// public pages themselves (so a new form is fuzzed without editing this file), then fast-check sends
// their fields — and others — with long strings, NUL and control characters, bytes that are not
// UTF-8, wrong types (files where text belongs, numbers out of range) and repeated fields, url-encoded
// or multipart. Whatever arrives, the answer is never a 5xx, never a stack, and the server stays up.
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { sameOriginHeaders } from "./http-session";

const baseUrl = inject("baseUrl");
/** Public pages whose forms are fuzzed (every page also carries the language switch). */
const PAGES = ["/", "/apply", "/apply/status", "/register", "/sign-in", "/forgot-password", "/needs", "/offers"];
/** Public actions no page shows a form for without a valid token or a pending sign-in. */
const HIDDEN_ACTIONS: { action: string; fields: string[] }[] = [
  { action: "/reset-password/not-a-token", fields: ["newPassword", "confirmPassword"] },
  { action: "/invitations/not-a-token", fields: ["intent", "name", "password"] },
  { action: "/sign-in/two-factor", fields: ["code", "redirectTo"] },
  { action: "/sign-out", fields: [] },
];
const RUNS = 600;

async function publicForms(): Promise<{ action: string; fields: string[] }[]> {
  const forms = new Map<string, Set<string>>();
  for (const page of PAGES) {
    const html = await fetch(new URL(page, baseUrl)).then((r) => r.text());
    for (const match of html.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
      const action = (match[1] ?? "").replaceAll("&amp;", "&");
      const fields = forms.get(action) ?? new Set<string>();
      for (const name of (match[2] ?? "").matchAll(/name="([^"]+)"/g)) fields.add(name[1] ?? "");
      forms.set(action, fields);
    }
  }
  return [...[...forms].map(([action, fields]) => ({ action, fields: [...fields] })), ...HIDDEN_ACTIONS];
}

// A value as text: what the field expects, junk, or very long.
const text = fc.oneof(
  fc.constantFrom("", "on", "en", "zh-CN", "532923", "5329", "13900001111", "A-2345678", "a@example.org", "/account", "//evil.example", "charity", "accept", "create-account", "profile", "password", "1e309", "-1", "NaN", "null", "[]", "{}", "__proto__", "99999999999999999999999"),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "\t", "\r", "\n", "\u2028", "\ufeff", "\ufffd", "\ud800", "a", "测", "%", "+", "&", "="), maxLength: 30 }),
  fc.tuple(fc.constantFrom("a", "测", "\u0000", "1"), fc.integer({ min: 1_000, max: 300_000 })).map(([unit, n]) => unit.repeat(n)),
);
// Percent-encoded bytes that are not UTF-8 (or not percent-encoding at all), spliced into a value.
const badBytes = fc.constantFrom("%FF", "%FE%FF", "%C0%80", "%ED%A0%80", "%E5%BC", "%80", "%", "%zz", "%0", "%00");

const encode = (value: string) => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "\ufffd"));

interface Case {
  form: number;
  multipart: boolean;
  language: string;
  fields: { name: string; values: { text: string; bad: string | null; file: boolean }[] }[];
}

function caseArbitrary(forms: { action: string; fields: string[] }[]) {
  return fc.integer({ min: 0, max: forms.length - 1 }).chain((form) => {
    const known = forms[form]?.fields ?? [];
    const name = fc.oneof({ weight: 4, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant("intent") }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom("redirectTo", "intent", "locale", "__proto__", "name[]", "a.b.0"), fc.string({ unit: "binary", maxLength: 12 })) });
    const value = fc.record({ text, bad: fc.option(badBytes, { freq: 4 }), file: fc.integer({ min: 0, max: 9 }).map((n) => n < 2) });
    return fc.record({
      form: fc.constant(form),
      multipart: fc.boolean(),
      language: fc.constantFrom("zh-CN", "en", "fr"),
      fields: fc.array(fc.record({ name, values: fc.array(value, { minLength: 1, maxLength: 3 }) }), { maxLength: known.length + 3 }),
    });
  });
}

function urlEncodedBody(fields: Case["fields"]): string {
  return fields.flatMap((field) => field.values.map((value) => `${encode(field.name)}=${encode(value.text)}${value.bad ?? ""}`)).join("&");
}

function multipartBody(fields: Case["fields"]): FormData {
  const form = new FormData();
  for (const field of fields) {
    for (const value of field.values) {
      if (value.file) form.append(field.name, new File([value.text], value.bad ? `x${value.text.slice(0, 20)}.csv` : "households=2026.csv"));
      else form.append(field.name, value.text);
    }
  }
  return form;
}

describe("fuzzing every public form action over HTTP", () => {
  it("answers no request with a 5xx or a stack, and the server stays up", async () => {
    const forms = await publicForms();
    expect(forms.map((f) => f.action)).toEqual(expect.arrayContaining(["/set-language", "/apply", "/apply/status", "/register", "/forgot-password"]));
    let visitor = 0;
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(caseArbitrary(forms), async (testCase) => {
        const action = forms[testCase.form]?.action ?? "/";
        visitor++;
        // Each simulated visitor has its own address (rate limits are per address; TRUST_PROXY=loopback).
        const headers: Record<string, string> = { ...sameOriginHeaders(baseUrl, undefined, `100.64.${Math.floor(visitor / 250)}.${(visitor % 250) + 1}`), "Accept-Language": testCase.language };
        let body: string | FormData = urlEncodedBody(testCase.fields);
        if (testCase.multipart) {
          delete headers["Content-Type"];
          body = multipartBody(testCase.fields);
        }
        const response = await fetch(new URL(action, baseUrl), { method: "POST", redirect: "manual", headers, body });
        const answer = await response.text();
        if (response.status >= 500 || /node_modules|\n\s+at /.test(answer)) {
          failures.push(`${response.status} ${action} ${testCase.multipart ? "multipart" : "urlencoded"}: ${JSON.stringify(testCase.fields).slice(0, 300)}`);
        }
        return response.status < 500;
      }),
      { numRuns: RUNS, endOnFailure: true },
    ).catch((error: unknown) => {
      throw new Error(`${failures.slice(0, 5).join("\n")}\n${String(error)}`);
    });
    expect(failures).toEqual([]);
    expect((await fetch(new URL("/healthz", baseUrl))).status).toBe(200);
  }, 180_000);
});
