// The new-password pair of the reset and change-password forms: the site's password rule
// (password-policy.ts) typed twice, so that a typo does not lock the person out.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, newPasswordSchema } from "./password-policy";

export const newPasswordFields = {
  newPassword: newPasswordSchema,
  confirmPassword: z.string("account:errors.confirmPasswordRequired").max(PASSWORD_MAX_LENGTH, "account:errors.passwordsDiffer"),
};

/** For `.refine`: the confirmation repeats the new password. */
export function passwordsMatch(value: { newPassword: string; confirmPassword: string }): boolean {
  return value.newPassword === value.confirmPassword;
}

export const passwordsDifferIssue = { path: ["confirmPassword"], message: "account:errors.passwordsDiffer" };
