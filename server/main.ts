// The Xiangyun web server: Express with compression, security headers and a per-request CSP nonce,
// structured logs, /healthz, and the Remix request handler (built, or Vite middleware with --dev).
// The two halves of @remix-run/express's handler (not re-exported by its index; the version is pinned).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants as zlibConstants } from "node:zlib";
import { pinoHttp } from "pino-http";
import { crossSiteRefusal } from "../app/domain/security/same-origin";
import { ConfigError, loadConfig } from "../app/env.server";
import { DataDirInUseError } from "../db/data-dir-lock.server";
import { withDomainErrorPages } from "./domain-error-pages.server";
import { cachedHealth, readHealth } from "./health.server";
import { createLogger, logSerializers } from "./logger.server";
import type { Refusal } from "./refusal-page.server";
import { refusalResponse } from "./refusal-page.server";
import { checkFormBody, findUrlProblem } from "./request-input.server";
import { createRouteNamer } from "./route-names.server";
import { startRuntime } from "./runtime.server";

const isDev = process.argv.includes("--dev");
const startedAt = performance.now();

let config;
try {
  config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? (isDev ? "development" : "production") });
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger({ level: config.LOG_LEVEL });
// The production build loads while the runtime starts (its failure is thrown where it is awaited).
const builtApp = isDev ? null : import(new URL("../build/server/index.js", import.meta.url).href);
builtApp?.catch(() => undefined);
let runtime;
try {
  runtime = await startRuntime({ config, logger, purpose: "web server", seedWhenEmpty: true, runOutboxWorker: true });
} catch (error) {
  if (error instanceof DataDirInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  logger.fatal({ err: error }, "could not start");
  process.exit(1);
}
const rt = runtime;

// Until the build is loaded (and with --dev, where it reloads), a request is named by its path.
let routeNameOf = (pathname: string) => pathname;
const routeNames = new WeakMap<IncomingMessage, string>();
function routeOf(req: IncomingMessage): string {
  let name = routeNames.get(req);
  if (name === undefined) {
    name = routeNameOf((req.url ?? "/").split("?")[0] ?? "/");
    routeNames.set(req, name);
  }
  return name;
}

const app = express();
app.disable("x-powered-by");
// The client's address (rate limits, audit rows) is the socket's unless TRUST_PROXY names the proxy
// in front: only then is X-Forwarded-For believed.
app.set("trust proxy", config.TRUST_PROXY);
// Brotli (what browsers ask for first) with a 256 kB window instead of 4 MB: a response's encoder
// allocates and clears its window, which for a 40 kB page cost more than compressing it; the pages
// are smaller than the window, so they compress to the same bytes.
app.use(compression({ brotli: { params: { [zlibConstants.BROTLI_PARAM_LGWIN]: 18 } } }));
app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'strict-dynamic'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${nonceOf(res)}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: isDev ? ["'self'", "ws:"] : ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Other sites learn at most our origin; same-origin requests keep their Origin header.
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: config.NODE_ENV === "production" ? undefined : false,
  }),
);
app.use(
  pinoHttp({
    logger,
    // Static files and health checks would drown the log.
    autoLogging: { ignore: (req) => req.url === "/healthz" || (req.url ?? "").startsWith("/assets/") },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    // Method, route and status only: no path (tokens), no query string (what a visitor typed), no
    // headers (cookies), never a body; errors by their codes (logger.server.ts).
    wrapSerializers: false,
    serializers: {
      ...logSerializers,
      req: (req: { method: string }) => ({ method: req.method }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => ({ route: routeOf(req) }),
  }),
);

// Cross-site POSTs are refused before any action runs (SameSite=Lax cookies are the second line).
app.use((req, res, next) => {
  const refusal = crossSiteRefusal({
    method: req.method,
    host: req.get("x-forwarded-host") ?? req.headers.host,
    origin: req.headers.origin,
    secFetchSite: req.get("sec-fetch-site"),
  });
  if (!refusal) return next();
  req.log.warn({ refusal }, "cross-site request refused");
  res.status(403).set("Cache-Control", "no-store").type("text/plain").send("Cross-site request refused.");
});

// A path or query no link of ours makes (control characters, bytes that are not UTF-8, a redirectTo
// off the site) is refused before any route or static file sees it; form bodies are checked the same
// way before any action runs (below).
app.use((req, res, next) => {
  const problem = findUrlProblem(req.url);
  if (problem) refuse(req, res, problem).catch(next);
  else next();
});

// Whatever a signed-in person is shown stays out of every cache: a response to a request with a
// session cookie, or one that sets it, is no-store (public pages otherwise allow a short cache).
const SESSION_COOKIE = /(^|;\s*)(__Host-)?xy_session=/;
app.use((req, res, next) => {
  const writeHead = res.writeHead;
  const hadSession = SESSION_COOKIE.test(req.headers.cookie ?? "");
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
    const setCookie = String(res.getHeader("set-cookie") ?? "");
    if (hadSession || setCookie.includes("xy_session=")) res.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
});

const currentHealth = cachedHealth(() => readHealth(rt));
app.get("/healthz", async (_req, res) => {
  const health = await currentHealth();
  res.status(health.status === "ok" ? 200 : 503).set("Cache-Control", "no-store").json(health);
});

let build: ServerBuild | (() => Promise<ServerBuild>);
if (isDev) {
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  app.use(vite.middlewares);
  build = async () => {
    const module: unknown = await vite.ssrLoadModule("virtual:remix/server-build");
    return withDomainErrorPages(module as ServerBuild); // The module is the server build by Remix's contract.
  };
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // The client build's other files and folders (favicon.svg, what public/ holds) are looked up on
  // disk only for paths that start with one of their names: a page's path costs no file-system call.
  const clientFiles = new Set(readdirSync("build/client"));
  const serveClientFile = express.static("build/client", { maxAge: "1h" });
  app.use((req, res, next) => (clientFiles.has(firstSegment(req.path)) ? serveClientFile(req, res, next) : next()));
  build = withDomainErrorPages((await builtApp) as ServerBuild);
  routeNameOf = createRouteNamer(build.routes);
}

// @remix-run/express's handler, with the form check between the request and Remix: a body with
// unreadable text, an off-site redirectTo or no form at all is refused before any action runs, so
// nothing is counted against a limit or written. The API reads no bodies and answers for itself.
const handleRemixRequest = createRequestHandler(build, isDev ? "development" : "production");
app.all("*", async (req, res, next) => {
  try {
    const request = createRemixRequest(req, res);
    const checked = req.path.startsWith("/api/") ? { request } : await checkFormBody(request);
    if ("problem" in checked) return await refuse(req, res, checked.problem);
    const response = await handleRemixRequest(checked.request, { runtime: rt, cspNonce: nonceOf(res), clientIp: req.ip ?? "", log: req.log });
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

// What reaches Express's own error handling (a static path it cannot decode, a failure in the
// handler above) is answered with a status and a short page, never Express's page with a stack.
app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
  const declared = error && typeof error === "object" && "status" in error && typeof error.status === "number" ? error.status : 500;
  const status = declared >= 400 && declared < 600 ? declared : 500;
  req.log[status >= 500 ? "error" : "warn"]({ err: error }, "request failed");
  if (res.headersSent) {
    res.destroy();
    return;
  }
  refuse(req, res, status >= 500 ? "server-error" : "bad-request", status).catch(() => res.destroy());
});

const server = app.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  if (!config.PUBLIC_URL) rt.publicUrl = `http://localhost:${port}`;
  logger.info({ port, startupMs: Math.round(performance.now() - startedAt) }, `Xiangyun is listening on http://localhost:${port}`);
});

let stopping = false;
async function shutdown(signal: string, code = 0) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  server.close();
  server.closeAllConnections();
  await rt.stop().catch((error: unknown) => logger.error({ err: error }, "could not stop cleanly"));
  logger.flush();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("uncaughtException", (error) => {
  logger.fatal({ err: error }, "uncaught exception");
  void shutdown("uncaughtException", 1);
});

async function refuse(req: express.Request, res: express.Response, refusal: Refusal, status?: number): Promise<void> {
  if (refusal !== "server-error" && refusal !== "bad-request") req.log.warn({ refusal }, "input refused");
  await sendRemixResponse(res, await refusalResponse({ path: req.path, cookie: req.headers.cookie, acceptLanguage: req.headers["accept-language"] }, refusal, status));
}

/** "/favicon.svg" → "favicon.svg", "/assets/x.js" → "assets", decoded as the static files are named. */
function firstSegment(path: string): string {
  const segment = path.split("/")[1] ?? "";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function nonceOf(res: ServerResponse): string {
  const locals: unknown = "locals" in res ? res.locals : undefined;
  if (locals && typeof locals === "object" && "cspNonce" in locals && typeof locals.cspNonce === "string") return locals.cspNonce;
  return "";
}
