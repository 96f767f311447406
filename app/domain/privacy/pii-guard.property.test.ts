import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { residentIdCheckChar } from "../cases/resident-id";
import type { KnownIdentity } from "./pii-guard";
import { findPii } from "./pii-guard";

// Text around a number: Chinese, English (x included, to look like a check character) and punctuation,
// but no digits and no plus sign (which would belong to a "+86").
const HAN = [..."需要工作因病致贫家中三口人身份证号电话联系手机户主请核实孩子上学医疗费用祥云县"];
const LATIN = [..."abcdefghijklmnopqrstuvwxyzXABC"];
const PUNCTUATION = [..." ，。：；（）!?-._/、\n"];
const filler = fc.string({ unit: fc.constantFrom(...HAN, ...LATIN, ...PUNCTUATION), maxLength: 12 });

// How people break up a number: nothing, mostly, or one to three spaces, dashes or dots.
const JOINERS = [" ", "-", "－", ".", "·", "　", "—", "–"];
const gap = fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...JOINERS), minLength: 1, maxLength: 3 }) });
const fullWidth = (d: string) => String.fromCharCode(d.charCodeAt(0) + 0xfee0);

/** Writes digits as a person might: each one possibly full-width, with a random gap before each but the first. */
const written = (digits: string) =>
  fc
    .tuple(fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }), fc.array(gap, { minLength: digits.length, maxLength: digits.length }))
    .map(([wide, gaps]) => [...digits].map((d, i) => (i > 0 ? (gaps[i] ?? "") : "") + (wide[i] ? fullWidth(d) : d)).join(""));

const yyyymmdd = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "");
/** A valid resident ID, fake like tests/factories.ts makes them (sequence digits 9xx). */
const residentId = fc
  .record({
    region: fc.constantFrom("532923", "532901", "110105", "440305", "650102"),
    birth: fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2020-12-31T00:00:00Z"), noInvalidDate: true }),
    sequence: fc.integer({ min: 900, max: 999 }),
  })
  .map(({ region, birth, sequence }) => {
    const first17 = `${region}${yyyymmdd(birth)}${sequence}`;
    return first17 + residentIdCheckChar(first17);
  });

/** A resident ID as written: separators and full-width digits anywhere, an X in any of its four spellings. */
const writtenResidentId = residentId.chain((id) =>
  id.endsWith("X")
    ? fc.tuple(written(id.slice(0, 17)), fc.constantFrom("X", "x", "Ｘ", "ｘ")).map(([digits, x]) => digits + x)
    : written(id),
);

const mobile = fc.tuple(fc.constantFrom(..."3456789"), fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 9, maxLength: 9 })).map(([second, rest]) => `1${second}${rest}`);
const writtenMobile = fc
  .tuple(fc.constantFrom("", "+86", "＋86", "86", "0086", "+８６"), gap, mobile.chain(written))
  .map(([code, space, number]) => (code ? code + space + number : number));

describe("findPii (properties)", () => {
  it("finds any valid resident ID, however written, with its exact span", () => {
    fc.assert(
      fc.property(filler, writtenResidentId, filler, (before, id, after) => {
        const text = before + id + after;
        expect(findPii(text)).toEqual([{ kind: "resident-id", start: before.length, end: before.length + id.length, text: id }]);
      }),
    );
  });

  it("finds any mobile number, however written, with its exact span", () => {
    fc.assert(
      fc.property(filler, writtenMobile, filler, (before, number, after) => {
        const text = before + number + after;
        expect(findPii(text)).toEqual([{ kind: "mobile", start: before.length, end: before.length + number.length, text: number }]);
      }),
    );
  });

  it("finds any 6 to 17 consecutive characters of the household's ID, except the region code alone", () => {
    const fragment = residentId.chain((id) =>
      fc
        .integer({ min: 6, max: 17 })
        .chain((length) => fc.integer({ min: 0, max: 18 - length }).map((start) => ({ id, piece: id.slice(start, start + length) })))
        .filter(({ id, piece }) => piece !== id.slice(0, 6)),
    );
    fc.assert(
      fc.property(filler, fragment, filler, (before, { id, piece }, after) => {
        const text = `${before}：${piece}。${after}`;
        const start = before.length + 1;
        expect(findPii(text, { idNumber: id })).toEqual([{ kind: "own-id", start, end: start + piece.length, text: piece }]);
      }),
    );
  });

  it("finds any 7 to 10 consecutive digits of the household's phone", () => {
    const fragment = mobile.chain((phone) =>
      fc
        .integer({ min: 7, max: 10 })
        .chain((length) => fc.integer({ min: 0, max: 11 - length }).map((start) => ({ phone, piece: phone.slice(start, start + length) }))),
    );
    fc.assert(
      fc.property(filler, fragment, filler, (before, { phone, piece }, after) => {
        const text = `${before}：${piece}。${after}`;
        const start = before.length + 1;
        expect(findPii(text, { phone })).toEqual([{ kind: "own-phone", start, end: start + piece.length, text: piece }]);
      }),
    );
  });

  it("finds no number in a text without digits", () => {
    const household: KnownIdentity = { idNumber: "532923197804129012", phone: "19955501234" };
    const noDigits = fc.string({ unit: "binary", maxLength: 200 }).map((s) => s.replace(/[0-9０-９]/g, ""));
    fc.assert(
      fc.property(noDigits, (text) => {
        expect(findPii(text, household)).toEqual([]);
      }),
    );
  });

  it("returns hits in text order that never overlap and slice to their text", () => {
    const household: KnownIdentity = { name: "测试李秀英", idNumber: "532923197804129012", phone: "19955501234", address: "祥云县测试镇演示村3组15号" };
    const piece = fc.oneof(
      filler,
      writtenResidentId,
      writtenMobile,
      fc.string({ unit: fc.constantFrom(..."0123456789 -"), maxLength: 24 }),
      fc.constantFrom("测试李秀英", "秀英", "演示村", "测试镇", "5329231978", "19955501234", "5501234", "6222 0212 3456 7890 123", "X", "x"),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join("");
        const hits = findPii(text, household);
        for (const [i, hit] of hits.entries()) {
          expect(hit.start).toBeLessThan(hit.end);
          expect(text.slice(hit.start, hit.end)).toBe(hit.text);
          const next = hits[i + 1];
          if (next) expect(hit.end).toBeLessThanOrEqual(next.start);
        }
      }),
    );
  });
});
