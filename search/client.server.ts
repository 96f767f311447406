// The one place a Meilisearch client is made, so every caller gets the same request settings.
import { Meilisearch } from "meilisearch";

// Without a timeout a hung Meilisearch (stopped process, black-holed network) would hold a request
// forever, and with it the outbox worker. Every call returns long before: searches in milliseconds,
// writes as soon as the task is enqueued (task waits poll with short requests).
const REQUEST_TIMEOUT_MS = 30_000;

/** Creates a Meilisearch client for `url`, authenticated with `apiKey` when given. */
export function createSearchClient(options: { url: string; apiKey?: string; requestTimeoutMs?: number }): Meilisearch {
  return new Meilisearch({
    host: options.url,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    // Node's fetch asks for gzip by default and each search then stalls ≈ 40 ms (STACK-NOTES);
    // uncompressed answers over loopback take 2–3 ms.
    requestInit: { headers: { "accept-encoding": "identity" } },
  });
}

/** True when Meilisearch answers /health with "available" within the timeout; never throws. */
export async function isSearchHealthy(client: Meilisearch, options: { timeoutMs?: number } = {}): Promise<boolean> {
  try {
    // The client has no request timeout by default: a hung server must not hang /healthz.
    const body = await client.httpRequest.get<unknown>({
      path: "health",
      extraRequestInit: { signal: AbortSignal.timeout(options.timeoutMs ?? 2_000) },
    });
    return typeof body === "object" && body !== null && "status" in body && body.status === "available";
  } catch {
    return false; // unreachable, refused or timed out: all mean "not healthy", which is the answer
  }
}
