// What the command line says when a command fails: the one mapping of a DomainError for the CLI
// (its kind and English message on stderr; exit 2 for bad input, 1 otherwise), and a readable line
// for anything else by its class and codes, never its message and never "[object Response]".
import type { DomainError } from "../app/domain/errors/domain-error";
import { isDomainError } from "../app/domain/errors/domain-error";
import { describeError } from "../server/logger.server";

const KIND_LABEL: Record<DomainError["kind"], string> = {
  invalid: "invalid input",
  forbidden: "not allowed",
  "not-found": "not found",
  conflict: "conflict",
  "rate-limited": "too many attempts",
};

/** The message for stderr and the exit code of a command that threw `error`. */
export function describeCliError(error: unknown): { message: string; exitCode: number } {
  if (isDomainError(error)) {
    const retry = error.retryAfterSeconds !== null ? ` (try again in ${error.retryAfterSeconds} s)` : "";
    return { message: `${KIND_LABEL[error.kind]}: ${error.message}${retry}`, exitCode: error.kind === "invalid" ? 2 : 1 };
  }
  // A web answer that reached the command line (a guard meant for pages): its status, not its class.
  if (error instanceof Response) return { message: `failed: HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ""}`, exitCode: 1 };
  // Anything else is told by class, codes and frames like a log line: a failed query's message lists
  // its parameters (identities, stories), and the terminal's scrollback is a log too.
  return { message: `failed: ${JSON.stringify(describeError(error), null, 2)}`, exitCode: 1 };
}
