// /staff/cases — the households registered in the actor's region (no identities on this list), and
// finding one by case number or by the head's exact resident ID (a POST: the ID stays out of URLs
// and logs; the look-up is audited).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { findCase } from "../domain/cases/find-case.server";
import { listCasesInScope } from "../domain/cases/staff-cases.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { formatCount } from "../ui/format";
import { formatDateTime } from "../ui/format-time";
import { useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { Pagination } from "../ui/pagination";
import { SubmitButton, TextField } from "../ui/form";

export const handle = { i18n: ["staff"] };
export const clientLoader = withNamespaces("staff");

const READERS = ["admin", "caseworker", "auditor"] as const;

const findSchema = z.object({
  q: z.string("staff:cases.find.invalid").trim().min(1, "staff:cases.find.invalid").max(64, "staff:cases.find.invalid"),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, READERS);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  const [{ locale, t }, regions, list] = await Promise.all([getPageLocale(request), getRegionDirectory(context.runtime.db), listCasesInScope({ db: context.runtime.db, actor, page })]);
  const name = (code: string) => {
    const r = regions.get(code);
    return r ? (locale === "en" ? r.nameEn || r.nameZh : r.nameZh) : code;
  };
  return {
    title: t("meta.suffix", { title: t("staff:cases.title") }),
    page,
    ...list,
    cases: list.cases.map((c) => ({ ...c, regionName: name(c.regionCode) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, READERS);
  const submission = parseWithZod(await request.formData(), { schema: findSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { db, cipher } = context.runtime;
  const found = await findCase({ db, cipher, actor, query: submission.value.q, ip: context.clientIp || null });
  switch (found.kind) {
    case "found":
      return redirect(`/staff/cases/${found.caseId}`);
    case "not-found":
      return data(submission.reply({ fieldErrors: { q: [found.by === "case-number" ? "staff:cases.find.notFound" : "staff:cases.find.notFoundById"] } }), { status: 404 });
    case "not-a-reference":
      return data(submission.reply({ fieldErrors: { q: ["staff:cases.find.invalid"] } }), { status: 400 });
  }
}

function FindCase() {
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<typeof findSchema>>({ lastResult });
  return (
    <Form method="post" {...getFormProps(form)} role="search" aria-label={t("cases.find.label")} className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
      <div className="min-w-[16rem] flex-1">
        <TextField field={fields.q} label={t("cases.find.label")} hint={t("cases.find.hint")} autoComplete="off" />
      </div>
      <SubmitButton>{t("cases.find.submit")}</SubmitButton>
    </Form>
  );
}

export default function StaffCases() {
  const { cases, total, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const locale = useLocale();
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title" className="text-2xl font-semibold">
        {t("cases.title")}
      </h1>
      <p className="mt-1 text-stone-600">{t("cases.count", { count: total, formatted: formatCount(total, locale) })}</p>
      <FindCase />
      {cases.length === 0 ? (
        <p className="mt-6 text-stone-700">{t("cases.empty")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full min-w-[36rem] border-collapse bg-white text-left text-sm">
            <caption className="sr-only">{t("cases.title")}</caption>
            <thead className="border-b border-stone-300 bg-stone-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("cases.columns.case")}</th>
                <th scope="col" className="px-3 py-2">{t("cases.columns.region")}</th>
                <th scope="col" className="px-3 py-2">{t("cases.columns.status")}</th>
                <th scope="col" className="px-3 py-2">{t("cases.columns.tier")}</th>
                <th scope="col" className="px-3 py-2">{t("cases.columns.needs")}</th>
                <th scope="col" className="px-3 py-2">{t("cases.columns.registered")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id} className="border-b border-stone-100">
                  <td className="px-3 py-2">
                    <Link to={`/staff/cases/${c.id}`} className="font-medium text-brand-700 underline underline-offset-4">
                      {t("cases.caseLink", { id: c.caseNumber })}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{c.regionName}</td>
                  <td className="px-3 py-2">{t(`caseStatus.${c.status}`)}</td>
                  <td className="px-3 py-2">{t(`tier.${c.tier}`)}</td>
                  <td className="px-3 py-2">{formatCount(c.needCount, locale)}</td>
                  <td className="px-3 py-2">{formatDateTime(c.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4">
        <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/staff/cases?page=${p}`} />
      </div>
    </section>
  );
}
