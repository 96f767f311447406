// Debian's Chromium driven by playwright-core (test tools cannot download browsers here).
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A made-up client address for one simulated visitor (TEST-NET-2, never routed). */
export function testClientAddress(): string {
  return `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
}

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * The run's Chromium (tests/e2e/global-setup.ts). A file opens contexts of its own on it; closing
 * the returned Browser closes them and disconnects, and leaves the browser running for the next file.
 */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject("browserWsEndpoint"));
}

/**
 * Resolves once React has hydrated `element` and handles its events. Typing or clicking before that
 * reaches only the server's HTML: a form posts without JavaScript, a search box runs no search.
 * React attaches a node's props while it hydrates but handles its events only once the hydration
 * has committed, when its root (Remix hydrates the document) holds no server HTML still to be
 * claimed (React 18's root state, `isDehydrated`). The locator is found again at each look: a node
 * React replaced never gets its props, and a wait on it would last until the test's own timeout.
 */
export async function hydrated(element: Locator, timeoutMs = 20_000): Promise<void> {
  const isHydrated = (el: Element) => {
    const container = Object.entries(document).find(([key]) => key.startsWith("__reactContainer$"))?.[1] as { stateNode?: { current?: { memoizedState?: { isDehydrated?: boolean } } } } | undefined;
    return Object.keys(el).some((key) => key.startsWith("__reactProps")) && container?.stateNode?.current?.memoizedState?.isDehydrated === false;
  };
  const until = Date.now() + timeoutMs;
  while (!(await element.evaluate(isHydrated))) {
    if (Date.now() > until) throw new Error(`${element.toString()} on ${element.page().url()} was not hydrated in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A fresh context (cookies, language, JavaScript on or off) on the test server, or on `baseUrl` (a test's own server). */
export async function openPage(browser: Browser, options: { locale?: "zh-CN" | "en"; javaScript?: boolean; width?: number; baseUrl?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: options.baseUrl ?? inject("baseUrl"),
    locale: options.locale ?? "zh-CN",
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    // Each context is another visitor: the server (trust proxy 1) counts rate limits per address,
    // and every test would otherwise come from 127.0.0.1.
    extraHTTPHeaders: { "X-Forwarded-For": testClientAddress() },
  });
  const page = await context.newPage();
  return { context, page };
}
