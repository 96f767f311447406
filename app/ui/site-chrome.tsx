import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActorSummary } from "../domain/auth/actor";
import type { Locale } from "../i18n/config";

const LANGUAGE_NAMES: Record<Locale, string> = { "zh-CN": "中文", en: "English" };

export function SiteHeader({ locale, actor, unreadNotifications = 0 }: { locale: Locale; actor: ActorSummary | null; unreadNotifications?: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 hover:bg-brand-50 ${isActive ? "font-semibold text-brand-700 underline underline-offset-4" : "text-stone-700"}`;
  return (
    <header className="border-b border-stone-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("site.skip")}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <a href="/" className="flex items-baseline gap-2 text-brand-700">
          <span className="text-xl font-bold">{t("site.name")}</span>
          <span className="hidden text-sm text-stone-600 sm:inline">{t("site.tagline")}</span>
        </a>
        <nav aria-label={t("nav.main")} className="flex gap-2 text-sm sm:text-base">
          <NavLink to="/needs" className={navClass}>
            {t("nav.needs")}
          </NavLink>
          <NavLink to="/offers" className={navClass}>
            {t("nav.offers")}
          </NavLink>
          <NavLink to="/apply" className={navClass}>
            {t("nav.apply")}
          </NavLink>
        </nav>
        <AccountNav actor={actor} navClass={navClass} unread={unreadNotifications} />
        <Form method="post" action="/set-language" reloadDocument className="flex items-center gap-1 text-sm" aria-label={t("nav.language")}>
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((lng) => (
            <button
              key={lng}
              type="submit"
              name="locale"
              value={lng}
              lang={lng}
              aria-pressed={lng === locale}
              className={`rounded px-2 py-1 ${lng === locale ? "bg-brand-700 text-white" : "text-stone-700 hover:bg-stone-100"}`}
            >
              {LANGUAGE_NAMES[lng]}
            </button>
          ))}
        </Form>
      </div>
    </header>
  );
}

function AccountNav({ actor, navClass, unread }: { actor: ActorSummary | null; navClass: (state: { isActive: boolean }) => string; unread: number }) {
  const { t } = useTranslation();
  if (!actor) {
    return (
      <nav aria-label={t("nav.accountMenu")} className="ml-auto text-sm sm:text-base">
        <NavLink to="/sign-in" className={navClass}>
          {t("nav.signIn")}
        </NavLink>
      </nav>
    );
  }
  const isStaff = actor.kind === "union";
  return (
    <nav aria-label={t("nav.accountMenu")} className="ml-auto flex flex-wrap items-center gap-2 text-sm sm:text-base">
      {isStaff ? (
        <NavLink to="/staff" className={navClass}>
          {t("nav.staff")}
        </NavLink>
      ) : actor.organisationName ? (
        <NavLink to="/organisation" className={navClass}>
          {t("nav.organisation")}
        </NavLink>
      ) : null}
      <NavLink to="/notifications" className={navClass} aria-label={unread > 0 ? t("nav.notificationsUnread", { count: unread }) : undefined}>
        {t("nav.notifications")}
        {unread > 0 ? (
          <span aria-hidden="true" className="ml-1 rounded-full bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white">
            {unread}
          </span>
        ) : null}
      </NavLink>
      <NavLink to="/account" className={navClass}>
        <span className="sr-only">{t("nav.account")}: </span>
        {actor.displayName}
      </NavLink>
      <Form method="post" action="/sign-out">
        <button type="submit" className="rounded px-2 py-1 text-stone-700 hover:bg-stone-100">
          {t("nav.signOut")}
        </button>
      </Form>
    </nav>
  );
}

const FOOTER_LINKS = [
  { to: "/apply", key: "footer.apply" },
  { to: "/about", key: "footer.about" },
  { to: "/transparency", key: "transparency.title" },
  { to: "/privacy", key: "footer.privacy" },
  { to: "/contact", key: "footer.contact" },
] as const;

export function SiteFooter() {
  const { t } = useTranslation();
  const linkClass = "text-stone-700 underline underline-offset-4 hover:text-brand-800";
  return (
    <footer className="border-t border-stone-200 bg-white px-4 py-6 text-center text-sm text-stone-600">
      <nav aria-label={t("footer.label")}>
        <ul className="flex flex-wrap justify-center gap-x-5 gap-y-2">
          {FOOTER_LINKS.map((link) => (
            <li key={link.to}>
              <Link to={link.to} className={linkClass}>
                {t(link.key)}
              </Link>
            </li>
          ))}
          <li>
            {/* A JSON document, not a page: a plain link, never a client-side navigation. */}
            <a href="/api/v1/openapi.json" className={linkClass}>
              {t("footer.api")}
            </a>
          </li>
        </ul>
      </nav>
      <p className="mt-4">{t("site.tagline")}</p>
    </footer>
  );
}
