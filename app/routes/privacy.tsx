// /privacy — what the site keeps, who sees it and what is published, in words a visitor reads.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { INFO_LINK_CLASS, InfoPage, InfoSection } from "../ui/info-page";
import { titleMeta } from "../ui/meta";
import { PUBLIC_PAGE_HEADERS } from "./public-cache.server";

export const handle = { i18n: ["info"] };
export const clientLoader = withNamespaces("info");

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getPageLocale(request);
  return { title: t("meta.suffix", { title: t("info:privacy.title") }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export default function PrivacyPage() {
  const { t } = useTranslation("info");
  return (
    <InfoPage title={t("privacy.title")} intro={t("privacy.intro")}>
      <InfoSection id="privacy-public" title={t("privacy.publicTitle")}>
        <p>{t("privacy.public1")}</p>
        <p>{t("privacy.public2")}</p>
      </InfoSection>
      <InfoSection id="privacy-households" title={t("privacy.householdsTitle")}>
        <p>{t("privacy.households1")}</p>
        <p>{t("privacy.households2")}</p>
      </InfoSection>
      <InfoSection id="privacy-accounts" title={t("privacy.accountsTitle")}>
        <p>{t("privacy.accounts")}</p>
      </InfoSection>
      <InfoSection id="privacy-cookies" title={t("privacy.cookiesTitle")}>
        <p>{t("privacy.cookies")}</p>
      </InfoSection>
      <InfoSection id="privacy-logs" title={t("privacy.logsTitle")}>
        <p>{t("privacy.logs")}</p>
      </InfoSection>
      <InfoSection id="privacy-questions" title={t("privacy.questionsTitle")}>
        <p>{t("privacy.questions")}</p>
        <p>
          <Link to="/contact" className={INFO_LINK_CLASS}>
            {t("privacy.questionsLink")}
          </Link>
        </p>
      </InfoSection>
    </InfoPage>
  );
}
