import type { Runtime } from "../server/runtime.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    runtime: Runtime;
    /** This response's Content-Security-Policy nonce. */
    cspNonce: string;
  }
}

export {};
