// The pledge form (/give): what a donor may write, with the limits the page states. Checked on the
// server (public pages carry no zod); messages are i18n keys of the common `pledges` section.
import { z } from "zod";
import { moneyTextSchema } from "../money/money-text";

/** The largest pledge the form takes, in yuan: more than this is arranged with the union directly. */
export const PLEDGE_MAX_AMOUNT = "1000000.00";
export const PLEDGE_LIMITS = {
  displayName: 40,
  contact: 100,
  message: 500,
} as const;

// Canonical amounts ("1234.50") compare as whole fen; BigInt keeps amounts out of JS numbers.
const fen = (canonical: string) => BigInt(canonical.replace(".", ""));

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value) => (value ? value : null));

/** What a pledge goes to: a published need (its union's need fund) or a union's general fund. */
export type PledgeTarget =
  | { kind: "need"; needRef: string }
  | { kind: "union"; organisationId: string };

export const pledgeFormSchema = z
  .object({
    /** The form's key (hidden field): one pledge per key, whatever the number of submissions. */
    key: z
      .string("pledges:errors.formExpired")
      .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "pledges:errors.formExpired"),
    /** A need's reference, or empty for a union's general fund. */
    need: z
      .string()
      .regex(/^N-[2-9A-HJKMNP-TV-Z]{7}$/, "pledges:errors.needNotFound")
      .optional(),
    union: z.uuid("pledges:errors.unionRequired").optional(),
    amount: moneyTextSchema("positive").refine(
      (amount) => fen(amount) <= fen(PLEDGE_MAX_AMOUNT),
      "pledges:errors.amountTooLarge"
    ),
    anonymous: z.literal("on").optional(),
    displayName: optionalText(
      PLEDGE_LIMITS.displayName,
      "pledges:errors.displayNameTooLong"
    ),
    contact: optionalText(
      PLEDGE_LIMITS.contact,
      "pledges:errors.contactTooLong"
    ),
    message: optionalText(
      PLEDGE_LIMITS.message,
      "pledges:errors.messageTooLong"
    ),
  })
  .superRefine((form, ctx) => {
    if (!form.anonymous && !form.displayName)
      ctx.addIssue({
        code: "custom",
        path: ["displayName"],
        message: "pledges:errors.displayNameRequired",
      });
  })
  .transform((form, ctx) => {
    const target: PledgeTarget | null = form.need
      ? { kind: "need", needRef: form.need }
      : form.union
      ? { kind: "union", organisationId: form.union }
      : null;
    if (!target) {
      ctx.addIssue({
        code: "custom",
        path: ["union"],
        message: "pledges:errors.unionRequired",
      });
      return z.NEVER;
    }
    return {
      key: form.key,
      target,
      amount: form.amount,
      displayName: form.anonymous ? null : form.displayName,
      contact: form.contact,
      message: form.message,
    };
  });

export type PledgeInput = z.output<typeof pledgeFormSchema>;
