// "We can help" on a need's public page. Anonymous visitors (the cached page) read how an
// organisation offers help; a signed-in member of a verified provider picks one of its offers that
// may serve this need and writes to the union, which reviews it (a *requested* match). Works
// without JavaScript: a plain POST to the page, errors answered with the input kept.
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { HelpChoice } from "../domain/matching/offers-to-help-with.server";
import type { requestMatchSchema } from "../domain/matching/provider-match-forms";
import { FormErrors, SubmitButton, TextAreaField } from "./form";
import { contentLang, useLocale } from "./labels";
import { SelectField } from "./select-field";
import { useServerForm } from "./server-form";

const box = "rounded-lg border border-stone-200 bg-white p-4 sm:p-6";
const link = "font-medium text-brand-700 underline underline-offset-4";

export function WeCanHelp({
  needRef,
  county,
  help,
  sent,
  lastResult,
}: {
  needRef: string;
  county: string;
  /** Undefined for anonymous visitors. */
  help: HelpChoice | undefined;
  sent: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  return (
    <section id="we-can-help" aria-labelledby="we-can-help-title" className={box}>
      <h2 id="we-can-help-title" className="text-lg font-semibold">
        {t("weCanHelp.title")}
      </h2>
      {!help ? (
        <>
          <p className="mt-2 leading-relaxed text-stone-800">{t("weCanHelp.anonymous")}</p>
          <p className="mt-3 flex flex-wrap gap-4">
            <Link to={`/sign-in?redirectTo=${encodeURIComponent(`/needs/${needRef}`)}`} className={link}>
              {t("weCanHelp.signIn")}
            </Link>
            <Link to="/register" className={link}>
              {t("weCanHelp.register")}
            </Link>
          </p>
        </>
      ) : help.kind === "not-provider" ? (
        <p className="mt-2 text-stone-800">{t("weCanHelp.notProvider")}</p>
      ) : help.kind === "unverified" ? (
        <p className="mt-2 text-stone-800">{t("weCanHelp.unverified")}</p>
      ) : (
        <ProviderHelp needRef={needRef} county={county} help={help} sent={sent} lastResult={lastResult} />
      )}
    </section>
  );
}

function ProviderHelp({
  needRef,
  county,
  help,
  sent,
  lastResult,
}: {
  needRef: string;
  county: string;
  help: Extract<HelpChoice, { kind: "offers" }>;
  sent: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  // Checked on the server only: validating in the browser would bring zod to the public need page.
  const [form, fields] = useServerForm<z.input<typeof requestMatchSchema>>({ id: "we-can-help-form", lastResult });
  return (
    <>
      {sent ? (
        <p role="status" className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
          {t("weCanHelp.sent")}
        </p>
      ) : null}
      {help.inPlay.length ? (
        <div className="mt-3">
          <h3 className="font-semibold">{t("weCanHelp.inPlay")}</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {help.inPlay.map((match) => (
              <li key={match.matchRef}>
                <Link to={`/organisation/matches/${match.matchRef}`} className={link}>
                  {t("weCanHelp.inPlayItem", { offer: match.offerTitle, status: t(`weCanHelp.status.${match.status}`) })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {help.offers.length === 0 ? (
        <p className="mt-3 text-stone-800">{t("weCanHelp.noOffers", { county })}</p>
      ) : (
        <Form method="post" action={`/needs/${needRef}#we-can-help`} {...getFormProps(form)} className="mt-3 space-y-4">
          <p className="text-stone-700">{t("weCanHelp.intro")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="request-match" />
          <SelectField field={fields.offer} label={t("weCanHelp.offer")}>
            <option value="">{t("weCanHelp.offerPlaceholder")}</option>
            {help.offers.map((offer) => (
              <option key={offer.ref} value={offer.ref} lang={contentLang(offer.title, locale)}>
                {t("weCanHelp.offerOption", { title: offer.title, count: offer.remainingCapacity })}
              </option>
            ))}
          </SelectField>
          <TextAreaField field={fields.message} label={t("weCanHelp.message")} hint={t("weCanHelp.messageHint")} rows={4} />
          <SubmitButton>{t("weCanHelp.submit")}</SubmitButton>
        </Form>
      )}
      <p className="mt-3 text-sm">
        <Link to="/organisation/matches" className={link}>
          {t("weCanHelp.inbox")}
        </Link>
      </p>
    </>
  );
}
