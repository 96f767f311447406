import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { createInstance } from "i18next";
import type { i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "./i18n/config";
import { i18nServer } from "./i18n/i18next.server";
import { rememberLanguageHierarchy } from "./i18n/language-hierarchy.server";
import { ALL_NAMESPACES, allResources } from "./i18n/resources.server";
import { DocumentStream } from "./document-stream.server";
import { NonceProvider } from "./ui/nonce";

export const streamTimeout = 5_000;

// One i18next instance per language, shared by every render: its language never changes on the
// server, and building one with every namespace on each request cost more than the page itself.
const instances = new Map<string, Promise<i18n>>();
function i18nFor(lng: string): Promise<i18n> {
  let found = instances.get(lng);
  if (!found) {
    const instance = createInstance();
    found = instance
      .use(initReactI18next)
      .init({ ...i18nConfig, lng, ns: [...ALL_NAMESPACES], resources: allResources })
      .then(() => {
        rememberLanguageHierarchy(instance);
        return instance;
      });
    instances.set(lng, found);
  }
  return found;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const i18n = await i18nFor(await i18nServer.getLocale(request));
  const nonce = loadContext.cspNonce;
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent")) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new DocumentStream();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, reject() reports them.
          if (shellRendered) loadContext.log.error({ err: error }, "rendering failed");
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * Unexpected errors of loaders, actions and rendering, logged by their codes and the route (never
 * the message: a failed query's lists its parameters, an email or an applicant's story).
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  // The visitor went away, or Remix answered a 404/405 of its own (the request line logs the status).
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  context.log.error({ err: error }, "request failed");
}
