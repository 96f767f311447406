// The OpenAPI 3.1 document of the public API, served at /api/v1/openapi.json (DESIGN §7). Written
// as data; parameter enums come from the vocabulary constants and the schemas from the zod schemas
// the routes answer with (public-schemas.ts), so the document cannot describe another API.
import { z } from "zod";
import { CASE_TIERS } from "../domain/cases/case-vocabulary";
import { DEFAULT_SUGGESTIONS } from "../domain/matching/matching-filters";
import { NEED_CATEGORIES } from "../domain/needs/need-category";
import { ORGANISATION_KINDS } from "../domain/organisations/organisation-vocabulary";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, NEED_SORTS, OFFER_SORTS } from "../domain/search/search-link";
import { IMPACT_SCHEMA_ID } from "./impact-schemas";
import type { OpenApiDocument, ParameterObject, ResponseObject, SchemaObject } from "./openapi-types";
import { apiSchemas } from "./public-schemas";

export const API_BASE = "/api/v1";
/** The most suggestions one API request may ask for. */
export const MAX_API_SUGGESTIONS = 20;

/** The registered zod schemas as component schemas, referring to each other by $ref. */
function componentSchemas(): Record<string, SchemaObject> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}`, io: "output", unrepresentable: "throw" });
  // $schema is the document's dialect already, and an $id may not be a fragment.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
}

const ref = (kind: "schemas" | "responses" | "parameters" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });
const listOf = (values: readonly string[], description: string): ParameterObject["schema"] => ({ type: "array", items: { type: "string", enum: [...values] }, description });
const repeatable = (name: string, values: readonly string[], description: string): ParameterObject => ({
  name,
  in: "query",
  description: `${description} Repeat the parameter (or separate values by commas) to accept any of several.`,
  style: "form",
  explode: true,
  schema: listOf(values, description),
});

const parameters = {
  q: { name: "q", in: "query", description: "Words to search for. Chinese is segmented; synonyms (电工 · 水电工 · electrician) and typos are understood.", schema: { type: "string", maxLength: MAX_QUERY_LENGTH } },
  needCategory: repeatable("category", NEED_CATEGORIES, "Only needs of these categories."),
  offerCategory: repeatable("category", NEED_CATEGORIES, "Only offers of these categories."),
  urgency: repeatable("urgency", CASE_TIERS, "Only needs of these urgencies (the household's hardship tier)."),
  kind: repeatable("kind", ORGANISATION_KINDS, "Only offers from organisations of these kinds."),
  needRegion: { name: "region", in: "query", description: "A region code: needs in that region or below it.", schema: { type: "string", pattern: "^(\\d{2}|\\d{4}|\\d{6})$" }, example: "5329" },
  offerRegion: {
    name: "region",
    in: "query",
    description: "A region code: offers available there, i.e. covering it, a region inside it, or a region around it (an offer for 53 is available in 5329).",
    schema: { type: "string", pattern: "^(\\d{2}|\\d{4}|\\d{6})$" },
    example: "532923",
  },
  money: { name: "money", in: "query", description: "yes: only needs with a target amount; no: only needs without.", schema: { type: "string", enum: ["yes", "no"] } },
  needSort: { name: "sort", in: "query", description: "Default: relevance with q, newest without (relevance needs words).", schema: { type: "string", enum: [...NEED_SORTS] } },
  offerSort: {
    name: "sort",
    in: "query",
    description: "Default: relevance with q, newest without. closing: soonest end date first, open-ended offers last. At comparable relevance public entitlements come first.",
    schema: { type: "string", enum: [...OFFER_SORTS] },
  },
  page: { name: "page", in: "query", description: "Page number; a page beyond the last answers an empty list.", schema: { type: "integer", minimum: 1, default: 1 } },
  pageSize: { name: "pageSize", in: "query", description: "Results per page.", schema: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
  needRef: { name: "ref", in: "path", required: true, description: "A need's public reference.", schema: { type: "string", pattern: "^N-[2-9A-HJKMNP-TV-Z]{7}$" }, example: "N-7K3Q9MX" },
  impactRegion: {
    name: "region",
    in: "query",
    description: "A province (2 digits) or prefecture (4 digits) code; without it, the whole site. Counties hold too few households to publish.",
    schema: { type: "string", pattern: "^(\\d{2}|\\d{4})$" },
    example: "5329",
  },
  offerRef: { name: "ref", in: "path", required: true, description: "An offer's public reference.", schema: { type: "string", pattern: "^O-[2-9A-HJKMNP-TV-Z]{7}$" }, example: "O-4HW2K8P" },
} satisfies Record<string, ParameterObject>;

const parameterRefs = (...names: (keyof typeof parameters)[]) => names.map((name) => ref("parameters", name));
const cachedHeaders = { ETag: ref("headers", "ETag"), "Cache-Control": ref("headers", "CacheControl"), "Access-Control-Allow-Origin": ref("headers", "AllowOrigin") };
const ok = (description: string, schema: string): ResponseObject => ({
  description,
  headers: cachedHeaders,
  content: { "application/json": { schema: ref("schemas", schema) } },
});
const failure = (description: string): ResponseObject => ({
  description,
  headers: { "Cache-Control": { description: "Errors are never cached", schema: { type: "string", const: "no-store" } }, "Access-Control-Allow-Origin": ref("headers", "AllowOrigin") },
  content: { "application/json": { schema: ref("schemas", "Error") } },
});

/** The OpenAPI document of the public API. */
export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Xiangyun (祥云) public API",
    version: "1.0.0",
    description: [
      "Read-only access to the anonymised needs of workers in hardship and to the offers of help, as shown on the site.",
      "Only the public projection of a need or offer is ever returned. Answers may be cached for 60 seconds and carry a weak ETag (send If-None-Match for a 304).",
      "Any origin may call the API (CORS). Methods other than GET, HEAD and OPTIONS answer 405; unknown paths under /api/ answer 404, both with an Error body.",
    ].join("\n\n"),
  },
  jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
  servers: [{ url: "/" }],
  tags: [
    { name: "needs", description: "Published needs" },
    { name: "offers", description: "Offers of help: jobs, training, grants, services, public entitlements" },
    { name: "impact", description: "Aggregate figures with small cells hidden, so that no household can be singled out" },
  ],
  paths: {
    [`${API_BASE}/needs`]: {
      get: {
        operationId: "listNeeds",
        summary: "Search published needs",
        tags: ["needs"],
        parameters: parameterRefs("q", "needCategory", "urgency", "needRegion", "money", "needSort", "page", "pageSize"),
        responses: { "200": ok("One page of needs, with facet counts and links", "NeedList"), "304": ref("responses", "NotModified"), "400": ref("responses", "BadRequest"), "500": ref("responses", "InternalError") },
      },
    },
    [`${API_BASE}/needs/{ref}`]: {
      get: {
        operationId: "getNeed",
        summary: "One published need",
        tags: ["needs"],
        parameters: parameterRefs("needRef"),
        responses: { "200": ok("The need", "NeedItem"), "304": ref("responses", "NotModified"), "404": ref("responses", "NotFound"), "500": ref("responses", "InternalError") },
      },
    },
    [`${API_BASE}/needs/{ref}/suggestions`]: {
      get: {
        operationId: "getNeedSuggestions",
        summary: "Offers that could help a published need, ranked, with the reasons",
        description:
          "Only offers that pass every hard rule: open, valid today, with places left, from a verified organisation, covering the need's county (an offer for 53 covers 532923), in a compatible category. At comparable relevance public entitlements come first (policy).",
        tags: ["needs"],
        parameters: [...parameterRefs("needRef"), { name: "limit", in: "query", description: "How many suggestions.", schema: { type: "integer", minimum: 1, maximum: MAX_API_SUGGESTIONS, default: DEFAULT_SUGGESTIONS } }],
        responses: {
          "200": ok("The suggestions, best first", "OfferSuggestionList"),
          "304": ref("responses", "NotModified"),
          "400": ref("responses", "BadRequest"),
          "404": ref("responses", "NotFound"),
          "500": ref("responses", "InternalError"),
        },
      },
    },
    [`${API_BASE}/offers`]: {
      get: {
        operationId: "listOffers",
        summary: "Search open offers",
        tags: ["offers"],
        parameters: parameterRefs("q", "offerCategory", "kind", "offerRegion", "offerSort", "page", "pageSize"),
        responses: { "200": ok("One page of offers, with facet counts and links", "OfferList"), "304": ref("responses", "NotModified"), "400": ref("responses", "BadRequest"), "500": ref("responses", "InternalError") },
      },
    },
    [`${API_BASE}/offers/{ref}`]: {
      get: {
        operationId: "getOffer",
        summary: "One offer (open, paused or closed)",
        tags: ["offers"],
        parameters: parameterRefs("offerRef"),
        responses: { "200": ok("The offer", "OfferItem"), "304": ref("responses", "NotModified"), "404": ref("responses", "NotFound"), "500": ref("responses", "InternalError") },
      },
    },
    [`${API_BASE}/impact`]: {
      get: {
        operationId: "getImpact",
        summary: "What the site's work adds up to: households helped, needs, matches and money, for the site, a province or a prefecture",
        description:
          "Every count of fewer than 5 households is hidden, and so are the figures that would let a reader work one out by subtraction (a total minus the other cells, a province minus its other prefectures). Money is shown only for regions where at least 5 households were helped.",
        tags: ["impact"],
        parameters: parameterRefs("impactRegion"),
        responses: {
          "200": ok("The region's figures", IMPACT_SCHEMA_ID),
          "304": ref("responses", "NotModified"),
          "400": ref("responses", "BadRequest"),
          "404": failure("No province or prefecture has this code (code not_found)"),
          "500": ref("responses", "InternalError"),
        },
      },
    },
    [`${API_BASE}/openapi.json`]: {
      get: {
        operationId: "getOpenApiDocument",
        summary: "This document",
        responses: { "200": { description: "The OpenAPI document", headers: cachedHeaders, content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
  components: {
    schemas: componentSchemas(),
    parameters,
    responses: {
      NotModified: { description: "Not modified: the ETag sent in If-None-Match is current", headers: cachedHeaders },
      BadRequest: failure("A query parameter is invalid (code invalid_parameter, with the problems)"),
      NotFound: failure("No public need or offer has this reference (code not_found)"),
      InternalError: failure("Something failed on the server (code internal_error)"),
    },
    headers: {
      ETag: { description: "Weak validator of the body", schema: { type: "string", pattern: '^W/".+"$' } },
      CacheControl: { description: "Public data: shared caches may keep it for 60 seconds", schema: { type: "string", const: "public, max-age=60" } },
      AllowOrigin: { description: "Public read-only data: any origin may read it", schema: { type: "string", const: "*" } },
    },
  },
};
