// The error boundary of the caseworker's matching pages, inside the workspace's menu: the status's
// own words (a 409 when a match or offer moved meanwhile, a 404 for another county's record), the
// domain's message, and the way back to the page to see what changed.
import { Link, isRouteErrorResponse, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { domainMessageOf, errorTextKeys } from "./error-text";

export function StaffMatchErrorBoundary({ back }: { back: { to: string; label: string } }) {
  const error = useRouteError();
  const { pathname } = useLocation();
  const { t } = useTranslation();
  const { t: tm } = useTranslation("matches");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const domain = isRouteErrorResponse(error) ? domainMessageOf(error.data) : null;
  const keys = errorTextKeys(status);
  return (
    <section aria-labelledby="match-error-title" className="max-w-xl">
      <p className="text-4xl font-bold text-brand-700">{status}</p>
      <h1 id="match-error-title" className="mt-2 text-2xl font-semibold">
        {t(`error.${keys.title}`)}
      </h1>
      <p className="mt-2 text-stone-700">{t(`error.${keys.body}`)}</p>
      {domain ? <p className="mt-2 text-sm text-stone-600">{domain.text}</p> : null}
      <p className="mt-4 flex flex-wrap gap-4">
        {status !== 404 ? (
          <Link to={pathname} className="font-medium text-brand-700 underline underline-offset-4">
            {tm("staff.reload")}
          </Link>
        ) : null}
        <Link to={back.to} className="font-medium text-brand-700 underline underline-offset-4">
          {back.label}
        </Link>
      </p>
    </section>
  );
}
