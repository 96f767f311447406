// Cross-site request protection for every state-changing request, on top of SameSite=Lax
// cookies: browsers send Sec-Fetch-Site (and Origin) with every POST, so a form or fetch from
// another site is refused before any action runs. Requests with neither header (curl, the CLI's
// scripts) cannot carry a victim's cookies from another site and pass.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  /** Host header of the request (the site's own host and port). */
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

/** Why a request is refused as cross-site, or null when it may proceed. */
export function crossSiteRefusal(request: RequestOrigin): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.secFetchSite?.toLowerCase();
  // The browser's own word: a same-origin request may still say `Origin: null` (a page under a
  // no-referrer policy), so Origin is only consulted where Sec-Fetch-Site is missing.
  if (site === "same-origin" || site === "none") return null;
  if (site) return `Sec-Fetch-Site: ${site}`;
  if (request.origin && request.origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(request.origin).host;
    } catch {
      return "malformed Origin";
    }
    if (!request.host || originHost !== request.host) return `Origin ${request.origin} is not this site`;
  } else if (request.origin === "null") {
    return "Origin: null";
  }
  return null;
}
