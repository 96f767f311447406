import type { Logger } from "../server/logger.server";
import type { Runtime } from "../server/runtime.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    runtime: Runtime;
    /** This response's Content-Security-Policy nonce. */
    cspNonce: string;
    /** The client's address for rate limits and the audit log: the socket's, or X-Forwarded-For's from a TRUST_PROXY. */
    clientIp: string;
    /** This request's logger (its route bound): errors go here by their codes, never with values. */
    log: Logger;
  }
}

export {};
