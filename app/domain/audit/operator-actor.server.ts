// The actor of the command line: whoever runs `npm run cli` on the server, by their
// operating-system account, so the audit log says who exported identities or changed accounts.
import { hostname, userInfo } from "node:os";
import type { OperatorActor } from "./record-audit.server";

/** The operator running this process. */
export function currentOperator(): OperatorActor {
  let osUser: string;
  try {
    osUser = userInfo().username;
  } catch {
    // A uid without a passwd entry (some containers): the number is still who it was.
    osUser = `uid-${process.getuid?.() ?? "unknown"}`;
  }
  return { kind: "operator", osUser: osUser || "unknown", host: hostname() };
}
