// The application number between /apply and /apply/submitted: the form redirects after storing
// (so reloading the page cannot send the application twice) and this short-lived cookie carries the
// number to the page that shows it. The number alone reveals nothing: the status needs the phone too.
import { createCookie } from "@remix-run/node";
import { usesSecureCookie } from "../domain/auth/session.server";
import { APPLICATION_NUMBER_PATTERN } from "../domain/applications/application-schema";

const receipt = createCookie("xy_application", { httpOnly: true, sameSite: "lax", path: "/apply", maxAge: 60 * 60 });

/** The Set-Cookie header that hands the new application's number to /apply/submitted. */
export function receiptCookieHeader(request: Request, nodeEnv: string, number: string): Promise<string> {
  return receipt.serialize(number, { secure: usesSecureCookie(request, nodeEnv) });
}

/** The number of the application this browser just sent, or null. */
export async function readReceipt(request: Request): Promise<string | null> {
  const value: unknown = await receipt.parse(request.headers.get("Cookie"));
  return typeof value === "string" && APPLICATION_NUMBER_PATTERN.test(value) ? value : null;
}
