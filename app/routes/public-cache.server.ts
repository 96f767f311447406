// Public pages hold only public projections, so shared caches may keep them briefly. The language
// comes from the `lng` cookie or Accept-Language, so a cache must key on both.
export const PUBLIC_PAGE_HEADERS = {
  "Cache-Control": "public, max-age=60",
  Vary: "Cookie, Accept-Language",
} as const;
