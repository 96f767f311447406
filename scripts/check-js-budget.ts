// The JavaScript every public page loads, from the production build (`npm run build` first):
// the client entry and its imports, each matched route's module and imports (the page's
// modulepreload list, from the Remix manifest in build/server/index.js) and the translation
// chunks the entry loads before hydration (the `common` strings and the routes' `handle.i18n`
// namespaces, the larger language counted; files from Vite's manifest, build/.vite/client-manifest.json).
// Sizes are gzip at the level the server compresses with; 1 kB = 1,000 bytes. Exits 1 when a public
// page is over the budget. `--all` also lists the pages that are not public; `--json` prints JSON.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { z } from "zod";

export const BUDGET_BYTES = 120_000;

/**
 * What every page carries (≈ 110 kB for the 404 page): react-dom with the Remix and React Router
 * runtime ≈ 78 kB, i18next ≈ 14.3 kB, the page's language of `common` ≈ 4–5 kB; then each page its
 * own modules and its namespaces' strings. Forms the server alone validates use `useServerForm`
 * (app/ui/server-form.ts) rather than Conform's `useForm`, which would add ≈ 9 kB to the page.
 */
/** Public pages: their example address and the Remix route id of the page. */
export const PUBLIC_PAGES: readonly { url: string; routeId: string }[] = [
  { url: "/", routeId: "routes/_index" },
  { url: "/needs", routeId: "routes/needs._index" },
  { url: "/needs/:ref", routeId: "routes/needs.$ref" },
  { url: "/offers", routeId: "routes/offers._index" },
  { url: "/offers/:ref", routeId: "routes/offers.$ref" },
  { url: "/sign-in", routeId: "routes/sign-in._index" },
  { url: "/sign-in/two-factor", routeId: "routes/sign-in.two-factor" },
  { url: "/forgot-password", routeId: "routes/forgot-password" },
  { url: "/reset-password/:token", routeId: "routes/reset-password.$token" },
  { url: "/invitations/:token", routeId: "routes/invitations.$token" },
  { url: "/apply", routeId: "routes/apply._index" },
  { url: "/apply/submitted", routeId: "routes/apply.submitted" },
  { url: "/apply/status", routeId: "routes/apply.status" },
  { url: "/register", routeId: "routes/register" },
  { url: "/about", routeId: "routes/about" },
  { url: "/transparency", routeId: "routes/transparency" },
  { url: "/impact", routeId: "routes/impact" },
  { url: "/privacy", routeId: "routes/privacy" },
  { url: "/contact", routeId: "routes/contact" },
  { url: "/give", routeId: "routes/give" },
  { url: "/pledges/track", routeId: "routes/pledges.track" },
  { url: "/pledges/receipt", routeId: "routes/pledges.receipt" },
  { url: "/(not found)", routeId: "routes/$" },
];

const LOCALES = ["zh-CN", "en"] as const;
/** Where entry.client imports translations from (its resourcesToBackend), by namespace. */
export function translationSources(namespace: string): string[] {
  return LOCALES.map((locale) => (namespace === "common" ? `app/i18n/${locale}.json?common` : `app/i18n/locales/${locale}/${namespace}.json`));
}

const remixAssetsSchema = z.object({
  entry: z.object({ module: z.string(), imports: z.array(z.string()) }),
  routes: z.record(z.string(), z.object({ parentId: z.string().optional(), module: z.string(), imports: z.array(z.string()).optional() })),
});
export type RemixAssets = z.infer<typeof remixAssetsSchema>;

const viteManifestSchema = z.record(z.string(), z.object({ file: z.string() }));
export type ViteManifest = z.infer<typeof viteManifestSchema>;

const serverRoutesSchema = z.record(z.string(), z.object({ module: z.object({ handle: z.unknown().optional() }) }));

export interface PageScripts {
  /** Files every visitor's browser loads, as public paths ("/assets/…"). */
  files: string[];
  /** Translation namespaces loaded before hydration, each as the files of its languages. */
  translations: { namespace: string; files: string[] }[];
}

/** The route and its ancestors, root first. */
export function routeChain(assets: RemixAssets, routeId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id !== undefined; id = assets.routes[id]?.parentId) {
    if (!assets.routes[id]) throw new Error(`route ${id} is not in the build`);
    chain.unshift(id);
  }
  return chain;
}

