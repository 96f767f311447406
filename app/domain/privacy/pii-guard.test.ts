import { describe, expect, it } from "vitest";
import type { KnownIdentity, PiiKind } from "./pii-guard";
import { findPii } from "./pii-guard";

// Fake identity (tests/factories.ts conventions): 测试 name, 测试路/演示村 address, 199 phone, sequence 9xx.
const household: KnownIdentity = {
  name: "测试李秀英",
  idNumber: "532923197804129012",
  phone: "19955501234",
  address: "云南省大理白族自治州祥云县测试镇演示村3组15号",
};

/** The kinds and texts found, which is what most tests are about. */
const found = (text: string, identity?: KnownIdentity) => findPii(text, identity).map((h) => [h.kind, h.text]);
const one = (kind: PiiKind, text: string) => [[kind, text]];

describe("findPii: resident IDs", () => {
  it("finds a valid ID and reports where it is", () => {
    expect(findPii("身份证号532923199302289816，因病致贫")).toEqual([{ kind: "resident-id", start: 4, end: 22, text: "532923199302289816" }]);
  });

  it("finds an ID broken up with spaces, dashes or dots", () => {
    expect(found("身份证 532923 19930228 9816 已登记")).toEqual(one("resident-id", "532923 19930228 9816"));
    expect(found("身份证 532901-19691012-9902")).toEqual(one("resident-id", "532901-19691012-9902"));
    expect(found("身份证 532923 - 19870314 - 9481")).toEqual(one("resident-id", "532923 - 19870314 - 9481"));
    expect(found("身份证 532923.19870314.9481")).toEqual(one("resident-id", "532923.19870314.9481"));
  });

  it("finds an ID typed in full-width digits", () => {
    expect(found("证件号 ５３２９２３１９８３０６１０９３８Ｘ。")).toEqual(one("resident-id", "５３２９２３１９８３０６１０９３８Ｘ"));
  });

  it("finds an ID whose check character is a lower-case x, also when typed apart", () => {
    expect(found("身份证号53292319830610911x，独自抚养两个孩子")).toEqual(one("resident-id", "53292319830610911x"));
    expect(found("身份证号 53292319830610911 X。")).toEqual(one("resident-id", "53292319830610911 X"));
  });

  it("finds an ID followed directly by a word that starts with x", () => {
    expect(found("ID 532923199302289816xiangyun")).toEqual(one("resident-id", "532923199302289816"));
  });

  it("does not take an 18-digit number with a wrong check character for an ID", () => {
    // Starting 5, it is still bank-card-shaped.
    expect(found("身份证号 532923197804129013")).toEqual(one("bank-card", "532923197804129013"));
    expect(found("订单号 202403151234567890")).toEqual([]);
  });

  it("does not take an impossible birth date for an ID", () => {
    // 1978-02-30, with the check character MOD 11-2 gives it.
    expect(found("编号 110105197802309013")).toEqual([]);
  });

  it("ignores a masked ID", () => {
    expect(found("身份证号 532923********9816（已脱敏）")).toEqual([]);
  });
});

describe("findPii: mobile numbers", () => {
  it("finds a plain mobile number", () => {
    expect(findPii("联系电话 19955500001，白天可以接听")).toEqual([{ kind: "mobile", start: 5, end: 16, text: "19955500001" }]);
  });

  it("includes a +86, ＋86, 86 or 0086 country code in the span", () => {
    expect(found("手机：+86 138-1234-5678（女儿）")).toEqual(one("mobile", "+86 138-1234-5678"));
    expect(found("电话 ＋86 199 5550 0002")).toEqual(one("mobile", "＋86 199 5550 0002"));
    expect(found("手机号 86 19955500003")).toEqual(one("mobile", "86 19955500003"));
    expect(found("0086 199 5550 0010 是儿子的电话")).toEqual(one("mobile", "0086 199 5550 0010"));
  });

  it("finds a number written with spaces, dashes, dots or full-width characters", () => {
    expect(found("手机 199.5550.0006")).toEqual(one("mobile", "199.5550.0006"));
    expect(found("手机 199－5550－0007")).toEqual(one("mobile", "199－5550－0007"));
    expect(found("电话：199　5550　0015")).toEqual(one("mobile", "199　5550　0015"));
    expect(found("电话 １９９５５５００００５。")).toEqual(one("mobile", "１９９５５５００００５"));
  });

  it("finds a number followed by another number after a space", () => {
    expect(found("手机19955500013 2人同住")).toEqual(one("mobile", "19955500013"));
  });

  it("finds each of two numbers", () => {
    expect(found("手机13800138000/13900139000")).toEqual([
      ["mobile", "13800138000"],
      ["mobile", "13900139000"],
    ]);
  });

  it("ignores 11-digit numbers that do not start 13–19", () => {
    expect(found("就诊卡号 12345678901，住院号 10987654321，卡号 11012345678")).toEqual([]);
  });

  it("ignores a mobile-like number inside a longer one", () => {
    expect(found("工单号 13812345678901，订单 213812345678")).toEqual([]);
  });

  it("ignores landlines, hotlines and masked numbers", () => {
    expect(found("县医院 0872-3121234，热线 12351，客服 400-123-4567，电话 138****5678")).toEqual([]);
  });
});

