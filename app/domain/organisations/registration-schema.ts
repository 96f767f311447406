// The public registration form of an organisation, one schema for the browser and the
// server (Conform). Messages are i18n keys of the "organisations" namespace. What needs the database
// — the region exists, the email is free — the server adds to the same submission.
import { z } from "zod";
import { normaliseContactPhone } from "./contact-phone";

/** Every kind but union: unions are set up by the platform, never registered on the public form. */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/password-policy";
import { REGISTRABLE_KINDS } from "./organisation-vocabulary";


const required = (key: string, max: number) =>
  z
    .string(`organisations:errors.${key}`)
    .trim()
    .min(1, `organisations:errors.${key}`)
    .max(max, `organisations:errors.max${max}`);

const email = z
  .string("organisations:errors.emailInvalid")
  .trim()
  .toLowerCase()
  .pipe(z.email("organisations:errors.emailInvalid").max(200, "organisations:errors.emailInvalid"));

export const registrationSchema = z.object({
  kind: z.enum(REGISTRABLE_KINDS, "organisations:errors.kindRequired"),
  name: required("nameRequired", 120),
  // Any level of GB/T 2260: a province, prefecture or county. That it exists is checked on the server.
  region: z.string("organisations:errors.regionRequired").regex(/^(\d{2}|\d{4}|\d{6})$/, "organisations:errors.regionRequired"),
  description: required("descriptionRequired", 1000),
  contactName: required("contactNameRequired", 60),
  contactEmail: email,
  contactPhone: z.string("organisations:errors.phoneInvalid").transform((raw, ctx) => {
    const phone = normaliseContactPhone(raw);
    if (phone) return phone;
    ctx.addIssue({ code: "custom", message: "organisations:errors.phoneInvalid" });
    return z.NEVER;
  }),
  website: z
    .string()
    .trim()
    .max(200, "organisations:errors.max200")
    // People type "www.example.org"; the scheme is what they mean.
    .transform((value) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`))
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "organisations:errors.websiteInvalid" }))
    .optional(),
  displayName: required("displayNameRequired", 60),
  email,
  // Not trimmed: spaces are part of a password.
  password: z
    .string("organisations:errors.passwordTooShort")
    .min(PASSWORD_MIN_LENGTH, "organisations:errors.passwordTooShort")
    .max(PASSWORD_MAX_LENGTH, "organisations:errors.passwordTooLong"),
});

export type Registration = z.output<typeof registrationSchema>;
