import type { Runtime } from "../server/runtime.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    runtime: Runtime;
    /** This response's Content-Security-Policy nonce. */
    cspNonce: string;
    /** The client's address (Express, behind one trusted proxy) for rate limits and the audit log. */
    clientIp: string;
  }
}

export {};
