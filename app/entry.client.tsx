import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { getInitialNamespaces } from "remix-i18next/client";
import { i18nConfig } from "./i18n/config";

async function hydrate() {
  await i18next
    .use(initReactI18next)
    // The page's language only: `common` (the root route's handle) and the namespaces its routes'
    // handles name come as small chunks, loaded before hydration so the first render matches the
    // server's (`?common`: a module of its own, apart from the two keys site-messages.ts imports
    // statically). Other namespaces load on navigation (client-namespaces.ts). No fallback language
    // here: both languages have every key (locales-parity.test.ts), so loading the other would
    // only double what the page fetches.
    .use(
      resourcesToBackend((lng: string, ns: string) =>
        ns === "common" ? import(`./i18n/${lng}.json?common`) : import(`./i18n/locales/${lng}/${ns}.json`),
      ),
    )
    .init({ ...i18nConfig, fallbackLng: false, lng: document.documentElement.lang, ns: getInitialNamespaces() });
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
