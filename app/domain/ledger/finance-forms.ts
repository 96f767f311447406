// The finance staff's forms, one zod schema each, shared by the browser (Conform) and the server.
// Messages are i18n keys of common:finance.errors.*.
import { z } from "zod";
import { moneyTextSchema } from "../money/money-text";
import { FUND_SOURCES, PAYEE_KINDS, RECEIPT_METHODS } from "./ledger-vocabulary";

const required = (max: number) =>
  z
    .string("finance:errors.required")
    .trim()
    .min(1, "finance:errors.required")
    .max(max, "finance:errors.tooLong");
const optional = (max: number) => z.string().trim().max(max, "finance:errors.tooLong").optional();
const key = z.string("finance:errors.required").min(1).max(200);

/** Money received: against a pledge (its reference), or by source into a general fund or a need's fund. */
export const receiptSchema = z
  .object({
    idempotencyKey: key,
    pledgeRef: optional(20),
    source: z.enum(FUND_SOURCES, "finance:errors.required").optional(),
    needRef: optional(20),
    amount: moneyTextSchema("positive"),
    valueDate: z.string("finance:errors.required").regex(/^\d{4}-\d{2}-\d{2}$/, "finance:errors.date"),
    method: z.enum(RECEIPT_METHODS, "finance:errors.required"),
    bankReference: optional(100),
    memo: optional(500),
  })
  .refine((v) => Boolean(v.pledgeRef) || Boolean(v.source), { path: ["source"], message: "finance:errors.sourceOrPledge" });

export const allocationSchema = z.object({
  idempotencyKey: key,
  source: z.enum(FUND_SOURCES, "finance:errors.required"),
  needRef: required(20),
  amount: moneyTextSchema("positive"),
  memo: optional(500),
});

/** A fund is "general:<source>" or "need:<ref>". */
export const FUND_CHOICE = /^(general:(government|union|donations)|need:[A-Z]-[0-9A-Z]{4,12})$/;

export const disbursementSchema = z.object({
  idempotencyKey: key,
  fund: z.string("finance:errors.required").regex(FUND_CHOICE, "finance:errors.required"),
  payeeName: required(200),
  payeeKind: z.enum(PAYEE_KINDS, "finance:errors.required"),
  purpose: required(500),
  invoiceRef: optional(100),
  amount: moneyTextSchema("positive"),
});

export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), ref: z.string().min(1) }),
  z.object({ intent: z.literal("reject"), ref: z.string().min(1), reason: required(500) }),
  // Not a disbursement: an open pledge the donor will not pay.
  z.object({ intent: z.literal("cancel-pledge"), ref: z.string().min(1) }),
]);

export const reverseSchema = z.object({ reason: required(500) });

export const bankDetailsSchema = z.object({
  accountName: required(200),
  bankName: required(200),
  accountNumber: required(60),
  contact: required(200),
});
