// /organisation/members — an organisation's admins see its people and pending invitations, invite
// colleagues by email, withdraw invitations, change roles and remove people. Every button is its
// own small form with an `intent`, so the page works without JavaScript; a change that succeeds
// redirects back here with a notice (post/redirect/get), one that is refused answers 409.
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { forbidden, requireMember } from "../domain/auth/guards.server";
import { canInviteMembers, canManageMembers } from "../domain/auth/permissions";
import { MEMBERSHIP_ROLES, rolesForKind } from "../domain/auth/roles";
import type { MemberChangeResult } from "../domain/organisations/members.server";
import { changeRole, inviteMember, listPeople, removeMember, revokeInvitation } from "../domain/organisations/members.server";
import { withNamespaces } from "../i18n/client-namespaces";
import { getPageLocale } from "../i18n/page-locale.server";
import { ErrorList, FormErrors, SubmitButton, TextField, inputClass } from "../ui/form";
import { formatDate } from "../ui/format-time";
import { keepRetryAfter } from "../ui/keep-retry-after";
import { titleMeta } from "../ui/meta";

export const handle = { i18n: ["members"] };
export const clientLoader = withNamespaces("members");

const PATH = "/organisation/members";

const inviteSchema = z.object({
  intent: z.literal("invite"),
  // Pasted addresses often carry spaces; the domain lower-cases the address.
  email: z.string("members:errors.emailInvalid").trim().pipe(z.email("members:errors.emailInvalid").max(200, "members:errors.emailInvalid")),
  role: z.enum(MEMBERSHIP_ROLES, "members:errors.roleInvalid"),
});
const revokeSchema = z.object({ intent: z.literal("revoke"), invitationId: z.string().min(1) });
const removeSchema = z.object({ intent: z.literal("remove"), membershipId: z.string().min(1) });
const roleSchema = z.object({ intent: z.literal("change-role"), membershipId: z.string().min(1), role: z.enum(MEMBERSHIP_ROLES, "members:errors.roleInvalid") });

/** What a successful change says when the page comes back (`?done=`). */
const NOTICES = ["invited", "invited-unmailed", "revoked", "removed", "role-changed"] as const;
type Notice = (typeof NOTICES)[number];
const isNotice = (value: string | null): value is Notice => NOTICES.some((n) => n === value);

