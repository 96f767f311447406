// Both languages have the same keys in every namespace (plural forms aside): the browser loads the
// page's language only, with no fallback (entry.client), so a key missing in one would show as
// the key there.
import { describe, expect, it } from "vitest";
import { ALL_NAMESPACES, allResources } from "./resources.server";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const keySet = (value: unknown) => [...new Set(keysOf(value).map((key) => key.replace(PLURAL, "")))].sort();

describe("translations", () => {
  it.each(ALL_NAMESPACES)("%s has the same keys in zh-CN and en", (namespace) => {
    expect(keySet(allResources.en[namespace])).toEqual(keySet(allResources["zh-CN"][namespace]));
  });
});
