// English need stories (about one need in ten), for the bilingual search and pages.
import type { NeedCategory } from "../../app/domain/needs/need-category";
import type { StoryTemplate } from "./demo-story-context";
import { COURSES, shopFor } from "./demo-story-context";
import { yuan } from "./demo-random";

const householdEn = (size: number) => (size === 1 ? "a one-person household" : `a household of ${size}`);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const NEED_STORIES_EN: Readonly<Record<NeedCategory, readonly StoryTemplate[]>> = {
  job: [
    (c) => ({
      title: `Experienced ${c.trade.en} seeks steady work near home`,
      story: `Aged ${c.age}. Worked as a ${c.trade.en} for ${c.years} years until the factory closed last year. Needs to stay near ${c.county.area.city.en} to look after elderly parents, so is looking for steady work close to home with a contract and social insurance.`,
      skills: [c.trade.zh],
      amount: null,
    }),
  ],
  training: [
    (c) => {
      const course = c.random.pick(COURSES);
      return {
        title: `Wants to train as a ${course.en} and get certified`,
        story: `Aged ${c.age}, has done casual labour for years without a recognised skill. Would like a certified course in or near ${c.county.area.city.en}, ideally with a small allowance during the training so the family can manage.`,
        skills: [course.skill],
        amount: null,
      };
    },
  ],
  tuition: [
    (c) => {
      const amount = c.random.step(4000, 8000, 500);
      return {
        title: `First in the family at university, ${amount} yuan short`,
        story: `Admitted this summer to a university in ${c.random.pick(c.county.area.schoolCities).en}. The family has raised the travel money and part of the fees, and a student loan covers more, but ${amount} yuan is still missing for the first year.`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  medical: [
    (c) => {
      const amount = c.random.step(6000, 30000, 1000);
      return {
        title: "Dialysis three times a week; help needed with treatment",
        story: `The main earner has kidney failure and needs dialysis three times a week in ${c.county.area.city.en}. After insurance the family still pays about ${c.random.step(800, 2000, 100)} yuan a month and needs ${amount} yuan for the coming six months.`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  living: [
    (c) => {
      const amount = c.random.step(1500, 4000, 100);
      return {
        title: "Sole earner in hospital; help with living costs",
        story: `The only earner in ${householdEn(c.householdSize)} was injured and cannot work for several months. ${amount} yuan would cover food, heating and school costs until they recover.`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  housing: [
    (c) => {
      const amount = c.random.step(8000, 25000, 1000);
      return {
        title: "Leaking roof and cracked walls need repair",
        story: `${capitalise(householdEn(c.householdSize))} lives in an old mud-brick house whose roof leaks and walls have cracked. A rural housing grant covers part of the work; ${amount} yuan is still needed for materials and labour.`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
  legal: [
    (c) => {
      const months = c.random.int(3, 10);
      return {
        title: `Unpaid wages after ${months} months on a building site`,
        story: `Worked ${months} months on a building site in ${c.county.area.city.en} and has not been paid. Has attendance records and messages with the foreman, and needs legal aid to file for labour arbitration.`,
        skills: [],
        amount: null,
      };
    },
  ],
  counselling: [
    () => ({
      title: "Grieving and exhausted, would like someone to talk to",
      story: "Lost a close family member to illness this year and now carries the household alone. Sleeps badly and feels overwhelmed; would welcome regular sessions with a counsellor.",
      skills: [],
      amount: null,
    }),
  ],
  care: [
    () => ({
      title: "Daytime care for a family member with a severe disability",
      story: "A family member with a severe disability needs help with daily life, so the main carer cannot go out to work. A few days a week of home or day care would let the carer take a part-time job.",
      skills: ["助残"],
      amount: null,
    }),
  ],
  enterprise: [
    (c) => {
      const amount = c.random.step(5000, 20000, 1000);
      const shop = shopFor(c.trade);
      return {
        title: `Start-up funds for a small ${shop.en}`,
        story: `Has ${c.years} years' experience as a ${c.trade.en} and has found a small shop front in town. ${amount} yuan would buy the equipment needed to open a ${shop.en}.`,
        skills: [c.trade.zh],
        amount: yuan(amount),
      };
    },
  ],
  goods: [
    (c) => {
      const amount = c.random.step(500, 1200, 100);
      return {
        title: "Warm quilts and a heater for the winter",
        story: `The family lives in the hills, where winters are cold, and has only two worn quilts. ${amount} yuan would buy new quilts and a small heater.`,
        skills: [],
        amount: yuan(amount),
      };
    },
  ],
};
