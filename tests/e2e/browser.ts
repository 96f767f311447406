// Debian's Chromium driven by playwright-core (test tools cannot download browsers here).
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { inject } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A made-up client address for one simulated visitor (TEST-NET-2, never routed). */
export function testClientAddress(): string {
  return `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * Resolves once React has hydrated `element` (its props are attached). Typing or clicking before
 * that reaches only the server's HTML: a form posts without JavaScript, a search box runs no search.
 */
export async function hydrated(element: Locator): Promise<void> {
  await element.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const check = () => (Object.keys(el).some((key) => key.startsWith("__reactProps")) ? resolve() : setTimeout(check, 20));
        check();
      }),
  );
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
