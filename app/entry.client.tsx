import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { getInitialNamespaces } from "remix-i18next/client";
import { i18nConfig, resources } from "./i18n/config";

async function hydrate() {
  await i18next
    .use(initReactI18next)
    // `common` is bundled; a page's other namespaces (its route handle's `i18n`) come as small
    // chunks, loaded before hydration so the first render matches the server's.
    .use(resourcesToBackend((lng: string, ns: string) => import(`./i18n/locales/${lng}/${ns}.json`)))
    .init({ ...i18nConfig, lng: document.documentElement.lang, ns: getInitialNamespaces(), resources, partialBundledLanguages: true });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
