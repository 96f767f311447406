// What a new password must be: long enough to resist guessing (NIST SP 800-63B: length over
// composition rules), short enough that Argon2 is not made to hash megabytes.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-length";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-length";

/** A new password field; messages are i18n keys of the "auth" namespace. */
export const newPasswordSchema = z
  .string("auth:errors.passwordTooShort")
  .min(PASSWORD_MIN_LENGTH, "auth:errors.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "auth:errors.passwordTooLong");

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}
