// /staff/organisations/:id — one registered organisation of the admin's region, with its private
// contact and who registered it, and the decision: verify, or reject with a reason the applicant
// reads. Another region's organisation is a 404; a decision already taken is a 409.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Actor } from "../domain/auth/actor";
import { requireUnionStaff } from "../domain/auth/guards.server";
import { getOrganisationForReview } from "../domain/organisations/organisations-for-review.server";
import { reviewOrganisation } from "../domain/organisations/review-organisation.server";
import { rejectSchema, reviewSchema } from "../domain/organisations/review-schema";
import { regionTrailLabel } from "../domain/regions/region-choices.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { FormErrors, SubmitButton, TextAreaField } from "../ui/form";
import { formatDateTime } from "../ui/format-time";
import { contentLang, useLabels, useLocale } from "../ui/labels";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["organisations"] };
export const clientLoader = withNamespaces("organisations");

async function organisationInScope(context: LoaderFunctionArgs["context"], actor: Actor, id: string | undefined) {
  const organisation = await getOrganisationForReview({ db: context.runtime.db, actor, organisationId: id ?? "" });
  if (!organisation) throw new Response("No such organisation in your region.", { status: 404 });
  return organisation;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin"]);
  const [organisation, { locale, t }, directory] = await Promise.all([organisationInScope(context, actor, params.id), getPageLocale(request), getRegionDirectory(context.runtime.db)]);
  return {
    title: t("meta.suffix", { title: organisation.name }),
    organisation: { ...organisation, region: regionTrailLabel(directory, organisation.regionCode, locale) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireUnionStaff(request, context, ["admin"]);
  const organisation = await organisationInScope(context, actor, params.id);
  const submission = parseWithZod(await request.formData(), { schema: reviewSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { runtime } = context;
  const { locale } = await getPageLocale(request);
  await reviewOrganisation({
    db: runtime.db,
    actor,
    organisationId: organisation.id,
    decision: submission.value,
    ip: context.clientIp || null,
    mail: { mailer: runtime.mailer, logger: runtime.logger, publicUrl: runtime.publicUrl, locale },
  });
  return redirect(`/staff/organisations/${organisation.id}`);
}

const dt = "font-medium text-stone-700";

export default function OrganisationReview() {
  const { organisation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("organisations");
  const labels = useLabels();
  const locale = useLocale();
  const [rejectForm, rejectFields] = useForm({
    id: "reject",
    lastResult,
    constraint: getZodConstraint(rejectSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rejectSchema }),
  });
  const { firstMember } = organisation;
  return (
    <section aria-labelledby="organisation-title" className="max-w-3xl">
      <p>
        <Link to="/staff/organisations" className="text-sm font-medium text-brand-700 underline underline-offset-4">
          {t("review.back")}
        </Link>
      </p>
      <h1 id="organisation-title" className="mt-2 text-2xl font-semibold" lang={contentLang(organisation.name, locale)}>
        {organisation.name}
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className={dt}>{t("own.kind")}</dt>
        <dd>{labels.organisationKind(organisation.kind)}</dd>
        <dt className={dt}>{t("own.region")}</dt>
        <dd>{organisation.region}</dd>
        <dt className={dt}>{t("own.status")}</dt>
        <dd>{t(`status.${organisation.status}`)}</dd>
        <dt className={dt}>{t("own.registeredAt")}</dt>
        <dd>{formatDateTime(organisation.createdAt, locale)}</dd>
        {organisation.reviewedAt ? (
          <>
            <dt className={dt}>{t("own.reviewedAt")}</dt>
            <dd>{organisation.reviewerName ? t("review.reviewedBy", { date: formatDateTime(organisation.reviewedAt, locale), name: organisation.reviewerName }) : formatDateTime(organisation.reviewedAt, locale)}</dd>
          </>
        ) : null}
        {organisation.rejectionReason ? (
          <>
            <dt className={dt}>{t("own.rejectionReason")}</dt>
            <dd className="whitespace-pre-line">{organisation.rejectionReason}</dd>
          </>
        ) : null}
      </dl>
      {organisation.description ? (
        <>
          <h2 className="mt-6 text-lg font-semibold">{t("own.description")}</h2>
          <p className="mt-1 whitespace-pre-line" lang={contentLang(organisation.description, locale)}>
            {organisation.description}
          </p>
        </>
      ) : null}
      <h2 className="mt-6 text-lg font-semibold">{t("review.contact")}</h2>
      <p className="text-sm text-stone-600">{t("review.contactPrivate")}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className={dt}>{t("fields.contactName")}</dt>
        <dd>{organisation.contactName ?? "—"}</dd>
        <dt className={dt}>{t("fields.contactEmail")}</dt>
        <dd>{organisation.contactEmail ? <a href={`mailto:${organisation.contactEmail}`} className="text-brand-700 underline">{organisation.contactEmail}</a> : "—"}</dd>
        <dt className={dt}>{t("fields.contactPhone")}</dt>
        <dd>{organisation.contactPhone ? <a href={`tel:${organisation.contactPhone}`} className="text-brand-700 underline">{organisation.contactPhone}</a> : "—"}</dd>
        <dt className={dt}>{t("review.website")}</dt>
        <dd>{organisation.website ? <a href={organisation.website} rel="noopener noreferrer nofollow" className="break-all text-brand-700 underline">{organisation.website}</a> : "—"}</dd>
        <dt className={dt}>{t("review.firstMember")}</dt>
        <dd>{firstMember ? `${firstMember.displayName} <${firstMember.email}>` : "—"}</dd>
      </dl>
      {organisation.status === "pending" ? (
        <section aria-labelledby="decision-title" className="mt-8 space-y-6 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
          <h2 id="decision-title" className="text-lg font-semibold">
            {t("review.decisionTitle")}
          </h2>
          <Form method="post" className="space-y-2">
            <input type="hidden" name="decision" value="verify" />
            <p className="text-stone-700">{t("review.verifyHint")}</p>
            <SubmitButton>{t("review.verify")}</SubmitButton>
          </Form>
          <Form method="post" {...getFormProps(rejectForm)} className="space-y-3 border-t border-stone-200 pt-6">
            <FormErrors id={rejectForm.errorId} errors={rejectForm.errors} />
            <input type="hidden" name="decision" value="reject" />
            <TextAreaField field={rejectFields.reason} label={t("review.reason")} hint={t("review.reasonHint")} />
            <SubmitButton variant="danger">{t("review.reject")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { id } = useParams();
  const { t } = useTranslation("organisations");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const text =
    status === 409
      ? { title: t("review.alreadyTitle"), body: t("review.alreadyBody") }
      : status === 404
        ? { title: t("common:error.notFoundTitle"), body: t("review.notFoundBody") }
        : status === 403
          ? { title: t("errors.forbiddenTitle"), body: t("errors.forbiddenBody") }
          : { title: t("common:error.serverTitle"), body: t("common:error.serverBody") };
  return (
    <section aria-labelledby="review-error-title" className="max-w-xl">
      <p className="text-4xl font-bold text-brand-700">{status}</p>
      <h1 id="review-error-title" className="mt-2 text-2xl font-semibold">
        {text.title}
      </h1>
      <p className="mt-2 text-stone-700">{text.body}</p>
      <p className="mt-4 flex flex-wrap gap-4">
        {status === 409 && id ? (
          <Link to={`/staff/organisations/${id}`} className="font-medium text-brand-700 underline underline-offset-4">
            {t("review.seeDecision")}
          </Link>
        ) : null}
        <Link to="/staff/organisations" className="font-medium text-brand-700 underline underline-offset-4">
          {t("review.back")}
        </Link>
      </p>
    </section>
  );
}
