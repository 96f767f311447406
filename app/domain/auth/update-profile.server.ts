import { eq } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { recordAudit } from "../audit/record-audit.server";
import type { Actor } from "./actor";

/** Renames the actor. The audit entry says that the name changed, not what to: the log keeps no names. */
export async function updateDisplayName({ db, actor, displayName, ip }: { db: Database; actor: Actor; displayName: string; ip: string | null }): Promise<void> {
  if (displayName === actor.displayName) return;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ displayName, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await recordAudit(tx, {
      actor,
      action: "user.update-profile",
      entity: "user",
      entityId: actor.userId,
      organisationId: actor.membership?.organisationId ?? null,
      regionCode: actor.membership?.regionCode ?? null,
      ip,
      after: { changed: ["displayName"] },
    });
  });
}
