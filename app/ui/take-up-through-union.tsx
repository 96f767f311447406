// "How to take it up" on an offer's public page: through the union, never by contacting the
// provider. A worker in hardship asks their county's union, whose caseworker proposes them.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function TakeUpThroughUnion() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="take-up-title" className="mt-6 rounded-lg border border-brand-100 bg-brand-50 p-4 sm:p-5">
      <h2 id="take-up-title" className="text-lg font-semibold text-brand-800">
        {t("takeUp.title")}
      </h2>
      <p className="mt-2 leading-relaxed text-stone-800">{t("takeUp.body")}</p>
      <p className="mt-3 flex flex-wrap items-center gap-4">
        <Link to="/apply" className="inline-block rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
          {t("takeUp.apply")}
        </Link>
        <Link to="/contact" className="font-medium text-brand-700 underline underline-offset-4">
          {t("takeUp.contact")}
        </Link>
      </p>
    </section>
  );
}
