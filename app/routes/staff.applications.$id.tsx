// /staff/applications/:id — one online application of the actor's region: what happened and what
// help is needed, the identity behind a logged reveal, and what to do with it: note the call-back,
// accept it as a new case (the registration form prefills from it), merge it into an existing case,
// or decline it with a reason the applicant reads. Another region's application is a 404; one
// already decided is a 409.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isApplicationOpen } from "../domain/applications/application-status";
import { declineApplication, markApplicationContacted, mergeApplication } from "../domain/applications/handle-application.server";
import { applicationActionSchema, declineSchema, mergeSchema, revealSchema } from "../domain/applications/staff-application-schema";
import { getApplicationInScope } from "../domain/applications/staff-applications.server";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { REVEAL_REASONS } from "../domain/cases/case-records-vocabulary";
import { revealApplicationIdentity } from "../domain/cases/reveal-identity.server";
import { regionTrailLabel } from "../domain/regions/region-choices.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, SubmitButton, TextAreaField, TextField } from "../ui/form";
import { formatDateTime } from "../ui/format-time";
import { contentLang, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";
import { SelectField } from "../ui/select-field";

export const handle = { i18n: ["applications"] };
export const clientLoader = withNamespaces("applications");

const NOT_FOUND = "No such application in your region.";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  const { db } = context.runtime;
  const [application, { locale, t }, directory] = await Promise.all([getApplicationInScope({ db, actor, applicationId: params.id ?? "" }), getPageLocale(request), getRegionDirectory(db)]);
  if (!application) throw new Response(NOT_FOUND, { status: 404 });
  return {
    title: t("meta.suffix", { title: t("applications:detail.title", { number: application.number }) }),
    application: {
      ...application,
      county: regionTrailLabel(directory, application.regionCode, locale),
      receivedAt: formatDateTime(application.createdAt, locale),
      consentAt: formatDateTime(application.consentAt, locale),
      updatedAt: formatDateTime(application.updatedAt, locale),
      isOpen: isApplicationOpen(application.status),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin", "caseworker"]);
  const applicationId = params.id ?? "";
  // Another region's application is not there at all, whatever the form says (a 404 before any 400).
  if (!(await getApplicationInScope({ db: context.runtime.db, actor, applicationId }))) throw new Response(NOT_FOUND, { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: applicationActionSchema });
  if (submission.status !== "success") return data({ intent: submission.payload.intent, reply: submission.reply(), identity: null }, { status: 400 });
  const { db, cipher } = context.runtime;
  const ip = context.clientIp || null;
  const chosen = submission.value;
  switch (chosen.intent) {
    case "reveal": {
      const identity = await revealApplicationIdentity({ db, cipher, actor, applicationId, reason: chosen.reason, ip });
      if (!identity) throw new Response(NOT_FOUND, { status: 404 });
      return { intent: chosen.intent, reply: submission.reply(), identity };
    }
    case "contacted":
      await markApplicationContacted({ db, actor, applicationId, ip });
      break;
    case "decline":
      await declineApplication({ db, actor, applicationId, reason: chosen.reason, ip });
      break;
    case "merge": {
      const merged = await mergeApplication({ db, actor, applicationId, caseReference: chosen.caseReference, ip });
      if (merged.kind === "case-not-found") {
        return data({ intent: chosen.intent, reply: submission.reply({ fieldErrors: { caseReference: ["applications:errors.caseNotFound"] } }), identity: null }, { status: 400 });
      }
      break;
    }
  }
  return redirect(`/staff/applications/${applicationId}`);
}

const dt = "font-medium text-stone-700";
const section = "mt-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6";

export default function StaffApplication() {
  const { application } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("applications");
  const locale = useLocale();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.reply : undefined);
  const [revealForm, revealFields] = useForm({ id: "reveal", lastResult: resultFor("reveal"), constraint: getZodConstraint(revealSchema), onValidate: ({ formData }) => parseWithZod(formData, { schema: revealSchema }) });
  const [mergeForm, mergeFields] = useForm({ id: "merge", lastResult: resultFor("merge"), constraint: getZodConstraint(mergeSchema), shouldValidate: "onBlur", shouldRevalidate: "onInput", onValidate: ({ formData }) => parseWithZod(formData, { schema: mergeSchema }) });
  const [declineForm, declineFields] = useForm({ id: "decline", lastResult: resultFor("decline"), constraint: getZodConstraint(declineSchema), shouldValidate: "onBlur", shouldRevalidate: "onInput", onValidate: ({ formData }) => parseWithZod(formData, { schema: declineSchema }) });
  const identity = actionData?.identity;
  return (
    <article aria-labelledby="application-title" className="max-w-3xl">
      <Link to="/staff/applications" className="text-sm font-medium text-brand-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("detail.back")}
      </Link>
      <h1 id="application-title" className="mt-3 text-2xl font-semibold">
        {t("detail.title", { number: application.number })}
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className={dt}>{t("detail.status")}</dt>
        <dd>{t(`staffStatus.${application.status}`)}</dd>
        <dt className={dt}>{t("detail.county")}</dt>
        <dd>{application.county}</dd>
        <dt className={dt}>{t("detail.received")}</dt>
        <dd>{application.receivedAt}</dd>
        <dt className={dt}>{t("detail.consent")}</dt>
        <dd>{t("detail.consentGiven", { date: application.consentAt })}</dd>
        {application.handledByName ? (
          <>
            <dt className={dt}>{t("detail.handledBy")}</dt>
            <dd>{t("detail.handledByAt", { name: application.handledByName, date: application.updatedAt })}</dd>
          </>
        ) : null}
        {application.caseId ? (
          <>
            <dt className={dt}>{t("detail.case")}</dt>
            <dd>
              <Link to={`/staff/cases/${application.caseId}`} className="font-medium text-brand-700 underline underline-offset-4">
                {t("detail.caseLink", { id: application.caseNumber ?? application.caseId })}
              </Link>
            </dd>
          </>
        ) : null}
        {application.declineReason ? (
          <>
            <dt className={dt}>{t("detail.declineReason")}</dt>
            <dd className="whitespace-pre-line">{application.declineReason}</dd>
          </>
        ) : null}
      </dl>

      <h2 className="mt-6 text-lg font-semibold">{t("detail.whatHappened")}</h2>
      <p className="mt-1 whitespace-pre-line" lang={contentLang(application.whatHappened, locale)}>
        {application.whatHappened}
      </p>
      <h2 className="mt-4 text-lg font-semibold">{t("detail.helpNeeded")}</h2>
      <p className="mt-1 whitespace-pre-line" lang={contentLang(application.helpNeeded, locale)}>
        {application.helpNeeded}
      </p>

      <section aria-labelledby="identity-title" className={section}>
        <h2 id="identity-title" className="text-lg font-semibold">
          {t("detail.identityTitle")}
        </h2>
        {identity ? (
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2" aria-live="polite">
            <dt className={dt}>{t("fields.name")}</dt>
            <dd>{identity.name}</dd>
            <dt className={dt}>{t("fields.idNumber")}</dt>
            <dd className="font-mono">{identity.idNumber}</dd>
            <dt className={dt}>{t("fields.phone")}</dt>
            <dd>
              <a href={`tel:${identity.phone}`} className="font-mono text-brand-700 underline">
                {identity.phone}
              </a>
            </dd>
          </dl>
        ) : (
          <Form method="post" {...getFormProps(revealForm)} className="mt-2 space-y-3">
            <p className="text-stone-700">{t("detail.identityHidden")}</p>
            <FormErrors id={revealForm.errorId} errors={revealForm.errors} />
            <input type="hidden" name="intent" value="reveal" />
            <SelectField field={revealFields.reason} label={t("detail.revealReason")} hint={t("detail.revealHint")}>
              <option value="">{t("detail.revealReasonPlaceholder")}</option>
              {REVEAL_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {t(`revealReason.${reason}`)}
                </option>
              ))}
            </SelectField>
            <SubmitButton variant="secondary">{t("detail.reveal")}</SubmitButton>
          </Form>
        )}
      </section>

      {application.sameIdApplications.length ? (
        <section aria-labelledby="same-id-title" className={section}>
          <h2 id="same-id-title" className="text-lg font-semibold">
            {t("detail.sameIdTitle")}
          </h2>
          <ul className="mt-2 space-y-1">
            {application.sameIdApplications.map((other) => (
              <li key={other.id}>
                <Link to={`/staff/applications/${other.id}`} className="font-mono text-brand-700 underline underline-offset-4">
                  {other.number}
                </Link>{" "}
                · {t(`staffStatus.${other.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {application.isOpen ? (
        <section aria-labelledby="decision-title" className={`${section} space-y-6`}>
          <h2 id="decision-title" className="text-lg font-semibold">
            {t("detail.decisionTitle")}
          </h2>
          {application.status === "new" ? (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="contacted" />
              <p className="text-stone-700">{t("detail.contactedHint")}</p>
              <SubmitButton variant="secondary">{t("detail.contacted")}</SubmitButton>
            </Form>
          ) : null}

          <div className="space-y-2 border-t border-stone-200 pt-6">
            <h3 className="font-semibold">{t("detail.acceptTitle")}</h3>
            {application.registeredElsewhereBy ? (
              <p role="note" className="rounded-md bg-amber-50 p-3 text-amber-900">
                {t("detail.registeredElsewhere", { organisation: application.registeredElsewhereBy })}
              </p>
            ) : application.matchingCaseId ? (
              <p className="text-stone-700">{t("detail.acceptHasCase")}</p>
            ) : (
              <>
                <p className="text-stone-700">{t("detail.acceptHint")}</p>
                <Link
                  to={`/staff/cases/new?application=${application.id}`}
                  className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
                >
                  {t("detail.accept")}
                </Link>
              </>
            )}
          </div>

          <div className="space-y-3 border-t border-stone-200 pt-6">
            <h3 className="font-semibold">{t("detail.mergeTitle")}</h3>
            {application.matchingCaseId ? (
              <Form method="post" className="space-y-2">
                <input type="hidden" name="intent" value="merge" />
                <input type="hidden" name="caseReference" value={application.matchingCaseId} />
                <p className="text-stone-700">{t("detail.matchingCase", { id: application.matchingCaseNumber ?? application.matchingCaseId })}</p>
                <SubmitButton>{t("detail.mergeMatching", { id: application.matchingCaseNumber ?? application.matchingCaseId })}</SubmitButton>
              </Form>
            ) : null}
            <Form method="post" {...getFormProps(mergeForm)} className="space-y-3">
              <FormErrors id={mergeForm.errorId} errors={mergeForm.errors} />
              <input type="hidden" name="intent" value="merge" />
              <TextField field={mergeFields.caseReference} label={t("detail.caseReference")} hint={t("detail.caseReferenceHint")} autoComplete="off" />
              <SubmitButton variant="secondary">{t("detail.merge")}</SubmitButton>
            </Form>
          </div>

          <Form method="post" {...getFormProps(declineForm)} className="space-y-3 border-t border-stone-200 pt-6">
            <h3 className="font-semibold">{t("detail.declineTitle")}</h3>
            <FormErrors id={declineForm.errorId} errors={declineForm.errors} />
            <input type="hidden" name="intent" value="decline" />
            <TextAreaField field={declineFields.reason} label={t("detail.declineReasonLabel")} hint={t("detail.declineReasonHint")} />
            <SubmitButton variant="danger">{t("detail.decline")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { id } = useParams();
  const { t } = useTranslation("applications");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const text =
    status === 409
      ? { title: t("detail.alreadyTitle"), body: t("detail.alreadyBody") }
      : status === 404
        ? { title: t("common:error.notFoundTitle"), body: t("detail.notFoundBody") }
        : status === 403
          ? { title: t("detail.forbiddenTitle"), body: t("detail.forbiddenBody") }
          : { title: t("common:error.serverTitle"), body: t("common:error.serverBody") };
  return (
    <section aria-labelledby="application-error-title" className="max-w-xl">
      <p className="text-4xl font-bold text-brand-700">{status}</p>
      <h1 id="application-error-title" className="mt-2 text-2xl font-semibold">
        {text.title}
      </h1>
      <p className="mt-2 text-stone-700">{text.body}</p>
      <p className="mt-4 flex flex-wrap gap-4">
        {status === 409 && id ? (
          <Link to={`/staff/applications/${id}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("detail.seeOutcome")}
          </Link>
        ) : null}
        <Link to="/staff/applications" className="font-medium text-brand-700 underline underline-offset-4">
          {t("detail.back")}
        </Link>
      </p>
    </section>
  );
}
