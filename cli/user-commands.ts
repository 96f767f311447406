// `create-user` and `grant`: a platform operator's way to the first admin.
//   npm run cli -- create-user --email a@example.org --name "Li Hua" [--platform-admin] [--password-stdin]
//   npm run cli -- grant a@example.org admin --organisation demo-union-xiangyun
//   npm run cli -- grant a@example.org platform-admin
import { parseArgs } from "node:util";
import { createUser, grantRole } from "../app/domain/auth/manage-users.server";
import type { Runtime } from "../server/runtime.server";
import type { CliIo, CommandOutput } from "./cli-io";
import { outputOf, readAll } from "./cli-io";

export type WithRuntime = <T>(command: string, fn: (runtime: Runtime) => Promise<T>) => Promise<T>;

export async function createUserCommand(args: string[], withRuntime: WithRuntime, io: Pick<CliIo, "stdout" | "stderr" | "stdin">): Promise<number> {
  const out = outputOf(io);
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, name: { type: "string" }, "platform-admin": { type: "boolean", default: false }, "password-stdin": { type: "boolean", default: false } },
  });
  if (!values.email || !values.name) {
    out.err('create-user needs --email and --name: npm run cli -- create-user --email a@example.org --name "Li Hua" [--platform-admin] [--password-stdin]');
    return 2;
  }
  const password = values["password-stdin"] ? await readAll(io.stdin) : undefined;
  const email = values.email;
  const name = values.name;
  return withRuntime("create-user", async (runtime) => {
    // Bad input is a DomainError ("invalid"): main() in cli/cli.ts reports it and exits 2.
    const created = await createUser({ db: runtime.db, email, displayName: name, password, platformAdmin: values["platform-admin"] });
    out.out(`created ${created.email}${values["platform-admin"] ? " (platform admin)" : ""}`);
    if (created.setPasswordToken) out.out(`set the password within 24 hours at ${runtime.publicUrl}/reset-password/${created.setPasswordToken}`);
    if (values["platform-admin"]) out.out("platform admins must add an authenticator app (TOTP) at the first sign-in");
    return 0;
  });
}

export async function grantCommand(args: string[], withRuntime: WithRuntime, out: CommandOutput): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { organisation: { type: "string" } } });
  const [email, role] = positionals;
  if (!email || !role) {
    out.err("grant needs an email and a role: npm run cli -- grant <email> <admin|caseworker|finance|auditor|member|platform-admin> [--organisation <key|id>]");
    return 2;
  }
  return withRuntime("grant", async (runtime) => {
    const granted = await grantRole({ db: runtime.db, email, role, organisation: values.organisation });
    out.out(`${granted.email} is now ${granted.role}${granted.organisation ? ` of ${granted.organisation}` : ""}; their sessions were ended`);
    return 0;
  });
}
