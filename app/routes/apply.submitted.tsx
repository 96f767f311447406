// /apply/submitted — the receipt after /apply: the application number, shown here and nowhere
// else (no email, no text message), with how to check the status. Without a receipt cookie (it
// lasts an hour) the page says where to check instead.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormPage } from "../ui/form";
import { titleMeta } from "../ui/meta";
import { readReceipt } from "./apply-receipt.server";

export const handle = { i18n: ["applications"] };
export const clientLoader = withNamespaces("applications");

export async function loader({ request }: LoaderFunctionArgs) {
  const [{ t }, number] = await Promise.all([getPageLocale(request), readReceipt(request)]);
  return { title: t("meta.suffix", { title: t("applications:submitted.title") }), number };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export default function ApplicationSubmitted() {
  const { number } = useLoaderData<typeof loader>();
  const { t } = useTranslation("applications");
  if (!number) {
    return (
      <FormPage title={t("submitted.goneTitle")}>
        <p>{t("submitted.goneBody")}</p>
        <p className="mt-4">
          <Link to="/apply/status" className="font-medium text-brand-700 underline underline-offset-4">
            {t("apply.checkStatus")}
          </Link>
        </p>
      </FormPage>
    );
  }
  return (
    <FormPage title={t("submitted.title")}>
      <div role="status" className="space-y-4">
        <p>{t("submitted.body")}</p>
        <div className="rounded-md border-2 border-brand-700 bg-brand-50 p-4 text-center">
          <p className="text-sm text-stone-700">{t("submitted.numberLabel")}</p>
          <p className="mt-1 font-mono text-3xl font-bold tracking-wider text-stone-900">{number}</p>
        </div>
        <p className="font-medium">{t("submitted.keepIt")}</p>
      </div>
      <h2 className="mt-6 text-lg font-semibold">{t("submitted.nextTitle")}</h2>
      <ol className="mt-2 list-decimal space-y-1 pl-5 text-stone-800">
        <li>{t("submitted.next1")}</li>
        <li>{t("submitted.next2")}</li>
        <li>{t("submitted.next3")}</li>
      </ol>
      <p className="mt-6">
        <Link to="/apply/status" className="font-medium text-brand-700 underline underline-offset-4">
          {t("apply.checkStatus")}
        </Link>
      </p>
    </FormPage>
  );
}
