// What a need story template gets and gives, and the vocabulary shared by the story banks.
// Stories are anonymised as a caseworker would write them: age, trade, circumstances and amounts,
// never a name, a number that identifies someone, or an address.
import type { DemoCounty, Trade } from "./demo-places";
import type { Random } from "./demo-random";

export interface StoryContext {
  random: Random;
  /** Age of the head of household. */
  age: number;
  householdSize: number;
  county: DemoCounty;
  /** The head's trade, years in it and injury (if the story has one), the same for every need. */
  trade: Trade;
  years: number;
  injury: string;
}

export interface NeedDraft {
  title: string;
  story: string;
  skills: string[];
  amount: string | null;
}

export type StoryTemplate = (ctx: StoryContext) => NeedDraft;

export interface Course {
  zh: string;
  skill: string;
  en: string;
}

export const COURSES: readonly Course[] = [
  { zh: "低压电工", skill: "电工", en: "licensed electrician" },
  { zh: "焊工", skill: "焊工", en: "certified welder" },
  { zh: "养老护理员", skill: "养老护理", en: "care worker for the elderly" },
  { zh: "育婴员", skill: "育婴员", en: "childcare worker" },
  { zh: "中式烹调", skill: "厨师", en: "cook" },
  { zh: "家政服务", skill: "家政", en: "housekeeper" },
  { zh: "叉车驾驶", skill: "叉车", en: "forklift driver" },
];

export const SHOPS: Readonly<Record<string, { zh: string; en: string }>> = {
  电工: { zh: "家电维修店", en: "appliance repair shop" },
  水电工: { zh: "水电维修铺", en: "plumbing and wiring repair shop" },
  厨师: { zh: "早餐店", en: "breakfast stall" },
  缝纫: { zh: "裁缝铺", en: "tailor's shop" },
  扎染: { zh: "扎染作坊", en: "tie-dye workshop" },
  茶叶加工: { zh: "茶叶初制所", en: "small tea workshop" },
  木工: { zh: "木工坊", en: "carpentry workshop" },
  食品加工: { zh: "米粉小作坊", en: "rice noodle workshop" },
};
const DEFAULT_SHOP = { zh: "便民小超市", en: "village grocery" };
export const shopFor = (trade: Trade) => SHOPS[trade.zh] ?? DEFAULT_SHOP;
/** Injuries at work, told after "干活时": legs and backs, so "cannot stand for long" fits every one. */
export const INJURIES = ["从脚手架上摔下，腿部骨折", "腰椎受伤", "摔伤了膝盖", "被倒下的货架砸伤了腿"];
export const HARDSHIPS = ["家里主要劳动力常年生病", "父母一方残疾，只能打零工", "家里收入全靠种地", "单亲家庭，靠打零工维持"];
export const GRADES = ["初二", "初三", "高一", "高二", "高三"];
export const DISASTERS = ["山洪", "泥石流", "暴雨", "冰雹"];

/** "一家4口", or "独自一人" for one person. */
export const householdZh = (size: number) => (size === 1 ? "独自一人" : `一家${size}口`);
