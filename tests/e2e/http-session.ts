// Signing in over HTTP as a browser would (same-origin form posts, the session cookie carried by
// hand), for tests that walk many pages without a browser: the authorization matrix.
import { currentTotpCode } from "../../app/domain/auth/totp.server";

export interface HttpUser {
  cookie: string;
}

export function sameOriginHeaders(baseUrl: string, cookie?: string, clientAddress?: string): Record<string, string> {
  return {
    Origin: baseUrl,
    "Sec-Fetch-Site": "same-origin",
    "Content-Type": "application/x-www-form-urlencoded",
    ...(cookie ? { Cookie: cookie } : {}),
    // The server counts rate limits per client address; each simulated visitor brings its own. The
    // test server believes X-Forwarded-For because global-setup.ts starts it with TRUST_PROXY=loopback.
    ...(clientAddress ? { "X-Forwarded-For": clientAddress } : {}),
  };
}

function sessionCookie(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";")[0] ?? "";
    if (/^(__Host-)?xy_session=./.test(pair)) return pair;
  }
  return null;
}

export async function postForm(baseUrl: string, path: string, form: Record<string, string>, cookie?: string, clientAddress?: string): Promise<Response> {
  return fetch(new URL(path, baseUrl), { method: "POST", redirect: "manual", headers: sameOriginHeaders(baseUrl, cookie, clientAddress), body: new URLSearchParams(form) });
}

/**
 * Signs in with email and password, and the TOTP code when the account has a second factor. A code
 * is accepted once per 30-second step: when another test just used this step's code, wait for the next.
 */
export async function signInOverHttp(baseUrl: string, email: string, password: string, totpSecret?: string): Promise<HttpUser> {
  const address = `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
  const first = await postForm(baseUrl, "/sign-in", { email, password, redirectTo: "/account" }, undefined, address);
  const cookie = sessionCookie(first);
  if (first.status !== 302 || !cookie) throw new Error(`sign-in of ${email} answered ${first.status}`);
  if (!first.headers.get("Location")?.startsWith("/sign-in/two-factor")) return { cookie };
  if (!totpSecret) throw new Error(`${email} needs a TOTP code`);
  for (let attempt = 0; attempt < 2; attempt++) {
    const second = await postForm(baseUrl, "/sign-in/two-factor", { code: currentTotpCode(totpSecret), redirectTo: "/account" }, cookie, address);
    const full = sessionCookie(second);
    if (second.status === 302 && full) return { cookie: full };
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
  }
  throw new Error(`the TOTP step of ${email} failed twice`);
}
