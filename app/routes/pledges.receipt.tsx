// /pledges/receipt — a printable receipt of a pledge: the amounts received against it with their
// dates, the union, the pledge reference and the donor's public name (never their contact). Asked
// for by POST with the tracking code, like /pledges/track; an unknown code goes back to the tracking page.
import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { lookUpPledge } from "../domain/pledges/look-up-pledge.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { SubmitButton } from "../ui/form";
import { formatDay } from "../ui/format";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { formatJourney } from "../ui/pledge-amounts.server";
import printCss from "../ui/pledge-receipt.css?url";

export const handle = { i18n: ["pledges"] };
export const clientLoader = withNamespaces("pledges");

const NO_STORE = { "Cache-Control": "private, no-store" };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printCss }];

// The receipt itself is the action's answer; opened directly, the page points to the tracking form.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getPageLocale(request);
  return { title: t("meta.suffix", { title: t("pledges:receipt.title") }) };
}

export const headers: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  headers.set("Cache-Control", "private, no-store");
  return headers;
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const code = formData.get("code");
  const found = await lookUpPledge({ db: context.runtime.db, rateLimits: context.runtime.rateLimits, ip: context.clientIp || null, code: typeof code === "string" ? code.slice(0, 100) : "" });
  if (found.kind === "rate-limited") throw new Response("Too Many Requests", { status: 429, headers: { ...NO_STORE, "Retry-After": String(found.retryAfterSeconds) } });
  if (found.kind === "not-found") return redirect("/pledges/track", { headers: NO_STORE });
  const { locale } = await getPageLocale(request);
  const { ref, unionName, displayName, receipts, received, need } = formatJourney(found.journey, locale);
  return data(
    { code: typeof code === "string" ? code : "", receipt: { ref, unionName, displayName, receipts, received, need: need ? { ref: need.ref, title: need.title } : null } },
    { headers: NO_STORE },
  );
}

export default function PledgeReceiptPage() {
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  if (!answer) {
    return (
      <p className="mx-auto max-w-2xl">
        <Link to="/pledges/track" className="font-medium text-brand-700 underline underline-offset-4">
          {t("pledges:track.title")}
        </Link>
      </p>
    );
  }
  const { receipt } = answer;
  return (
    <article id="pledge-receipt" aria-labelledby="receipt-title" className="mx-auto max-w-2xl rounded-lg border border-stone-200 bg-white p-6 sm:p-8">
      <h1 id="receipt-title" className="text-2xl font-semibold text-stone-900">
        {t("pledges:receipt.title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("pledges:receipt.issuedBy", { union: receipt.unionName })}</p>
      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="text-stone-600">{t("pledges:receipt.reference")}</dt>
        <dd className="font-mono font-medium">{receipt.ref}</dd>
        <dt className="text-stone-600">{t("pledges:receipt.donor")}</dt>
        <dd className="font-medium">{receipt.displayName ?? t("pledges:receipt.anonymous")}</dd>
        <dt className="text-stone-600">{t("pledges:receipt.purpose")}</dt>
        <dd className="font-medium">{receipt.need ? `${receipt.need.title ?? ""} ${receipt.need.ref}`.trim() : t("pledges:created.generalFund")}</dd>
      </dl>
      {receipt.receipts.length ? (
        <table className="mt-6 w-full text-left">
          <thead>
            <tr className="border-b border-stone-300 text-stone-600">
              <th scope="col" className="py-2 font-medium">{t("pledges:journey.date")}</th>
              <th scope="col" className="py-2 text-right font-medium">{t("pledges:journey.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {receipt.receipts.map((r, i) => (
              <tr key={`${r.valueDate}-${i}`} className="border-b border-stone-100">
                <td className="py-2">{formatDay(r.valueDate, locale)}</td>
                <td className="py-2 text-right font-mono">{r.amount}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="py-2 font-semibold">{t("pledges:receipt.total")}</th>
              <td className="py-2 text-right font-mono font-semibold">{receipt.received}</td>
            </tr>
          </tfoot>
        </table>
      ) : (
        <p className="mt-6 text-stone-700">{t("pledges:receipt.none")}</p>
      )}
      <div className="receipt-screen-only mt-8 space-y-3 border-t border-stone-200 pt-4 text-sm text-stone-600">
        <p>{t("pledges:receipt.printHint")}</p>
        <Form method="post" action="/pledges/track">
          <input type="hidden" name="code" value={answer.code} />
          <SubmitButton variant="secondary">{t("pledges:receipt.back")}</SubmitButton>
        </Form>
        <p>
          <Link to="/" className="text-brand-700 underline underline-offset-4">{t("nav.home")}</Link>
        </p>
      </div>
    </article>
  );
}
