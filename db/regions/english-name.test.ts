import { describe, expect, it } from "vitest";
import { englishRegionName } from "./english-name";

describe("englishRegionName", () => {
  it.each([
    ["云南省", "Yunnan Province"],
    ["陕西省", "Shaanxi Province"],
    ["西藏自治区", "Tibet Autonomous Region"],
    ["宁夏回族自治区", "Ningxia Hui Autonomous Region"],
    ["楚雄彝族自治州", "Chuxiong Yi Autonomous Prefecture"],
    ["西双版纳傣族自治州", "Xishuangbanna Dai Autonomous Prefecture"],
    ["红河哈尼族彝族自治州", "Honghe Hani and Yi Autonomous Prefecture"],
    ["双江拉祜族佤族布朗族傣族自治县", "Shuangjiang Lahu, Va, Blang and Dai Autonomous County"],
    ["东乡族自治县", "Dongxiang Autonomous County"],
    ["鄂伦春自治旗", "Oroqen Autonomous Banner"],
    ["龙胜各族自治县", "Longsheng Multi-ethnic Autonomous County"],
    ["梅里斯达斡尔族区", "Meilisi Daur District"],
    ["祥云县", "Xiangyun County"],
    ["昆明市", "Kunming"],
    ["长沙市", "Changsha"],
    ["长子县", "Zhangzi County"],
    ["六安市", "Lu'an"],
    ["西安市", "Xi'an"],
    ["成都市", "Chengdu"],
    ["单县", "Shan County"],
    ["乐清市", "Yueqing"],
    ["喀什地区", "Kashgar Prefecture"],
    ["乌鲁木齐市", "Urumqi"],
    ["兴安县", "Xing'an County"],
    ["清新区", "Qingxin District"],
    ["矿区", "Kuang District"],
    ["井陉矿区", "Jingxing Mining District"],
    ["科尔沁左翼中旗", "Horqin Left Middle Banner"],
    ["苏州工业园区", "Suzhou Industrial Park"],
  ])("%s → %s", (zh, en) => {
    expect(englishRegionName(zh)).toBe(en);
  });

  it("splits compound zone names at known place words", () => {
    const placeWords = new Set(["河北", "唐山"]);
    expect(englishRegionName("河北唐山芦台经济开发区", { placeWords })).toBe("Hebei Tangshan Lutai Economic Development Zone");
  });

  it("uses whole names by code where the rules cannot apply", () => {
    expect(englishRegionName("兴安盟", { code: "1522" })).toBe("Hinggan League");
    expect(englishRegionName("内蒙古自治区", { code: "15" })).toBe("Inner Mongolia Autonomous Region");
  });

  it("refuses an autonomous name with an unknown ethnic group", () => {
    expect(() => englishRegionName("某某某某族自治县")).toThrow(/unknown ethnic group/);
  });
});
