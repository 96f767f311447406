// /pledges/track — a donor enters the tracking code and sees the pledge's journey. The code is sent
// by POST, so it is never in a URL, a log line or a shared cache; lookups are rate-limited per
// address and every unknown code gets the same "not found".
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { lookUpPledge } from "../domain/pledges/look-up-pledge.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { ErrorList, SubmitButton, inputClass } from "../ui/form";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { formatJourney } from "../ui/pledge-amounts.server";
import { PledgeJourneyPanel } from "../ui/pledge-journey";

export const handle = { i18n: ["pledges"] };
export const clientLoader = withNamespaces("pledges");

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getPageLocale(request);
  return { title: t("meta.suffix", { title: t("pledges:track.title") }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export const headers: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  headers.set("Cache-Control", "private, no-store");
  return headers;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const code = (await request.formData()).get("code");
  const typed = typeof code === "string" ? code.trim().slice(0, 100) : "";
  if (!typed) return data({ kind: "error" as const, error: "pledges:errors.codeRequired", code: "" }, { status: 400, headers: NO_STORE });
  const found = await lookUpPledge({ db: context.runtime.db, rateLimits: context.runtime.rateLimits, ip: context.clientIp || null, code: typed });
  switch (found.kind) {
    case "rate-limited":
      return data({ kind: "error" as const, error: "pledges:errors.rateLimited", code: typed }, { status: 429, headers: { ...NO_STORE, "Retry-After": String(found.retryAfterSeconds) } });
    case "not-found":
      return data({ kind: "error" as const, error: "pledges:track.notFound", code: typed }, { status: 404, headers: NO_STORE });
    case "found":
      return data({ kind: "found" as const, journey: formatJourney(found.journey, (await getPageLocale(request)).locale), code: typed }, { headers: NO_STORE });
  }
}

export default function TrackPledgePage() {
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const error = answer?.kind === "error" ? answer.error : null;
  return (
    <section aria-labelledby="track-title" className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 id="track-title" className="text-2xl font-semibold text-stone-900">
          {t("pledges:track.title")}
        </h1>
        <p className="mt-2 text-stone-700">{t("pledges:track.intro")}</p>
      </div>
      <Form method="post" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
        <label htmlFor="tracking-code" className="block font-medium text-stone-800">
          {t("pledges:track.code")}
        </label>
        <p id="tracking-code-hint" className="text-sm text-stone-600">
          {t("pledges:track.codeHint")}
        </p>
        <input
          id="tracking-code"
          name="code"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={answer?.kind === "error" ? answer.code : ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "tracking-code-hint tracking-code-error" : "tracking-code-hint"}
          className={`${inputClass} font-mono`}
        />
        <div role="alert">
          <ErrorList id="tracking-code-error" errors={error ? [error] : undefined} />
        </div>
        <div className="mt-4">
          <SubmitButton>{t("pledges:track.submit")}</SubmitButton>
        </div>
      </Form>
      {answer?.kind === "found" ? <PledgeJourneyPanel journey={answer.journey} code={answer.code} /> : null}
    </section>
  );
}
