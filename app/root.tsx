import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { DEFAULT_LOCALE } from "./i18n/config";
import { SITE_MESSAGES } from "./i18n/site-messages";
import { summariseActor } from "./domain/auth/actor";
import { getActor } from "./domain/auth/guards.server";
import { unreadCount } from "./domain/notifications/list-notifications.server";
import { getPageLocale } from "./i18n/page-locale.server";
import stylesheet from "./tailwind.css?url";
import { SiteFooter, SiteHeader } from "./ui/site-chrome";
import { useNonce } from "./ui/nonce";
import { domainMessageOf, errorTextKeys } from "./ui/error-text";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [{ locale }, actor] = await Promise.all([getPageLocale(request), getActor(request, context)]);
  // One indexed count, and only for the signed-in (a partial index holds the unread rows).
  const unreadNotifications = actor ? await unreadCount(context.runtime.db, actor.userId) : 0;
  // Only what the header shows: every page's loader data reaches the browser.
  return { locale, actor: actor ? summariseActor(actor) : null, unreadNotifications };
}

/** Routes set their own titles; an error page, rendered by this boundary, needs one here. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [];
  const messages = SITE_MESSAGES[data?.locale ?? DEFAULT_LOCALE];
  const { title } = errorTextKeys(isRouteErrorResponse(error) ? error.status : 500);
  return [{ title: `${messages.error[title]} · ${messages.site.name}` }];
};

export const handle = { i18n: "common" };

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  useChangeLanguage(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <SiteHeader locale={locale} actor={data?.actor ?? null} unreadNotifications={data?.unreadNotifications ?? 0} />
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-8">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const keys = errorTextKeys(status);
  const detail = isRouteErrorResponse(error) ? domainMessageOf(error.data) : null;
  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 id="error-title" className="mt-4 text-2xl font-semibold">
        {t(`error.${keys.title}`)}
      </h1>
      {detail ? <p className="mt-3 font-medium">{detail.text}</p> : null}
      <p className="mt-3 text-stone-600">{t(`error.${keys.body}`)}</p>
      <a href="/" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        {t("error.backHome")}
      </a>
    </section>
  );
}
