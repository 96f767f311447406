// POST /sign-out — ends the session on the server and clears the cookie. GET only redirects: a
// link or an image must not sign anyone out.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getActor } from "../domain/auth/guards.server";
import { endSessionHeaders } from "../domain/auth/session.server";
import { signOut } from "../domain/auth/sign-in.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request, context);
  if (actor) await signOut({ db: context.runtime.db, actor, ip: context.clientIp || null });
  return redirect("/", { headers: await endSessionHeaders(request, context.runtime.config.NODE_ENV) });
}

export function loader() {
  return redirect("/");
}
