// Where a form may send a person afterwards (`redirectTo`): only a page of this site. Browsers drop
// TAB, CR and LF inside a URL and read a backslash as a slash, so `/<TAB>/evil.example` or
// `/\evil.example` would leave the site: control characters, spaces and backslashes are refused, and
// what remains must resolve to our own origin.
const OWN_ORIGIN = "http://xiangyun.invalid";
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const REFUSED = /[\u0000-\u0020\u007f-\u009f\\]/;

/** The path, query and fragment `to` names on this site, percent-encoded; null when it is not one of ours. */
function ownPath(to: unknown): string | null {
  if (typeof to !== "string" || !to.startsWith("/") || REFUSED.test(to)) return null;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return null;
  }
  // From the serialised URL rather than pathname + search + hash, which lose an empty "?" or "#".
  const path = url.href.slice(OWN_ORIGIN.length);
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as a host.
  return url.origin === OWN_ORIGIN && !path.startsWith("//") ? path : null;
}

/** Whether `to` is a page of this site that a redirect may go to unchanged in meaning. */
export function isSafeRedirect(to: unknown): boolean {
  return ownPath(to) !== null;
}

/** A page of this site to redirect to (a valid Location header value), or `fallback`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return ownPath(to) ?? fallback;
}