export function namespacesOf(handle: unknown): string[] {
  if (typeof handle !== "object" || handle === null || !("i18n" in handle)) return [];
  const { i18n } = handle;
  if (typeof i18n === "string") return [i18n];
  return Array.isArray(i18n) ? i18n.filter((ns): ns is string => typeof ns === "string") : [];
}

export function pageScripts(
  assets: RemixAssets,
  viteManifest: ViteManifest,
  routeId: string,
  handleOf: (routeId: string) => unknown,
): PageScripts {
  const files = new Set([assets.entry.module, ...assets.entry.imports]);
  const namespaces = new Set(["common"]);
  for (const id of routeChain(assets, routeId)) {
    const route = assets.routes[id];
    if (!route) continue;
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
    for (const ns of namespacesOf(handleOf(id))) namespaces.add(ns);
  }
  const translations = [...namespaces].map((namespace) => {
    const chunks = translationSources(namespace).map((source) => viteManifest[source]?.file);
    // A language bundled into the entry has no chunk of its own: its bytes are already counted.
    return { namespace, files: chunks.filter((file): file is string => file !== undefined).map((file) => `/${file}`) };
  });
  return { files: [...files], translations };
}

export interface PageSize {
  url: string;
  routeId: string;
  gzipBytes: number;
  files: number;
}

export function pageSize(scripts: PageScripts, gzipSizeOf: (publicPath: string) => number): number {
  const base = scripts.files.reduce((sum, file) => sum + gzipSizeOf(file), 0);
  const translations = scripts.translations.reduce((sum, { files }) => sum + Math.max(0, ...files.map(gzipSizeOf)), 0);
  return base + translations;
}

async function main(): Promise<number> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const build = join(root, "build");
  let serverBuild: unknown;
  let viteManifestText: string;
  try {
    serverBuild = await import(new URL("../build/server/index.js", import.meta.url).href);
    viteManifestText = readFileSync(join(build, ".vite", "client-manifest.json"), "utf8");
  } catch (error) {
    console.error(`No production build with its Vite manifest (run \`npm run build\`): ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { assets, routes } = z.object({ assets: remixAssetsSchema, routes: serverRoutesSchema }).parse(serverBuild);
  const viteManifest = viteManifestSchema.parse(JSON.parse(viteManifestText));
  const sizes = new Map<string, number>();
  const gzipSizeOf = (publicPath: string) => {
    let size = sizes.get(publicPath);
    if (size === undefined) {
      size = gzipSync(readFileSync(join(build, "client", publicPath))).length;
      sizes.set(publicPath, size);
    }
    return size;
  };
  const measure = (url: string, routeId: string): PageSize => {
    const scripts = pageScripts(assets, viteManifest, routeId, (id) => routes[id]?.module.handle);
    const gzipBytes = pageSize(scripts, gzipSizeOf);
    return { url, routeId, gzipBytes, files: scripts.files.length + scripts.translations.length };
  };

  const pages = PUBLIC_PAGES.map(({ url, routeId }) => measure(url, routeId));
  const others = process.argv.includes("--all")
    ? Object.keys(assets.routes)
        .filter((id) => id !== "root" && !PUBLIC_PAGES.some((page) => page.routeId === id))
        .map((id) => measure("(not public)", id))
    : [];
  const failing = pages.filter((page) => page.gzipBytes > BUDGET_BYTES);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify({ budgetBytes: BUDGET_BYTES, pages, others, failing: failing.map((page) => page.url) }, null, 2));
  } else {
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(9);
    console.log(`JavaScript per public page, gzip (budget ${kB(BUDGET_BYTES).trim()}):`);
    for (const page of [...pages, ...others]) {
      const isPublic = pages.includes(page);
      const mark = isPublic && page.gzipBytes > BUDGET_BYTES ? "  FAIL" : "";
      console.log(`${kB(page.gzipBytes)}  ${String(page.files).padStart(2)} files  ${page.url.padEnd(24)} ${page.routeId}${mark}`);
    }
    console.log(
      failing.length
        ? `${failing.length} public page(s) over the ${kB(BUDGET_BYTES).trim()} budget.`
        : `Every public page (${pages.length}) is within the ${kB(BUDGET_BYTES).trim()} budget.`,
    );
  }
  return failing.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
