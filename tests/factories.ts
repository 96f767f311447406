// Generated, obviously fake identities that still pass format checks: every name starts with 测试,
// every address is on 测试路, phones are 1990000xxxx, resident IDs use sequence digits 9xx.
import { residentIdCheckChar } from "../app/domain/cases/resident-id";
import type { ImportDocumentInput } from "../app/domain/import/import-document";

type CaseInput = NonNullable<ImportDocumentInput["cases"]>[number];
type OfferInput = NonNullable<ImportDocumentInput["offers"]>[number];

/** Birth date spread over 13,440 days; with the sequence digits below, n < 672,000 never repeats an ID. */
export function fakeBirth(n: number): { year: number; date: string } {
  const year = 1960 + (n % 40);
  const month = 1 + (Math.floor(n / 40) % 12);
  const day = 1 + (Math.floor(n / 480) % 28);
  return { year, date: `${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}` };
}

export function fakeResidentId(n: number, options: { region?: string; male?: boolean } = {}): string {
  const sexDigit = 2 * (Math.floor(n / 13_440) % 5) + (options.male === false ? 0 : 1);
  const first17 = `${options.region ?? "532923"}${fakeBirth(n).date}9${Math.floor(n / 67_200) % 10}${sexDigit}`;
  return first17 + residentIdCheckChar(first17);
}

export function fakeCase(n: number, overrides: Partial<CaseInput> = {}): CaseInput {
  // Needs are published only for a checked household: one with needs is being assisted, whether
  // a re-import publishes them or not; one without any is just registered.
  const hasNeeds = overrides.needs === undefined || overrides.needs.length > 0;
  return {
    key: `case-${n}`,
    organisation: "xy-union",
    region: "532923",
    head: {
      name: `测试${"甲乙丙丁戊己庚辛壬癸"[n % 10]}${n}`,
      idNumber: fakeResidentId(n),
      phone: `1990000${String(n).padStart(4, "0")}`,
      address: `测试路 ${n} 号`,
      birthYear: fakeBirth(n).year,
      sex: "male",
    },
    householdSize: 3,
    monthlyIncomePerHead: "650.00",
    causes: ["disability"],
    tier: "general",
    ...(hasNeeds ? { status: "assisting" as const } : {}),
    consent: true,
    needs: [
      {
        key: `need-${n}`,
        category: "job",
        title: `需要一份适合的电工工作 ${n}`,
        story: "有多年水电安装经验，腿部受伤后需要一份不需要久站的工作。",
        skills: ["电工"],
        amount: null,
        publish: true,
      },
    ],
    ...overrides,
  };
}

export function fakeOffer(n: number, overrides: Partial<OfferInput> = {}): OfferInput {
  return {
    key: `offer-${n}`,
    organisation: "dali-employer",
    category: "job",
    title: `招聘水电工 ${n}`,
    description: "负责厂区水电维修，包食宿。",
    skills: ["水电工"],
    regions: ["5329"],
    capacity: 2,
    amount: null,
    validUntil: "2027-06-30",
    ...overrides,
  };
}

/** A small valid document: a union tree in Dali, an employer, cases and offers. */
export function fakeDocument(options: { cases?: number; offers?: number } = {}): ImportDocumentInput {
  return {
    version: 1,
    organisations: [
      { key: "dali-union", kind: "union", name: "大理白族自治州总工会", region: "5329" },
      { key: "xy-union", kind: "union", name: "祥云县总工会", region: "532923", parent: "dali-union" },
      { key: "dali-employer", kind: "employer", name: "测试建材有限公司", region: "5329" },
    ],
    cases: Array.from({ length: options.cases ?? 3 }, (_, i) => fakeCase(i + 1)),
    offers: Array.from({ length: options.offers ?? 2 }, (_, i) => fakeOffer(i + 1)),
  };
}
