// The length bounds of a new password, without the schema (password-policy.ts), so that a page's
// browser bundle can show them without carrying zod.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
