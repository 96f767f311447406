// /about — what Xiangyun is, how it works, who is behind it, and where its open data is.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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
  return { title: t("meta.suffix", { title: t("info:about.title") }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

const STEPS = ["how1", "how2", "how3", "how4"] as const;

export default function AboutPage() {
  const { t } = useTranslation("info");
  return (
    <InfoPage title={t("about.title")} intro={t("about.intro")}>
      <InfoSection id="about-how" title={t("about.howTitle")}>
        <ol className="list-decimal space-y-2 pl-6">
          {STEPS.map((step) => (
            <li key={step}>{t(`about.${step}`)}</li>
          ))}
        </ol>
      </InfoSection>
      <InfoSection id="about-who" title={t("about.whoTitle")}>
        <p>{t("about.who")}</p>
      </InfoSection>
      <InfoSection id="about-name" title={t("about.nameTitle")}>
        <p>{t("about.name")}</p>
      </InfoSection>
      <InfoSection id="about-api" title={t("about.apiTitle")}>
        <p>{t("about.api")}</p>
        <p>
          {/* A JSON document, not a page: a plain link, never a client-side navigation. */}
          <a href="/api/v1/openapi.json" className={INFO_LINK_CLASS}>
            {t("about.apiLink")}
          </a>
        </p>
      </InfoSection>
    </InfoPage>
  );
}
