// The frame of the site's plain information pages (about, privacy, contact): a title, an
// introduction and sections, readable without JavaScript.
import type { ReactNode } from "react";

export const INFO_LINK_CLASS = "font-medium text-brand-700 underline underline-offset-4 hover:text-brand-800";

export function InfoPage({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <article aria-labelledby="info-title" className="max-w-3xl">
      <h1 id="info-title" className="text-2xl font-bold leading-tight text-brand-800 sm:text-3xl">
        {title}
      </h1>
      <p className="mt-4 text-base leading-relaxed text-stone-800 sm:text-lg">{intro}</p>
      {children}
    </article>
  );
}

export function InfoSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8 space-y-3 leading-relaxed text-stone-800">
      <h2 id={id} className="text-xl font-semibold text-stone-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
