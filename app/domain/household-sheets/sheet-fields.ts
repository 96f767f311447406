// The columns of a household sheet: our fields, the header names people give them in
// Chinese and English, and the guess of which sheet column holds which field. Pure: no I/O.
//
// The header words are the file format's vocabulary, not page text: a sheet is read the same way
// whatever language the page is in, so they live here as data rather than in the i18n messages.

export const SHEET_FIELDS = [
  "name",
  "idNumber",
  "phone",
  "address",
  "birthYear",
  "sex",
  "householdSize",
  "monthlyIncomePerHead",
  "causes",
  "tier",
  "county",
  "consent",
] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];

/** Which column (0-based) of the sheet holds each field; a field left out is not in the sheet. */
export type ColumnMapping = Partial<Record<SheetField, number>>;

/**
 * Fields a sheet may leave out: birth year and sex follow from the resident ID, and the county from
 * the actor's region when that region is itself a county.
 */
export function isOptionalField(field: SheetField, options: { countyRequired: boolean }): boolean {
  return field === "birthYear" || field === "sex" || (field === "county" && !options.countyRequired);
}

/** The last column of an export: the case number, for people; an import does not read it. */
export const EXPORT_CASE_NUMBER_HEADER: Record<"zh-CN" | "en", string> = { "zh-CN": "档案编号", en: "Case number" };

/** The headers an export writes, per language; both are recognised on import. */
export const EXPORT_HEADERS: Record<"zh-CN" | "en", Record<SheetField, string>> = {
  "zh-CN": {
    name: "户主姓名",
    idNumber: "身份证号码",
    phone: "手机号码",
    address: "家庭住址",
    birthYear: "出生年份",
    sex: "性别",
    householdSize: "家庭人口",
    monthlyIncomePerHead: "人均月收入",
    causes: "致困原因",
    tier: "困难类别",
    county: "县（市、区）",
    consent: "同意公开",
  },
  en: {
    name: "Name",
    idNumber: "Resident ID",
    phone: "Phone",
    address: "Address",
    birthYear: "Birth year",
    sex: "Sex",
    householdSize: "Household size",
    monthlyIncomePerHead: "Monthly income per head",
    causes: "Causes",
    tier: "Tier",
    county: "County",
    consent: "Consent",
  },
};

// Exact names first (normalised as below), then words a longer header may contain. The order of
// SHEET_FIELDS decides ties, so "身份证号码" is the ID and never a phone "号码".
const EXACT: Record<SheetField, readonly string[]> = {
  name: ["姓名", "户主", "户主姓名", "户主名字", "名字", "name", "headname", "fullname", "nameofhead", "householdhead"],
  idNumber: ["身份证", "身份证号", "身份证号码", "公民身份号码", "证件号码", "居民身份证号码", "id", "idnumber", "idno", "residentid", "residentidnumber", "identitynumber", "idcard", "idcardnumber"],
  phone: ["电话", "手机", "手机号", "手机号码", "联系电话", "联系方式", "phone", "mobile", "telephone", "phonenumber", "mobilenumber", "tel"],
  address: ["地址", "住址", "家庭住址", "家庭地址", "居住地址", "现住址", "address", "homeaddress"],
  birthYear: ["出生年份", "出生年", "出生年度", "出生年月", "出生日期", "birthyear", "yearofbirth", "born", "dateofbirth"],
  sex: ["性别", "sex", "gender"],
  householdSize: ["家庭人口", "家庭人口数", "人口数", "人口", "家庭成员数", "户人口数", "householdsize", "household", "familysize", "members", "householdmembers"],
  monthlyIncomePerHead: ["人均月收入", "月人均收入", "家庭人均月收入", "人均收入", "monthlyincomeperhead", "incomeperhead", "monthlyincome", "income"],
  causes: ["致困原因", "困难原因", "致贫原因", "致困类型", "causes", "cause", "hardshipcauses", "hardshipcause", "reasons"],
  tier: ["困难类别", "困难类型", "困难程度", "困难等级", "帮扶类别", "tier", "hardshiptier", "hardshiplevel", "level"],
  county: ["县", "县区", "区县", "县市区", "所在县", "所在县区", "县区代码", "行政区划", "行政区划代码", "county", "countycode", "region", "regioncode", "district"],
  consent: ["同意", "同意公开", "是否同意", "知情同意", "同意发布", "consent", "consented", "consentgiven"],
};
const CONTAINED: Record<SheetField, readonly string[]> = {
  name: ["姓名"],
  idNumber: ["身份证", "身份号码", "证件号"],
  phone: ["电话", "手机", "phone", "mobile"],
  address: ["地址", "住址", "address"],
  birthYear: ["出生", "birth"],
  sex: ["性别", "gender"],
  householdSize: ["人口", "household"],
  monthlyIncomePerHead: ["收入", "income"],
  causes: ["原因", "cause"],
  tier: ["困难类", "困难程度", "tier"],
  county: ["县", "区划", "county"],
  consent: ["同意", "consent"],
};

/** A header as compared: lower case, without spaces, punctuation, brackets or a unit like (元). */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, (inner) => (/县|区|市/.test(inner) ? inner : ""))
    .replace(/[^\p{Letter}\p{Number}]/gu, "");
}

/** The mapping a sheet's header row suggests: every field whose name a header carries, once each. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  const claim = (field: SheetField, index: number) => {
    mapping[field] = index;
    taken.add(index);
  };
  for (const field of SHEET_FIELDS) {
    const index = normalised.findIndex((h, i) => !taken.has(i) && EXACT[field].includes(h));
    if (index >= 0) claim(field, index);
  }
  for (const field of SHEET_FIELDS) {
    if (mapping[field] !== undefined) continue;
    const index = normalised.findIndex((h, i) => !taken.has(i) && h !== "" && CONTAINED[field].some((word) => h.includes(word)));
    if (index >= 0) claim(field, index);
  }
  return mapping;
}

/** "A", "B", … "AA": how a spreadsheet names column `index` (0-based). */
export function columnLetter(index: number): string {
  let out = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}
