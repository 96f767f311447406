// /staff/households/import — union staff import households from an .xlsx or CSV sheet: upload,
// match columns, check every row, import the valid ones in one go; and download their region's
// households the same way. Between steps the rows stay on the server (see the .server helper).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { MapStep, PreviewStep, UploadStep } from "../ui/household-import-steps";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";
import { countyRequired, handleMapping, receiveUpload } from "./staff.households.import.server";

export const handle = { i18n: ["householdImport"] };
export const clientLoader = withNamespaces("householdImport");

const WRITERS = ["admin", "caseworker"] as const;
const INTENTS = ["preview", "remap", "import"] as const;

/** The counts of a finished import, from the redirect after it. */
function doneCounts(params: URLSearchParams) {
  const read = (name: string) => (/^\d{1,6}$/.test(params.get(name) ?? "") ? Number(params.get(name)) : null);
  const counts = { created: read("created"), updated: read("updated"), unchanged: read("unchanged"), refused: read("refused") };
  return Object.values(counts).every((n) => n !== null) ? counts : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, WRITERS);
  const { t } = await getPageLocale(request);
  return {
    title: t("meta.suffix", { title: t("householdImport:title") }),
    countyRequired: countyRequired(actor),
    done: doneCounts(new URL(request.url).searchParams),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, WRITERS);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return receiveUpload(request, context, actor);
  const formData = await request.formData();
  const intent = INTENTS.find((i) => i === formData.get("intent")) ?? "preview";
  return handleMapping(request, formData, context, actor, intent);
}

const STEPS = ["upload", "map", "preview", "import"] as const;

export default function HouseholdImport() {
  const { countyRequired: isCountyRequired, done } = useLoaderData<typeof loader>();
  const step = useActionData<typeof action>();
  const { t } = useTranslation("householdImport");
  const current = step?.step ?? "upload";
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="mt-1 max-w-prose text-stone-700">{t("intro")}</p>
      <ol aria-label={t("steps.label")} className="mt-4 flex flex-wrap gap-2 text-sm">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === current ? "step" : undefined} className={`rounded-full px-3 py-1 ${s === current ? "bg-brand-700 text-white" : "bg-stone-100 text-stone-700"}`}>
            {i + 1}. {t(`steps.${s}`)}
          </li>
        ))}
      </ol>
      {done && !step ? (
        <div role="status" className="mt-6 rounded-lg border border-emerald-700 bg-emerald-50 p-4">
          <h2 className="font-semibold">{t("done.title")}</h2>
          <p className="mt-1">{t("done.summary", done)}</p>
          <a href="/staff/cases" className="mt-2 inline-block font-medium text-brand-700 underline underline-offset-4">
            {t("done.cases")}
          </a>
        </div>
      ) : null}
      {!step || step.step === "upload" ? <UploadStep key={step ? "retry" : "fresh"} lastResult={step?.result ?? null} /> : null}
      {step?.step === "map" ? <MapStep key={step.token} {...step} countyRequired={isCountyRequired} /> : null}
      {step?.step === "preview" ? <PreviewStep key={step.token} {...step} /> : null}
      <section aria-labelledby="export-title" className="mt-10">
        <h2 id="export-title" className="text-xl font-semibold">
          {t("export.title")}
        </h2>
        <p className="mt-1 max-w-prose text-stone-700">{t("export.hint")}</p>
        <ul className="mt-3 flex flex-wrap gap-3">
          <li>
            <a href="/staff/households/export.xlsx" download className="inline-flex min-h-11 items-center rounded-md border border-stone-400 bg-white px-4 font-medium text-stone-800 hover:bg-stone-100">
              {t("export.xlsx")}
            </a>
          </li>
          <li>
            <a href="/staff/households/export.csv" download className="inline-flex min-h-11 items-center rounded-md border border-stone-400 bg-white px-4 font-medium text-stone-800 hover:bg-stone-100">
              {t("export.csv")}
            </a>
          </li>
        </ul>
      </section>
    </section>
  );
}
