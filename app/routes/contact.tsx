// /contact — how to reach the union: ask for help, check an application, the 12351 hotline, register
// an organisation, sign in as staff.
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
  return { title: t("meta.suffix", { title: t("info:contact.title") }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export default function ContactPage() {
  const { t } = useTranslation("info");
  return (
    <InfoPage title={t("contact.title")} intro={t("contact.intro")}>
      <InfoSection id="contact-help" title={t("contact.helpTitle")}>
        <p>{t("contact.help")}</p>
        <p>
          <Link to="/apply" className={INFO_LINK_CLASS}>
            {t("contact.helpLink")}
          </Link>
        </p>
        <p>{t("contact.status")}</p>
        <p>
          <Link to="/apply/status" className={INFO_LINK_CLASS}>
            {t("contact.statusLink")}
          </Link>
        </p>
        <p>{t("contact.hotline")}</p>
      </InfoSection>
      <InfoSection id="contact-organisations" title={t("contact.organisationsTitle")}>
        <p>{t("contact.organisations")}</p>
        <p>
          <Link to="/register" className={INFO_LINK_CLASS}>
            {t("contact.organisationsLink")}
          </Link>
        </p>
      </InfoSection>
      <InfoSection id="contact-staff" title={t("contact.staffTitle")}>
        <p>{t("contact.staff")}</p>
        <p>
          <Link to="/sign-in" className={INFO_LINK_CLASS}>
            {t("contact.staffLink")}
          </Link>
        </p>
      </InfoSection>
      <InfoSection id="contact-data" title={t("contact.dataTitle")}>
        <p>{t("contact.data")}</p>
        <p>
          <Link to="/privacy" className={INFO_LINK_CLASS}>
            {t("contact.dataLink")}
          </Link>
        </p>
      </InfoSection>
    </InfoPage>
  );
}
