// The signed-in sessions of one's account on /account, each with a button to end it (except the
// one in use: that is "sign out"). Times and device names arrive as text from the loader.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface SessionRow {
  id: string;
  device: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  isCurrent: boolean;
}

export function SessionList({ sessions }: { sessions: readonly SessionRow[] }) {
  const { t } = useTranslation("account");
  return (
    <ul className="divide-y divide-stone-200 rounded-md border border-stone-200">
      {sessions.map((session, index) => {
        const labelId = `session-${index}`;
        return (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
            <div>
              <p id={labelId} className="font-medium text-stone-900">
                {session.device}
                {session.isCurrent ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-sm font-medium text-brand-800">{t("sessions.thisDevice")}</span> : null}
              </p>
              <p className="text-sm text-stone-600">
                {t("sessions.details", { createdAt: session.createdAt, lastSeenAt: session.lastSeenAt })}
                {session.ip ? ` · ${t("sessions.ip", { ip: session.ip })}` : null}
              </p>
            </div>
            {session.isCurrent ? null : (
              <Form method="post">
                <input type="hidden" name="sessionId" value={session.id} />
                <button
                  type="submit"
                  name="intent"
                  value="revoke-session"
                  aria-describedby={labelId}
                  className="inline-flex min-h-11 items-center rounded-md border border-stone-400 bg-white px-3 py-2 text-sm font-medium text-stone-800 hover:bg-stone-100"
                >
                  {t("sessions.revoke")}
                </button>
              </Form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
