// Resident identity numbers (GB 11643): 6-digit region, 8-digit birth date, 3-digit sequence
// (odd for men), and an ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

export type ResidentIdProblem = "format" | "birth-date" | "check-digit";

/** The check character for the first 17 digits of a resident ID. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? "";
}

/** Upper-cases the check character and removes spaces and dashes; does not validate. */
export function normaliseResidentId(raw: string): string {
  return raw
    .replace(/[\s-]/g, "")
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[xＸｘ]$/, "X");
}

export function residentIdBirthDate(id: string): { year: number; month: number; day: number } | null {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || date.getTime() > Date.now()) return null;
  return { year, month, day };
}

/** Returns the first problem with a normalised resident ID, or null when it is valid. */
export function checkResidentId(id: string): ResidentIdProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return "format";
  if (!residentIdBirthDate(id)) return "birth-date";
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return "check-digit";
  return null;
}

export function residentIdSex(id: string): "male" | "female" {
  return Number(id[16]) % 2 === 1 ? "male" : "female";
}