async function requireMemberAdmin(request: Request, context: LoaderFunctionArgs["context"]) {
  const actor = await requireMember(request, context);
  if (!canManageMembers(actor)) throw forbidden();
  return actor;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireMemberAdmin(request, context);
  const [{ locale, t }, people] = await Promise.all([getPageLocale(request), listPeople({ db: context.runtime.db, actor })]);
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: t("meta.suffix", { title: t("members:title") }),
    organisationName: actor.membership.organisationName,
    roles: rolesForKind(actor.membership.kind),
    canInvite: canInviteMembers(actor),
    myUserId: actor.userId,
    notice: isNotice(done) ? done : null,
    members: people.members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString(), joined: formatDate(m.joinedAt, locale) })),
    invitations: people.invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), expires: formatDate(i.expiresAt, locale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const headers = keepRetryAfter;

const REFUSALS: Record<Exclude<MemberChangeResult["kind"], "done">, { message: string; status: number }> = {
  "last-admin": { message: "members:errors.lastAdmin", status: 409 },
  self: { message: "members:errors.self", status: 409 },
  "role-not-allowed": { message: "members:errors.roleInvalid", status: 400 },
};

function refused(message: string, status: number) {
  return data({ intent: "change" as const, message }, { status });
}

function changed(result: MemberChangeResult, notice: Notice) {
  if (result.kind === "done") return redirect(`${PATH}?done=${notice}`);
  const refusal = REFUSALS[result.kind];
  return refused(refusal.message, refusal.status);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireMemberAdmin(request, context);
  const formData = await request.formData();
  const { db, rateLimits, mailer, logger, publicUrl } = context.runtime;
  const ip = context.clientIp || null;
  switch (formData.get("intent")) {
    case "invite": {
      const submission = parseWithZod(formData, { schema: inviteSchema });
      if (submission.status !== "success") return data({ intent: "invite" as const, reply: submission.reply() }, { status: 400 });
      const { locale, t } = await getPageLocale(request);
      const result = await inviteMember({ db, rateLimits, mailer, logger, publicUrl, locale, actor, email: submission.value.email, role: submission.value.role, ip });
      if (result.kind === "not-verified") return data({ intent: "invite" as const, reply: submission.reply({ formErrors: ["members:invite.notVerified"] }) }, { status: 403 });
      if (result.kind === "rate-limited") {
        const formErrors = [t("members:errors.inviteRateLimited", { count: Math.ceil(result.retryAfterSeconds / 60) })];
        return data({ intent: "invite" as const, reply: submission.reply({ formErrors }) }, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
      }
      if (result.kind === "already-member") return data({ intent: "invite" as const, reply: submission.reply({ fieldErrors: { email: ["members:errors.alreadyMember"] } }) }, { status: 400 });
      if (result.kind === "role-not-allowed") return data({ intent: "invite" as const, reply: submission.reply({ fieldErrors: { role: ["members:errors.roleInvalid"] } }) }, { status: 400 });
      return redirect(`${PATH}?done=${result.mailed ? "invited" : "invited-unmailed"}`);
    }
    case "revoke": {
      const parsed = revokeSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refused("members:errors.badRequest", 400);
      const result = await revokeInvitation({ db, actor, invitationId: parsed.data.invitationId, ip });
      return result.kind === "revoked" ? redirect(`${PATH}?done=revoked`) : refused("members:errors.alreadyAccepted", 409);
    }
    case "remove": {
      const parsed = removeSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refused("members:errors.badRequest", 400);
      return changed(await removeMember({ db, actor, membershipId: parsed.data.membershipId, ip }), "removed");
    }
    case "change-role": {
      const parsed = roleSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refused("members:errors.roleInvalid", 400);
      return changed(await changeRole({ db, actor, membershipId: parsed.data.membershipId, role: parsed.data.role, ip }), "role-changed");
    }
    default:
      return refused("members:errors.badRequest", 400);
  }
}

const TH = "px-3 py-2 text-left text-sm font-semibold text-stone-700";
const TD = "px-3 py-2 align-top";

export default function MembersPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("members");
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.reply : undefined,
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onBlur", shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    defaultValue: { role: page.roles.includes("member") ? "member" : "caseworker" },
  });
  const roleLabel = (role: string) => t(`roles.${role}`);
  const { key: roleKey, ...roleProps } = getSelectProps(fields.role);

  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-semibold text-stone-900">{t("title")}</h1>
        <p className="mt-1 text-stone-700">{t("intro", { organisation: page.organisationName })}</p>
      </header>

      {page.notice ? (
        <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3 text-sm font-medium text-emerald-900">
          {t(`notices.${page.notice}`)}
        </p>
      ) : null}
      {actionData?.intent === "change" ? <FormErrors id="change-errors" errors={[actionData.message]} /> : null}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-xl font-semibold text-stone-900">
          {t("members.heading", { count: page.members.length })}
        </h2>
        <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="min-w-full divide-y divide-stone-200">
            <thead className="bg-stone-50">
              <tr>
                <th scope="col" className={TH}>{t("members.name")}</th>
                <th scope="col" className={TH}>{t("members.email")}</th>
                <th scope="col" className={TH}>{t("members.role")}</th>
                <th scope="col" className={TH}>{t("members.joined")}</th>
                <th scope="col" className={TH}>{t("members.actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {page.members.map((m) => {
                const isMe = m.userId === page.myUserId;
                return (
                  <tr key={m.membershipId}>
                    <th scope="row" className={`${TD} text-left font-medium text-stone-900`}>
                      {m.displayName}
                      {isMe ? <span className="ml-1 font-normal text-stone-600">{t("members.you")}</span> : null}
                    </th>
                    <td className={`${TD} break-all`}>{m.email}</td>
                    <td className={TD}>{roleLabel(m.role)}</td>
                    <td className={TD}>
                      <time dateTime={m.joinedAt}>{m.joined}</time>
                    </td>
                    <td className={TD}>
                      {isMe ? (
                        <span className="text-sm text-stone-600">{t("members.noSelfChange")}</span>
                      ) : (
                        <div className="flex flex-wrap items-end gap-2">
                          <Form method="post" className="flex items-end gap-2">
                            <input type="hidden" name="intent" value="change-role" />
                            <input type="hidden" name="membershipId" value={m.membershipId} />
                            <div>
                              <label htmlFor={`role-${m.membershipId}`} className="sr-only">
                                {t("members.roleOf", { name: m.displayName })}
                              </label>
                              <select id={`role-${m.membershipId}`} name="role" defaultValue={m.role} className={inputClass}>
                                {page.roles.map((role) => (
                                  <option key={role} value={role}>
                                    {roleLabel(role)}
                                  </option>
                                ))}
                              </select>
                            </div>
                            <SubmitButton variant="secondary">
                              {t("members.changeRole")}
                              <span className="sr-only">: {m.displayName}</span>
                            </SubmitButton>
                          </Form>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="membershipId" value={m.membershipId} />
                            <SubmitButton variant="danger">
                              {t("members.remove")}
                              <span className="sr-only">: {m.displayName}</span>
                            </SubmitButton>
                          </Form>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-sm text-stone-600">{t("members.sessionsNote")}</p>
      </section>

      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading" className="text-xl font-semibold text-stone-900">
          {t("invitations.heading")}
        </h2>
        {page.invitations.length === 0 ? (
          <p className="mt-3 text-stone-700">{t("invitations.none")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="min-w-full divide-y divide-stone-200">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={TH}>{t("invitations.email")}</th>
                  <th scope="col" className={TH}>{t("invitations.role")}</th>
                  <th scope="col" className={TH}>{t("invitations.expires")}</th>
                  <th scope="col" className={TH}>{t("members.actions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {page.invitations.map((i) => (
                  <tr key={i.id}>
                    <th scope="row" className={`${TD} break-all text-left font-medium text-stone-900`}>{i.email}</th>
                    <td className={TD}>{roleLabel(i.role)}</td>
                    <td className={TD}>
                      <time dateTime={i.expiresAt}>{i.expires}</time>
                    </td>
                    <td className={TD}>
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={i.id} />
                        <SubmitButton variant="danger">
                          {t("invitations.revoke")}
                          <span className="sr-only">: {i.email}</span>
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="invite-heading" className="max-w-md">
        <h2 id="invite-heading" className="text-xl font-semibold text-stone-900">
          {t("invite.heading")}
        </h2>
        <p className="mt-1 text-stone-700">{page.canInvite ? t("invite.intro") : t("invite.notVerified")}</p>
        {page.canInvite ? (
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="invite" />
            <TextField field={fields.email} label={t("invite.email")} type="email" autoComplete="off" inputMode="email" />
            <div>
              <label htmlFor={fields.role.id} className="block font-medium text-stone-800">
                {t("invite.role")}
              </label>
              <select {...roleProps} key={roleKey} className={inputClass}>
                {page.roles.map((role) => (
                  <option key={role} value={role}>
                    {roleLabel(role)}
                  </option>
                ))}
              </select>
              <ErrorList id={fields.role.errorId} errors={fields.role.errors} />
            </div>
            <SubmitButton>{t("invite.submit")}</SubmitButton>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
