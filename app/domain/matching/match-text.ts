// The free text a step of a match carries (a message, a reason, an outcome note): trimmed, at most
// 1,000 characters; required where the step needs one. Pure.
import { invalid } from "../errors/domain-error";

export const MATCH_TEXT_MAX = 1000;

export function matchText(value: string | null | undefined, field: string, options: { required: boolean }): string | null {
  const text = (value ?? "").trim();
  if (!text) {
    if (options.required) throw invalid(`${field} is required`);
    return null;
  }
  if (text.length > MATCH_TEXT_MAX) throw invalid(`${field} is longer than ${MATCH_TEXT_MAX} characters`);
  return text;
}
