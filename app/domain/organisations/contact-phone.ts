// The contact phone of a registered organisation: a mainland mobile, or a landline with its area
// code (0872-7123456, (010) 6512 3456, +86 871 6512 3456). Stored normalised, so the union admin
// who reviews the registration reads every number the same way.
import { normaliseMobile } from "../cases/phone";

// Area codes: 010 and 02x have three digits (Beijing, Shanghai, Guangzhou …), every other one
// four; the local number has 7 or 8 digits and never starts with 0 or 1.
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})$/;

/** "13912345678" or "0872-1234567", or null when the text is neither a mobile nor a landline. */
export function normaliseContactPhone(raw: string): string | null {
  const mobile = normaliseMobile(raw);
  if (mobile) return mobile;
  const digits = raw
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/＋/g, "+")
    .replace(/[\s\-－()（）]/g, "")
    // Dialled from abroad the area code loses its leading 0: +86 871 … is 0871 ….
    .replace(/^(\+86|0086)(?=[1-9])/, "0");
  const match = LANDLINE.exec(digits);
  return match?.[1] && match[2] ? `${match[1]}-${match[2]}` : null;
}