describe("findPii: bank-card-shaped numbers", () => {
  it("finds 16 to 19 digits starting 3–6, grouped or not", () => {
    expect(found("卡号 6217000012345678")).toEqual(one("bank-card", "6217000012345678"));
    expect(found("卡号 6222 0212 3456 7890 123，请勿外传")).toEqual(one("bank-card", "6222 0212 3456 7890 123"));
    expect(found("Visa 4367-4200-1234-5678")).toEqual(one("bank-card", "4367-4200-1234-5678"));
  });

  it("ignores tracking numbers starting 7–9, and numbers too short or too long", () => {
    expect(found("快递单号 7812 3456 7890 1234，顺丰 9123456789012345")).toEqual([]);
    expect(found("编号 621700001234567，发票 24532000000012345678")).toEqual([]);
  });

  it("ignores a masked card number", () => {
    expect(found("卡号 6222 **** **** 7890，尾号 7890")).toEqual([]);
  });
});

describe("findPii: numbers that identify no one", () => {
  it("ignores dates, amounts, percentages, ages and counts", () => {
    const text = "2024年3月15日受伤，20240315 起住院，手术费 ¥12,000.00，已筹 3000元，预算 12000000 元，报销 70%，62 岁，家中 5 口人，2019—2023 年在外打工。";
    expect(found(text, household)).toEqual([]);
  });

  it("ignores the postcode and the county's region code, also for a household of that county", () => {
    expect(found("邮编 672100，祥云县区划代码 532923。", household)).toEqual([]);
  });
});

describe("findPii: the household's own identity", () => {
  it("finds the full name and the given name", () => {
    expect(found("测试李秀英因病需要救助", household)).toEqual(one("own-name", "测试李秀英"));
    expect(found("秀英阿姨照顾瘫痪的丈夫", household)).toEqual(one("own-name", "秀英"));
  });

  it("finds each part of a name written with a middle dot", () => {
    expect(found("木呷大妈每天走两小时山路", { name: "演示阿依·木呷" })).toEqual(one("own-name", "木呷"));
  });

  it("ignores the surname with a title, and a one-character name", () => {
    expect(found("李阿姨照顾瘫痪的丈夫", household)).toEqual([]);
    expect(found("李阿姨照顾瘫痪的丈夫", { name: "李" })).toEqual([]);
  });

  it("finds 6 or more consecutive digits of the own ID, leading ones included", () => {
    expect(found("身份证后六位 129012", household)).toEqual(one("own-id", "129012"));
    expect(found("证件号前十位 5329231978", household)).toEqual(one("own-id", "5329231978"));
    expect(found("后 8 位：0412 9012", household)).toEqual(one("own-id", "0412 9012"));
  });

  it("finds an own-ID fragment ending in the check character", () => {
    expect(found("身份证尾号 10903x", { idNumber: "53292319830610903X" })).toEqual(one("own-id", "10903x"));
  });

  it("names an own-ID fragment as such even when it is also shaped like a card or a mobile", () => {
    expect(found("身份证号 532923 19780412 90**", household)).toEqual(one("own-id", "532923 19780412 90"));
    expect(found("号码 19780412901", household)).toEqual(one("own-id", "19780412901"));
  });

  it("ignores fewer than 6 digits of the own ID", () => {
    expect(found("身份证后四位 9012，尾号 29012", household)).toEqual([]);
  });

  it("reports the whole own ID once, as a resident ID", () => {
    expect(found("身份证号 532923-1978-0412-9012", household)).toEqual(one("resident-id", "532923-1978-0412-9012"));
  });

  it("finds 7 or more consecutive digits of the own phone", () => {
    expect(found("可打 5550 1234 找她", household)).toEqual(one("own-phone", "5550 1234"));
    expect(found("后七位 ０１２３４５６", { phone: "+86 199-0123-4567" })).toEqual(one("own-phone", "０１２３４５６"));
  });

  it("reports the whole own phone once, as a mobile number", () => {
    expect(found("电话 199 5550 1234", household)).toEqual(one("mobile", "199 5550 1234"));
  });

  it("ignores the last four digits of the own phone", () => {
    expect(found("手机尾号 1234", household)).toEqual([]);
  });

  it("finds the town, village, road and estate of the address", () => {
    expect(found("家住测试镇演示村3组", household)).toEqual([
      ["own-address", "测试镇"],
      ["own-address", "演示村"],
    ]);
    expect(found("家住测试路12号", { address: "祥云县祥城镇测试路 12 号" })).toEqual(one("own-address", "测试路"));
    expect(found("住在测试小区", { address: "大理市下关街道测试路 8 号测试小区2单元301室" })).toEqual(one("own-address", "测试小区"));
  });

  it("finds a village recorded as its village committee", () => {
    expect(found("演示村的村干部反映", { address: "祥云县米甸镇演示村委会测试组" })).toEqual(one("own-address", "演示村"));
  });

  it("ignores the province, prefecture and county, and house numbers on their own", () => {
    expect(found("云南省大理州祥云县的困难职工，3月15号复查，住在3组", household)).toEqual([]);
  });

  it("falls back to the words of an address it cannot parse", () => {
    expect(found("lives on Testing Road", { address: "12 Testing Road" })).toEqual([
      ["own-address", "Testing"],
      ["own-address", "Road"],
    ]);
  });
});

describe("findPii: results", () => {
  it("returns findings in text order, without overlaps", () => {
    const text = "测试李秀英，电话 19955501234，身份证 532923197804129012，家住演示村";
    expect(found(text, household)).toEqual([
      ["own-name", "测试李秀英"],
      ["mobile", "19955501234"],
      ["resident-id", "532923197804129012"],
      ["own-address", "演示村"],
    ]);
  });

  it("finds nothing in an empty text or with an empty identity", () => {
    expect(findPii("", household)).toEqual([]);
    expect(findPii("家住演示村", { name: "", idNumber: "", phone: "", address: "" })).toEqual([]);
  });
});
