// Chinese need stories about work: jobs, training, starting a business and legal help.
import type { NeedCategory } from "../../app/domain/needs/need-category";
import type { StoryTemplate } from "./demo-story-context";
import { COURSES, householdZh, shopFor } from "./demo-story-context";
import { yuan } from "./demo-random";

const LIVESTOCK = ["黄牛", "山羊", "生猪", "土鸡"];

export const WORK_STORIES_ZH: Readonly<Record<Extract<NeedCategory, "job" | "training" | "enterprise" | "legal">, readonly StoryTemplate[]>> = {
  job: [
    (c) => ({
      title: `做了${c.years}年${c.trade.zh}，伤后想找不用久站的工作`,
      story: `${c.age}岁，做了${c.years}年${c.trade.zh}。前年干活时${c.injury}，恢复后不能长时间站立和登高。${householdZh(c.householdSize)}，主要靠这份收入。希望在${c.county.area.city.zh}附近找一份不用久站、不用登高的工作，和${c.trade.zh}相关的最好，值班、仓库管理也可以。`,
      skills: [c.trade.zh],
      amount: null,
    }),
    (c) => ({
      title: `工厂关停后失业，会${c.trade.zh}，想在家门口就业`,
      story: `原来在${c.county.area.city.zh}一家工厂做${c.trade.zh}，干了${c.years}年，厂子去年关停后一直打零工。家里老人身体不好，孩子还在上学，没法去外省。希望在县城或${c.county.area.city.zh}找到稳定的${c.trade.zh}岗位，能签劳动合同、交社保。`,
      skills: [c.trade.zh],
      amount: null,
    }),
    (c) => ({
      title: `要照顾病人，想找时间灵活的${c.trade.zh}活`,
      story: `家里有长期卧床的病人，白天要按时喂药、翻身，只能做时间灵活的工作。做过${c.years}年${c.trade.zh}，手艺还在。希望找半天班或计件的活，离家近一些，方便随时回家。`,
      skills: [c.trade.zh],
      amount: null,
    }),
    (c) => ({
      title: `肢体残疾，会${c.trade.zh}，希望找一份力所能及的工作`,
      story: `${c.age}岁，早年事故留下肢体残疾，持有残疾证。行动慢一些，但做事细致，会${c.trade.zh}。希望找一家愿意接纳残疾职工的单位，工作地点有无障碍设施更好。`,
      skills: [c.trade.zh],
      amount: null,
    }),
    (c) => ({
      title: `${c.age}岁返乡，有${c.trade.zh}手艺，想找稳定工作`,
      story: `在外地打工十多年，因为父母年迈回到家乡。有${c.years}年${c.trade.zh}经验，身体健康，能吃苦。希望在本地找一份${c.trade.zh}工作，月收入三千元左右就行，能顾得上家里。`,
      skills: [c.trade.zh],
      amount: null,
    }),
  ],
  training: [
    (c) => {
      const course = c.random.pick(COURSES);
      return {
        title: `想学${course.zh}，拿证后好找工作`,
        story: `${c.age}岁，以前在外面打零工，没有一技之长，年纪越大越难找活。听说${course.zh}用工需求大，想参加正规培训、考取证书。培训最好在${c.county.area.city.zh}，时间能错开农忙。`,
        skills: [course.skill],
        amount: null,
      };
    },
    (c) => {
      const course = c.random.pick(COURSES);
      return {
        title: `腰伤后干不了重活，想转行学${course.zh}`,
        story: `做了${c.years}年${c.trade.zh}，腰椎受伤后干不了重活。想转行学${course.zh}，希望有免费或有补贴的培训名额，培训期间如果有一点生活补助就更好了。`,
        skills: [course.skill, c.trade.zh],
        amount: null,
      };
    },
    (c) => {
      const produce = c.random.pick(c.county.area.produce);
      return {
        title: `想学电商直播，把家乡的${produce}卖出去`,
        story: `家里种养了一些${produce}，往年都是等收购商上门，价格压得很低。想学网店运营和短视频，自己把农产品卖出去，也能带着邻居一起卖。希望有面向农村的电商培训。`,
        skills: ["电商"],
        amount: null,
      };
    },
  ],
  enterprise: [
    (c) => {
      const amount = c.random.step(5000, 20000, 1000);
      const shop = shopFor(c.trade);
      return {
        title: `想开一家${shop.zh}，还差${amount}元设备钱`,
        story: `会${c.trade.zh}，想在镇上开一家${shop.zh}。铺面已经找好，自己凑了一部分钱，还差${amount}元购买设备。希望得到创业扶持资金或创业担保贷款。`,
        skills: [c.trade.zh],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(6000, 20000, 1000);
      const animal = c.random.pick(LIVESTOCK);
      return {
        title: `想扩大${animal}养殖，需要${amount}元`,
        story: `家里养了一些${animal}，有几年经验。想扩大规模，需要${amount}元修圈舍和买种苗。希望得到产业扶持或小额贴息贷款，也想请技术员上门指导。`,
        skills: ["养殖"],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(3000, 8000, 500);
      const produce = c.random.pick(c.county.area.produce);
      return {
        title: "想开农产品网店，需要启动资金",
        story: `家乡的${produce}品质好，想开一家网店，帮乡亲们把${produce}卖出去。需要${amount}元买包装、保鲜箱和拍摄设备。`,
        skills: ["电商"],
        amount: yuan(amount),
      };
    },
  ],
  legal: [
    (c) => {
      const months = c.random.int(3, 10);
      return {
        title: `在工地被拖欠${months}个月工资，需要法律援助`,
        story: `在${c.county.area.city.zh}的工地干了${months}个月，包工头一直拖欠工资。手上有考勤记录和聊天记录，但不知道怎么维权。希望得到法律援助，帮忙申请劳动仲裁或起诉。`,
        skills: [],
        amount: null,
      };
    },
    (c) => ({
      title: "工伤认定和赔偿需要律师帮助",
      story: `在厂里干活时${c.injury}，单位不承认是工伤，也没有缴社保。想申请工伤认定，但不懂程序，需要律师或法律援助中心帮忙。`,
      skills: [],
      amount: null,
    }),
    () => ({
      title: "离婚后抚养费一直没有支付，想咨询",
      story: "离婚后独自带孩子，对方一直不按判决支付抚养费。想知道怎么申请强制执行，希望有法律援助。",
      skills: [],
      amount: null,
    }),
    () => ({
      title: "承包地被占用，需要法律咨询",
      story: "家里承包的几亩地被人占用，村里调解了几次没有结果。希望有律师帮忙看看承包合同，讲讲怎么依法维权。",
      skills: [],
      amount: null,
    }),
  ],
};
