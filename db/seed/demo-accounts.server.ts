// One demo account for each role (README lists them), created with the demo data set. They are
// marked `is_demo` and disabled whenever the site starts with SEED_DEMO=false.
import { eq, inArray, sql } from "drizzle-orm";
import { hashPassword } from "../../app/domain/auth/password.server";
import type { MembershipRole } from "../../app/domain/auth/roles";
import type { IdentityCipher } from "../../app/domain/privacy/identity-cipher.server";
import type { Database } from "../client.server";
import { memberships, users } from "../schema/accounts";
import { organisations } from "../schema/organisations";

export const DEMO_PASSWORD = "xiangyun-demo";
/** Base32; add it to an authenticator app (or `oathtool --totp -b …`) to sign in as a demo admin or finance officer. */
export const DEMO_TOTP_SECRET = "XIANGYUNDEMOXIANGYUNDEMOXIANGYUN";

export interface DemoAccount {
  email: string;
  displayName: string;
  /** Import key of the organisation, or null for a personal account. */
  organisation: string | null;
  role: MembershipRole | null;
  isPlatformAdmin?: boolean;
  totp?: boolean;
}

const at = (local: string) => `${local}@demo.xiangyun.invalid`;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: at("donor"), displayName: "演示捐赠人", organisation: null, role: null },
  { email: at("provider-member"), displayName: "演示培训学校职员", organisation: "demo-training-xinyuan", role: "member" },
  { email: at("provider-admin"), displayName: "演示培训学校管理员", organisation: "demo-training-xinyuan", role: "admin" },
  { email: at("caseworker"), displayName: "演示祥云帮扶干部", organisation: "demo-union-xiangyun", role: "caseworker" },
  { email: at("dali-caseworker"), displayName: "演示大理州帮扶干部", organisation: "demo-union-dali", role: "caseworker" },
  { email: at("finance"), displayName: "演示祥云财务", organisation: "demo-union-xiangyun", role: "finance", totp: true },
  // A disbursement is approved by a finance officer other than the one who asked for it.
  { email: at("finance-approver"), displayName: "演示祥云财务复核", organisation: "demo-union-xiangyun", role: "finance", totp: true },
  { email: at("auditor"), displayName: "演示祥云审计", organisation: "demo-union-xiangyun", role: "auditor" },
  { email: at("union-admin"), displayName: "演示祥云工会管理员", organisation: "demo-union-xiangyun", role: "admin", totp: true },
  { email: at("platform-admin"), displayName: "演示平台管理员", organisation: null, role: null, isPlatformAdmin: true, totp: true },
];

/** Creates the demo accounts that do not exist yet; returns how many were created. */
export async function seedDemoAccounts(options: { db: Database; cipher: IdentityCipher }): Promise<number> {
  const { db, cipher } = options;
  const keys = DEMO_ACCOUNTS.flatMap((a) => (a.organisation ? [a.organisation] : []));
  const orgs = await db.select({ id: organisations.id, key: organisations.importKey }).from(organisations).where(inArray(organisations.importKey, keys));
  const orgId = new Map(orgs.map((o) => [o.key, o.id]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const organisationId = account.organisation ? orgId.get(account.organisation) : null;
    if (account.organisation && !organisationId) continue;
    await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          email: account.email,
          displayName: account.displayName,
          passwordHash,
          isPlatformAdmin: account.isPlatformAdmin ?? false,
          isDemo: true,
          totpSecretEnc: account.totp ? cipher.encrypt("totpSecret", DEMO_TOTP_SECRET) : null,
          totpEnabledAt: account.totp ? new Date() : null,
        })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      if (!user) return;
      created++;
      if (organisationId && account.role) await tx.insert(memberships).values({ userId: user.id, organisationId, role: account.role });
    });
  }
  return created;
}

/** Enables the demo accounts with SEED_DEMO=true and disables them with false; returns how many changed. */
export async function applyDemoAccountSwitch(db: Database, enabled: boolean): Promise<number> {
  const changed = await db
    .update(users)
    .set({ disabledAt: enabled ? null : sql`now()` })
    .where(sql`${users.isDemo} and (${users.disabledAt} is null) = ${!enabled}`)
    .returning({ id: users.id });
  return changed.length;
}

export async function isDemoAccount(db: Database, email: string): Promise<boolean> {
  const [row] = await db.select({ isDemo: users.isDemo }).from(users).where(eq(users.email, email));
  return row?.isDemo ?? false;
}
