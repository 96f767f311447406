// Chinese need stories about the household: schooling, health, living costs, housing, care,
// counselling and goods.
import type { NeedCategory } from "../../app/domain/needs/need-category";
import type { StoryTemplate } from "./demo-story-context";
import { DISASTERS, GRADES, HARDSHIPS, householdZh } from "./demo-story-context";
import { yuan } from "./demo-random";

const ILLNESSES = [
  { short: "尿毒症需长期透析", long: "患尿毒症，每周要透析三次" },
  { short: "脑梗后偏瘫", long: "脑梗后半身偏瘫，需要长期康复治疗" },
  { short: "乳腺癌术后化疗", long: "乳腺癌手术后正在化疗" },
  { short: "股骨头坏死", long: "股骨头坏死，需要做髋关节置换手术" },
  { short: "糖尿病并发肾病", long: "糖尿病多年，已经并发肾病" },
];
const CHILD_ILLNESSES = ["白血病", "先天性心脏病", "脑瘫", "肾病综合征"];
const MAJORS = ["护理", "学前教育", "汽车维修", "计算机应用", "会计", "电子商务", "机电一体化"];

export const FAMILY_STORIES_ZH: Readonly<Record<Exclude<NeedCategory, "job" | "training" | "enterprise" | "legal">, readonly StoryTemplate[]>> = {
  tuition: [
    (c) => {
      const amount = c.random.step(3000, 6000, 500);
      const city = c.random.pick(c.county.area.schoolCities).zh;
      return {
        title: `孩子考上${city}的大专，学费缺口${amount}元`,
        story: `孩子今年考上${city}一所大专，学${c.random.pick(MAJORS)}。${c.random.pick(HARDSHIPS)}，一年学费和住宿费加起来要一万多，已经办了生源地助学贷款，还差${amount}元。孩子说假期会去打工，也希望能得到一些资助，让孩子安心读书。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(4000, 8000, 500);
      return {
        title: `家里第一个大学生，开学还差${amount}元`,
        story: `孩子今年高考考上了${c.random.pick(c.county.area.schoolCities).zh}的本科，是家里第一个大学生。全家凑了路费和一部分学费，还差${amount}元。想请好心人帮一把，让孩子顺利报到。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(1500, 3500, 100);
      return {
        title: "两个孩子同时上学，本学期费用有困难",
        story: `家里两个孩子都在上学，大的读${c.random.pick(GRADES)}，小的读小学。${c.random.pick(HARDSHIPS)}，收入只够日常开销。需要${amount}元用于本学期的住宿费、伙食费和学习资料。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(2000, 4000, 100);
      const major = c.random.pick(MAJORS);
      return {
        title: `孩子在职校学${major}，想坚持读完`,
        story: `孩子在县职业高级中学读${major}专业，成绩不错，明年就能去实习。${c.random.pick(HARDSHIPS)}，孩子几次提出不想读了，想早点打工。需要${amount}元支付最后一年的实训费和生活费。`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  medical: [
    (c) => {
      const illness = c.random.pick(ILLNESSES);
      const amount = c.random.step(5000, 30000, 1000);
      return {
        title: `${illness.short}，每月自付医疗费负担重`,
        story: `家里主要劳动力${illness.long}，每月要去${c.county.area.city.zh}治疗。医保和大病保险报销后，自付部分每月仍有${c.random.step(800, 2000, 100)}元左右。已经申请了医疗救助，接下来半年的治疗还差${amount}元。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const illness = c.random.pick(CHILD_ILLNESSES);
      const amount = c.random.step(10000, 50000, 1000);
      return {
        title: `孩子确诊${illness}，治疗费还差${amount}元`,
        story: `孩子去年确诊${illness}，一直在${c.random.pick(c.county.area.schoolCities).zh}的医院治疗。父母轮流陪护，只有一个人能出去打工。报销后仍需自付${amount}元，用于下一阶段的治疗和复查。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(8000, 25000, 1000);
      return {
        title: "干活时受伤需要手术，自付费用有缺口",
        story: `在${c.county.area.city.zh}干活时${c.injury}，需要手术治疗。雇主只垫付了一部分，工伤认定还在办理中。目前手术和康复的自付费用还差${amount}元。`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  living: [
    (c) => {
      const amount = c.random.step(1500, 4000, 100);
      return {
        title: "唯一有收入的家人病倒，生活没了着落",
        story: `家里唯一有收入的人突然病倒，住院后一直没有收入。${householdZh(c.householdSize)}，老人和孩子都要照顾。需要${amount}元支付接下来几个月的基本生活开支，等家人恢复工作就能缓过来。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(1200, 3000, 100);
      const kids = c.random.int(1, 3);
      return {
        title: `独自抚养${kids === 1 ? "一" : kids === 2 ? "两" : "三"}个孩子，生活费不够`,
        story: `单亲家庭，独自抚养孩子，靠打零工维持生活，收入时有时无。需要${amount}元用于冬季的生活开销和孩子的营养，孩子们正在长身体。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(1500, 3000, 100);
      return {
        title: "家里两位老人多病，入不敷出",
        story: `家里两位老人都有慢性病，常年吃药。家人在附近打零工，每月收入两千元左右，除去药费所剩无几。需要${amount}元补贴日常生活。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(2000, 4000, 100);
      const disaster = c.random.pick(DISASTERS);
      return {
        title: `${disaster}后庄稼绝收，需要过渡生活费`,
        story: `今年${disaster}中，家里的庄稼和牲畜损失严重，几乎没有收成。需要${amount}元作为过渡期的生活费，等明年春耕恢复生产。`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  housing: [
    (c) => {
      const amount = c.random.step(8000, 30000, 1000);
      return {
        title: "老房子墙体开裂、屋顶漏雨，需要修缮",
        story: `${householdZh(c.householdSize)}住在几十年前盖的土坯房里，墙体开裂、屋顶漏雨，雨季很危险。已经申请了农村危房改造，补助资金不够，还差${amount}元的材料和人工费。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(10000, 30000, 1000);
      const disaster = c.random.pick(DISASTERS.slice(0, 3));
      return {
        title: `${disaster}冲毁了厨房和院墙，需要重建`,
        story: `今年雨季${disaster}冲毁了厨房和院墙，一家人暂时在亲戚家借住。重建需要${amount}元，家里能出力，缺的是建材钱。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(3000, 8000, 500);
      return {
        title: "家里有人坐轮椅，需要做无障碍改造",
        story: `家里有人因病瘫痪，需要坐轮椅，进出门槛和上厕所都很困难。希望做无障碍改造：修一段坡道、装扶手、把蹲便改成坐便，预算约${amount}元。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(2000, 5000, 100);
      return {
        title: "租住的房子要拆迁，需要新住处的押金",
        story: `一家人在${c.county.area.city.zh}租房住，房子要拆了，得另找住处。新房子押一付三需要${amount}元，一时拿不出来。`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  counselling: [
    (c) => ({
      title: "亲人突然离世，心里一直走不出来",
      story: `今年家里遭遇变故，一位亲人因病去世。${c.age}岁，一个人撑着这个家，常常整夜睡不着，觉得压力很大。希望能有心理咨询师定期聊一聊。`,
      skills: [],
      amount: null,
    }),
    () => ({
      title: "孩子因家庭变故厌学，需要心理辅导",
      story: "家里出事后，孩子变得不爱说话，成绩下滑，最近几次说不想上学了。家长不知道怎么开导，希望有专业老师或志愿者给孩子做心理辅导。",
      skills: [],
      amount: null,
    }),
    (c) => ({
      title: "长期照顾病人身心疲惫，想有人倾诉",
      story: `照顾卧床的家人已经${c.random.int(2, 8)}年，几乎没有休息过，情绪越来越差。希望有心理疏导服务，也想认识一些有同样经历的人。`,
      skills: [],
      amount: null,
    }),
    () => ({
      title: "受伤后失去工作，情绪低落",
      story: "受伤后不能再干原来的活，觉得自己成了家里的负担，经常情绪低落。家人很担心，希望能有心理咨询师帮忙。",
      skills: [],
      amount: null,
    }),
  ],
  care: [
    () => ({
      title: "重度残疾家人白天无人照护",
      story: "家中有一位重度残疾的家人，生活不能自理。为了照顾，家里的劳动力只能留在家，没法外出工作。希望有上门照护或日间照料服务，每周几次就好，这样可以去打一份零工。",
      skills: ["助残"],
      amount: null,
    }),
    (c) => ({
      title: "失能老人需要上门护理",
      story: `家里老人${c.random.int(72, 90)}岁，中风后卧床，需要翻身、擦洗和康复训练。家人不懂护理，希望有专业护理员定期上门，也教家人一些护理方法。`,
      skills: ["养老护理"],
      amount: null,
    }),
    () => ({
      title: "孩子放学后无人看护",
      story: "家长要上班打零工，孩子放学后一个人在家，作业没人辅导。希望有课后托管或志愿者陪伴，每周几天就好。",
      skills: ["课后托管"],
      amount: null,
    }),
  ],
  goods: [
    (c) => {
      const amount = c.random.step(800, 2000, 100);
      return {
        title: "孩子上网课需要一台旧电脑和一张书桌",
        story: `孩子读${c.random.pick(GRADES)}，家里没有书桌，作业都在饭桌上写。学校有时要上网课，希望能有一台能用的旧电脑和一张书桌，约${amount}元。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(500, 1200, 100);
      return {
        title: "冬天需要棉被和取暖器",
        story: `家在山区，冬天很冷，家里只有两床旧棉被。需要几床新棉被和一台取暖器，约${amount}元。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(800, 2000, 100);
      return {
        title: "需要一辆轮椅和助行器",
        story: `家人因病行走困难，出门看病都要靠人背。需要一辆轮椅和一个助行器，约${amount}元。`,
        skills: [],
        amount: yuan(amount),
      };
    },
    (c) => {
      const amount = c.random.step(2500, 4000, 100);
      return {
        title: "需要一辆电动三轮车出摊",
        story: `靠在集市上卖菜维持生活，每次都要借别人的车运货。想要一辆电动三轮车，约${amount}元，这样每天能多赶一个集。`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
};
