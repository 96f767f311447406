// @ts-check
// The Remix Vite plugin's options live here; vite.config.ts imports them. Remix never reads this
// file by itself, so the JSDoc type below is what catches a misspelt key (tsc checks this file).

/** @type {import('@remix-run/dev').VitePluginConfig} */
const config = {
  appDirectory: "app",
  buildDirectory: "build",
  ignoredRouteFiles: ["**/*.test.*", "**/*.server.*", "**/__*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};

export default config;
