// The OpenAPI document against the code it describes: the public field lists, the query parser
// and the vocabulary constants. A field or parameter added on one side only fails here.
import { describe, expect, it } from "vitest";
import { CASE_TIERS } from "../domain/cases/case-vocabulary";
import { NEED_CATEGORIES } from "../domain/needs/need-category";
import { PUBLIC_NEED_FIELDS } from "../domain/needs/public-need";
import { PUBLIC_OFFER_FIELDS } from "../domain/offers/public-offer";
import { ORGANISATION_KINDS } from "../domain/organisations/organisation-vocabulary";
import { parseNeedSearch, parseOfferSearch } from "../domain/search/search-query";
import { NEED_SORTS, OFFER_SORTS } from "../domain/search/search-link";
import { openApiDocument } from "./openapi";
import type { ParameterObject, SchemaObject } from "./openapi-types";

const { components, paths } = openApiDocument;

/** Follows a local $ref ("#/components/parameters/q") through the document. */
function resolve(pointer: string): unknown {
  return pointer
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, key) => (typeof node === "object" && node !== null && key in node ? Object.entries(node).find(([k]) => k === key)?.[1] : undefined), openApiDocument);
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === "$ref" && typeof value === "string" ? [value] : refsIn(value)));
}

function parametersOf(path: string): ParameterObject[] {
  return (paths[path]?.get.parameters ?? []).map((p) => {
    const found = "$ref" in p ? components.parameters?.[p.$ref.replace("#/components/parameters/", "")] : p;
    if (!found) throw new Error(`unresolved parameter in ${path}`);
    return found;
  });
}

const enumOf = (schema: SchemaObject | undefined): unknown => (schema?.type === "array" && schema.items && typeof schema.items === "object" && !Array.isArray(schema.items) ? schema.items.enum : schema?.enum);

describe("the OpenAPI document", () => {
  it("describes the six endpoints and itself, GET only, with servers at the root", () => {
    expect(Object.keys(paths).sort()).toEqual(["/api/v1/impact", "/api/v1/needs", "/api/v1/needs/{ref}", "/api/v1/needs/{ref}/suggestions", "/api/v1/offers", "/api/v1/offers/{ref}", "/api/v1/openapi.json"]);
    for (const item of Object.values(paths)) expect(Object.keys(item)).toEqual(["get"]);
    expect(openApiDocument.openapi).toBe("3.1.0");
    expect(openApiDocument.servers).toEqual([{ url: "/" }]);
  });

  it("resolves every $ref it contains", () => {
    const refs = refsIn(openApiDocument);
    expect(refs.length).toBeGreaterThan(20);
    for (const pointer of refs) expect(resolve(pointer), pointer).toBeDefined();
  });

  it.each([
    ["PublicNeed", PUBLIC_NEED_FIELDS],
    ["PublicOffer", PUBLIC_OFFER_FIELDS],
  ] as const)("documents exactly the fields of %s, all required, nothing more allowed", (name, fields) => {
    const schema = components.schemas[name];
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual([...fields].sort());
    expect([...(schema?.required ?? [])].sort()).toEqual([...fields].sort());
    expect(schema?.additionalProperties).toBe(false);
  });

  it("lists the vocabulary in the parameters' enums", () => {
    const needs = new Map(parametersOf("/api/v1/needs").map((p) => [p.name, p]));
    const offers = new Map(parametersOf("/api/v1/offers").map((p) => [p.name, p]));
    expect(enumOf(needs.get("category")?.schema)).toEqual([...NEED_CATEGORIES]);
    expect(enumOf(needs.get("urgency")?.schema)).toEqual([...CASE_TIERS]);
    expect(enumOf(needs.get("sort")?.schema)).toEqual([...NEED_SORTS]);
    expect(enumOf(offers.get("category")?.schema)).toEqual([...NEED_CATEGORIES]);
    expect(enumOf(offers.get("kind")?.schema)).toEqual([...ORGANISATION_KINDS]);
    expect(enumOf(offers.get("sort")?.schema)).toEqual([...OFFER_SORTS]);
  });

  it.each([
    ["/api/v1/needs", parseNeedSearch, "q=电工&category=job&urgency=severe&region=5329&money=yes&sort=newest&page=2&pageSize=5"],
    ["/api/v1/offers", parseOfferSearch, "q=电工&category=job&kind=government&region=5329&sort=closing&page=2&pageSize=5"],
  ] as const)("documents every parameter %s reads, and no other", (path, parse, full) => {
    const documented = parametersOf(path).map((p) => p.name).sort();
    const { query } = parse(new URLSearchParams(full), "strict");
    expect(Object.keys(query ?? {}).sort()).toEqual(documented);
    expect(new URLSearchParams(full).size).toBe(documented.length);
  });
});
