// The bare baseline of bench/floor.ts: the production build's floor route (20 need cards from
// constants) served by Remix's request handler and nothing else — a plain Node HTTP server, no
// Express, no middleware, no logging, under a root route like Remix's template (a document with
// Meta, Links, ScrollRestoration and Scripts, no loader, no site chrome) and a document entry like
// Remix's template (renderToPipeableStream, all at once for bots) with the one i18next instance
// the cards need to be translated. What our server adds on top of this is the fixed cost measured.
// With --all-routes the build's other routes are there too (none of their code runs for the floor,
// but Remix matches a URL against every route several times per request, so the cost of matching
// grows with their number): the difference between the two is what the size of our route tree costs.
// Prints {"port": N} once listening. Needs `npm run build` (BENCH_ROUTES=true for the floor route).
import type { EntryContext, ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import { Links, Meta, Outlet, RemixServer, Scripts, ScrollRestoration } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { createServer } from "node:http";
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, i18nConfig } from "../app/i18n/config";
import { ALL_NAMESPACES, allResources } from "../app/i18n/resources.server";

const FLOOR_ROUTE = "routes/bench.floor";
const allRoutes = process.argv.includes("--all-routes");
const STREAM_TIMEOUT = 5_000;

// The module is the server build by Remix's contract.
const production = (await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild;
const floor = production.routes[FLOOR_ROUTE];
const root = production.routes.root;
const floorAssets = production.assets.routes[FLOOR_ROUTE];
const rootAssets = production.assets.routes.root;
if (!floor || !root || !floorAssets || !rootAssets) throw new Error(`the build has no ${FLOOR_ROUTE} route: run npm run build`);

const i18n = createInstance();
await i18n.use(initReactI18next).init({ ...i18nConfig, lng: DEFAULT_LOCALE, ns: [...ALL_NAMESPACES], resources: allResources });

function Document() {
  return (
    <html lang={DEFAULT_LOCALE}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <main>
          <Outlet />
        </main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function handleDocumentRequest(request: Request, status: number, headers: Headers, context: EntryContext): Promise<Response> {
  const readyEvent = isbot(request.headers.get("user-agent")) ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={context} url={request.url} abortDelay={STREAM_TIMEOUT} />
      </I18nextProvider>,
      {
        [readyEvent]() {
          const body = new PassThrough();
          headers.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
          pipe(body);
        },
        onShellError: reject,
      },
    );
    setTimeout(abort, STREAM_TIMEOUT + 1000);
  });
}

const build: ServerBuild = {
  ...production,
  // The routes the document's manifest names must be the build's routes.
  assets: { ...production.assets, routes: allRoutes ? production.assets.routes : { root: rootAssets, [FLOOR_ROUTE]: floorAssets } },
  entry: { module: { default: handleDocumentRequest, streamTimeout: STREAM_TIMEOUT } },
  routes: {
    ...(allRoutes ? production.routes : { [FLOOR_ROUTE]: floor }),
    // The production root's id keeps the asset manifest's entries (the same scripts are linked);
    // only its stylesheet link is kept of its module.
    root: { ...root, module: { default: Document, links: root.module.links } },
  },
};
const handle = createRequestHandler(build, "production");

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, { method: req.method, headers, signal });
}

const server = createServer(async (req, res) => {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  try {
    const response = await handle(toRequest(req, controller.signal));
    res.writeHead(response.status, [...response.headers].flat());
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
