/** Normalises a mainland mobile number (+86, spaces, dashes, full-width digits) to 11 digits, or null. */
export function normaliseMobile(raw: string): string | null {
  const digits = raw
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/＋/g, "+")
    .replace(/[\s\-()（）]/g, "")
    .replace(/^(\+?86|0086)(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
