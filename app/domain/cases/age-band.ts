/** 10-year age bands; minors get "child" with no age at all (DESIGN §3). */
export type AgeBand = "child" | `${number}-${number}` | "80+";

export function ageBand(birthYear: number, today: Date = new Date()): AgeBand {
  const age = today.getUTCFullYear() - birthYear;
  if (age < 18) return "child";
  if (age >= 80) return "80+";
  // 18 and 19 fall in 10-19 with the adults: the band says "young adult", not "minor".
  const low = Math.floor(age / 10) * 10;
  return `${low}-${low + 9}`;
}
