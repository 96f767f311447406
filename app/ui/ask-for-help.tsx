// "Need help yourself?": a worker who reads the site as a visitor finds the way to /apply from the
// home page and from every need.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function AskForHelp({ headingLevel = "h2" }: { headingLevel?: "h2" | "h3" }) {
  const { t } = useTranslation();
  const Heading = headingLevel;
  return (
    <section aria-labelledby="ask-for-help-title" className="rounded-lg border border-brand-100 bg-brand-50 p-4 sm:p-5">
      <Heading id="ask-for-help-title" className="text-lg font-semibold text-brand-800">
        {t("askForHelp.title")}
      </Heading>
      <p className="mt-2 leading-relaxed text-stone-800">{t("askForHelp.body")}</p>
      <Link to="/apply" className="mt-3 inline-block rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
        {t("askForHelp.link")}
      </Link>
    </section>
  );
}
