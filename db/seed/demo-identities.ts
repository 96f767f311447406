// Obviously fake identities for demo households that still pass every format check.
//
// The convention, so nobody mistakes a demo household for a real one:
// - resident ID: the county's code, a real birth date (never 1 January, which tests/factories.ts
//   uses), sequence digits 99x (x odd for men, even for women, as GB 11643 has it) and a correct
//   MOD 11-2 check character;
// - phone: 199 0000 5xxx, one block shared by every demo household (tests use 199 0000 0xxx);
// - address: "<county>演示村N组M号（Demo）": there is no 演示村 ("demo village") anywhere. Written
//   without spaces, so the PII guard's address fragments are the whole address, not a bare "12";
// - name: an ordinary name from a fixed list; the ID, phone and address are what give it away.
import { residentIdCheckChar } from "../../app/domain/cases/resident-id";
import type { DemoCounty } from "./demo-places";
import type { Random } from "./demo-random";

export interface DemoIdentity {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  birthYear: number;
  sex: "male" | "female";
}

const SURNAMES = ["王", "李", "张", "杨", "赵", "段", "刘", "陈", "字", "罗", "周", "何", "苏", "马", "黄", "吴", "徐", "孙", "朱", "胡"];
const GIVEN_NAMES = {
  male: ["建国", "志强", "国华", "海军", "永平", "文斌", "德明", "春生", "学军", "有才", "金华", "光荣", "云鹏", "正林", "家祥"],
  female: ["秀英", "桂兰", "丽华", "春梅", "玉兰", "海燕", "红梅", "丽萍", "美玲", "金凤", "慧敏", "晓燕", "云仙", "丽芬", "翠花"],
} as const;
// Tumxuk has Uyghur and Han households alike.
const UYGHUR_NAMES = {
  male: ["艾力·买买提", "买买提江·艾山", "吐尔洪·阿不都拉", "阿不都热合曼·吐尔逊", "艾合买提·托乎提"],
  female: ["阿依古丽·吐尔逊", "古丽娜尔·艾买提", "热依汗古丽·买买提", "帕提古丽·阿不都拉", "阿米娜·热合曼"],
} as const;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A fake head of household for case number `n` (1-based) living in `county`. */
export function fakeIdentity(
  random: Random,
  options: { n: number; county: DemoCounty; age: number; today: Date; takenIds: Set<string> },
): DemoIdentity {
  const { n, county, age, today, takenIds } = options;
  const sex = random.chance(0.55) ? "male" : "female";
  const name =
    county.area.id === "tumxuk" && random.chance(0.6)
      ? random.pick(UYGHUR_NAMES[sex])
      : random.pick(SURNAMES) + random.pick(GIVEN_NAMES[sex]);
  const birthYear = today.getUTCFullYear() - age;
  const month = random.int(1, 12);
  let day = random.int(2, 28);
  const sexDigit = sex === "male" ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]);
  let idNumber = "";
  for (let tries = 0; tries < 27; tries++) {
    const first17 = `${county.code}${birthYear}${pad(month)}${pad(day)}99${sexDigit}`;
    idNumber = first17 + residentIdCheckChar(first17);
    if (!takenIds.has(idNumber)) break;
    day = day === 28 ? 2 : day + 1;
  }
  if (takenIds.has(idNumber)) throw new Error(`no free demo resident ID for case ${n}`);
  takenIds.add(idNumber);
  return {
    name,
    idNumber,
    phone: `19900005${pad(n, 3)}`,
    address: `${county.nameZh}演示村${random.int(1, 9)}组${random.int(1, 60)}号（Demo）`,
    birthYear,
    sex,
  };
}
