// Plain links, so paging works without JavaScript; Remix's <Link> renders an ordinary <a href>.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatCount } from "./format";
import { useLocale } from "./labels";

type Item = number | "gap";

/** First, last, and the current page with its neighbours; "gap" where pages are skipped. */
function visiblePages(page: number, pageCount: number): Item[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  const items: Item[] = [];
  let previous = 0;
  for (const p of wanted) {
    if (p - previous > 1) items.push("gap");
    items.push(p);
    previous = p;
  }
  return items;
}

const CELL = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-3";
const LINK = `${CELL} border border-stone-300 bg-white text-stone-800 hover:border-brand-600 hover:bg-brand-50`;

export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (pageCount <= 1) return null;
  const pageOf = t("pagination.pageOf", { page: formatCount(page, locale), pageCount: formatCount(pageCount, locale) });
  return (
    <nav aria-label={t("pagination.label")} className="mt-10">
      <p className="text-center text-sm text-stone-600">{pageOf}</p>
      <ul className="mt-3 flex flex-wrap items-center justify-center gap-2">
        <li>
          {page > 1 ? (
            <Link to={hrefFor(page - 1)} rel="prev" className={LINK}>
              <span aria-hidden="true">←&nbsp;</span>
              {t("pagination.previous")}
            </Link>
          ) : (
            // Kept as a placeholder so the row does not jump; not a link, so nothing to announce.
            <span aria-hidden="true" className={`${CELL} text-stone-400`}>
              ←&nbsp;{t("pagination.previous")}
            </span>
          )}
        </li>
        {visiblePages(page, pageCount).map((item, index) =>
          item === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="hidden px-1 text-stone-500 sm:block">
              …
            </li>
          ) : (
            // On phones only the current page shows between the arrows; "page X of Y" says the rest.
            <li key={item} className={item === page ? "" : "hidden sm:block"}>
              <Link
                to={hrefFor(item)}
                aria-label={t("pagination.page", { page: item })}
                aria-current={item === page ? "page" : undefined}
                className={item === page ? `${CELL} bg-brand-700 font-semibold text-white` : LINK}
              >
                {formatCount(item, locale)}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link to={hrefFor(page + 1)} rel="next" className={LINK}>
              {t("pagination.next")}
              <span aria-hidden="true">&nbsp;→</span>
            </Link>
          ) : (
            <span aria-hidden="true" className={`${CELL} text-stone-400`}>
              {t("pagination.next")}&nbsp;→
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
