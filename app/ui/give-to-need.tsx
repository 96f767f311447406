// "Give to this need" on a need's public page: a plain link to the pledge form, the same for every
// visitor, so the page stays cacheable (the form itself, with its one-time key, is never cached).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function GiveToNeed({ needRef }: { needRef: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="give-to-need-title" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="give-to-need-title" className="font-semibold">
        {t("pledges.giveLink.title")}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t("pledges.giveLink.intro")}</p>
      <Link
        to={`/give?need=${needRef}`}
        className="mt-3 inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        {t("pledges.giveLink.action")}
      </Link>
    </section>
  );
}
