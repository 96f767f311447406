// Every action code the audit log records reads as words in both languages on /staff/audit and the
// dashboard (e.g. "case.register" → 登记家庭 / Household registered), and every code recordAudit is
// called with is in the vocabulary (TypeScript enforces it; this scan catches a code typed as string).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allResources } from "../../i18n/resources.server";
import { AUDIT_ACTIONS } from "./audit-actions";

function labelOf(lng: "en" | "zh-CN", code: string): unknown {
  let node: unknown = allResources[lng].audit;
  for (const part of ["actions", ...code.split(".")]) node = typeof node === "object" && node !== null ? Reflect.get(node, part) : undefined;
  return node;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("audit action labels", () => {
  it("name case.register 登记家庭 in Chinese and Household registered in English", () => {
    expect(labelOf("zh-CN", "case.register")).toBe("登记家庭");
    expect(labelOf("en", "case.register")).toBe("Household registered");
  });

  for (const code of AUDIT_ACTIONS) {
    it(`translate ${code} in both languages`, () => {
      const zh = labelOf("zh-CN", code);
      const en = labelOf("en", code);
      expect(typeof zh === "string" && /\p{Script=Han}/u.test(zh), `zh-CN label of ${code}`).toBe(true);
      expect(typeof en === "string" && en.length > 0 && en !== code, `en label of ${code}`).toBe(true);
    });
  }

  it("cover every code that recordAudit is called with", () => {
    const used = new Set<string>();
    for (const file of ["app", "cli", "server", "db", "search"].flatMap(sourceFiles)) {
      const text = readFileSync(file, "utf8");
      if (!text.includes("recordAudit")) continue;
      for (const match of text.matchAll(/\baction: "([a-z-]+\.[a-z-]+)"/g)) used.add(match[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(20);
    const known = new Set<string>(AUDIT_ACTIONS);
    expect([...used].filter((code) => !known.has(code))).toEqual([]);
  });
});
