// The demo's offers: entitlements from government departments, funds and projects from charities
// and unions, vacancies from (invented) employers, courses and volunteer services. Dates are
// added by buildDemoDocument relative to its `today`.
import type { NeedCategory } from "../../app/domain/needs/need-category";
import type { OfferStatus } from "../../app/domain/offers/offer-vocabulary";

export interface OfferSpec {
  key: string;
  organisation: string;
  category: NeedCategory;
  title: string;
  description: string;
  skills: string[];
  regions: string[];
  capacity: number;
  /** Whole yuan per grant for funding offers. */
  amount: number | null;
  status: OfferStatus;
}

const spec = (
  key: string,
  organisation: string,
  category: NeedCategory,
  title: string,
  description: string,
  details: { regions: string[]; capacity: number; skills?: string[]; amount?: number; status?: OfferStatus },
): OfferSpec => ({
  key: `demo-offer-${key}`,
  organisation: `demo-${organisation}`,
  category,
  title,
  description,
  skills: details.skills ?? [],
  regions: details.regions,
  capacity: details.capacity,
  amount: details.amount ?? null,
  status: details.status ?? "open",
});

export const DEMO_OFFERS: readonly OfferSpec[] = [
  // Government entitlements come first in matching: a worker should receive every one (应享尽享).
  spec("xiangyun-public-posts", "gov-xiangyun-hrss", "job", "祥云县公益性岗位（保洁、护林、道路养护）", "面向就业困难人员和脱贫劳动力开发的公益性岗位，按月发放岗位补贴并缴纳社会保险，就近安排、时间相对灵活。", { regions: ["532923"], capacity: 30, skills: ["保洁"] }),
  spec("xiangyun-training-subsidy", "gov-xiangyun-hrss", "training", "职业技能培训补贴（电工、焊工、养老护理）", "参加定点机构的职业技能培训并取得证书的，按规定享受培训补贴；脱贫家庭和低收入家庭劳动力培训期间另有生活费补贴。", { regions: ["532923"], capacity: 120, skills: ["电工", "焊工", "养老护理"] }),
  spec("xiangyun-startup-loan", "gov-xiangyun-hrss", "enterprise", "创业担保贷款及贴息", "符合条件的返乡创业人员、就业困难人员可申请创业担保贷款，由财政按规定贴息，帮助开办小店、作坊和养殖项目。", { regions: ["532923"], capacity: 40, amount: 200000 }),
  spec("xiangyun-dibao", "gov-xiangyun-civil", "living", "最低生活保障（低保）", "家庭人均收入低于当地低保标准且符合财产条件的，可申请纳入最低生活保障，按月发放低保金。由乡镇（街道）受理，县民政局审核确认。", { regions: ["532923"], capacity: 500 }),
  spec("xiangyun-temporary-aid", "gov-xiangyun-civil", "living", "临时救助（急难型、支出型）", "因火灾、交通事故、突发重病等导致基本生活陷入困境的家庭，可申请临时救助；情况紧急的可先行救助、后补手续。", { regions: ["532923"], capacity: 200, amount: 3000 }),
  spec("xiangyun-care-subsidy", "gov-xiangyun-civil", "care", "困难残疾人生活补贴和重度残疾人护理补贴", "持证困难残疾人和一、二级重度残疾人可按月领取补贴，用于日常生活和照护。", { regions: ["532923"], capacity: 300, skills: ["助残"] }),
  spec("xiangyun-student-loan", "gov-xiangyun-education", "tuition", "生源地信用助学贷款", "家庭经济困难的大学新生和在校生可在户籍所在县申请，在校期间利息由财政补贴。额度按当年国家政策执行。", { regions: ["532923"], capacity: 400, amount: 16000 }),
  spec("xiangyun-living-allowance", "gov-xiangyun-education", "tuition", "家庭经济困难学生生活补助", "义务教育阶段和普通高中、中职家庭经济困难学生按规定享受生活补助或国家助学金，由学校统一申报。", { regions: ["532923"], capacity: 600, amount: 1250 }),
  spec("xiangyun-housing-safety", "gov-xiangyun-housing", "housing", "农村低收入群体危房改造补助", "经鉴定为 C 级、D 级危房的低收入家庭可申请加固或重建补助，施工期间可申请过渡安置。", { regions: ["532923"], capacity: 60, amount: 15000 }),
  spec("dali-medical-assistance", "gov-dali-medical", "medical", "医疗救助（门诊慢特病和住院）", "低保对象、特困人员、防止返贫监测对象等在基本医保、大病保险报销后，个人负担部分按比例给予救助，在定点医院\"一站式\"结算。", { regions: ["5329"], capacity: 1000 }),
  spec("dali-wage-legal-aid", "gov-dali-legal-aid", "legal", "农民工讨薪法律援助", "农民工请求支付劳动报酬、工伤赔偿的，免于经济困难审查，提供咨询、调解、仲裁和诉讼代理。", { regions: ["5329"], capacity: 150 }),
  spec("dali-family-legal-aid", "gov-dali-legal-aid", "legal", "婚姻家庭和抚养费纠纷法律援助", "为经济困难群众提供婚姻家庭、抚养费、赡养费纠纷的法律咨询和代理，帮助申请强制执行。", { regions: ["5329"], capacity: 80 }),
  spec("kunming-public-posts", "gov-kunming-hrss", "job", "昆明市就业困难人员公益性岗位", "为就业困难人员提供社区服务、保洁绿化等公益性岗位，签订劳动合同，享受岗位补贴和社保补贴。", { regions: ["5301"], capacity: 80, skills: ["保洁"] }),
  spec("kunming-skills", "gov-kunming-hrss", "training", "昆明市职业技能提升行动（家政、育婴员、电工）", "面向城乡劳动者开展补贴性职业技能培训，考核合格发放职业技能等级证书，并推荐就业。", { regions: ["5301"], capacity: 200, skills: ["家政", "育婴员", "电工"] }),
  spec("zhaotong-temporary-aid", "gov-zhaotong-civil", "living", "昭通市临时救助", "对因突发事件、意外伤害、重大疾病等导致生活暂时困难的家庭给予临时救助，急难情况先行救助。", { regions: ["5306"], capacity: 300, amount: 3000 }),
  spec("zhaotong-home-care", "gov-zhaotong-civil", "care", "困难失能老人居家照护服务", "为低保、特困家庭中的失能老人提供每月若干次的上门照护服务，由专业护理员上门。", { regions: ["5306"], capacity: 120, skills: ["养老护理"] }),
  spec("liuzhou-auto-jobs", "gov-liuzhou-hrss", "job", "柳州市汽车产业就业服务专场", "组织汽车及零部件企业集中招聘装配、焊接、质检、物流等岗位，提供岗前培训和交通补贴。", { regions: ["4502"], capacity: 300, skills: ["装配工", "焊工", "仓储"] }),
  spec("liuzhou-training-subsidy", "gov-liuzhou-hrss", "training", "柳州市职业技能培训补贴", "参加补贴性职业技能培训并取得证书的劳动者按规定享受培训补贴，脱贫人口和低保家庭成员优先。", { regions: ["4502"], capacity: 200, skills: ["焊工", "食品加工"] }),
  spec("binzhou-dibao", "gov-binzhou-civil", "living", "滨州市最低生活保障", "符合条件的城乡困难家庭可申请纳入低保，对重残、重病人员可单人保。", { regions: ["3716"], capacity: 800 }),
  spec("binzhou-disability-subsidy", "gov-binzhou-civil", "care", "残疾人两项补贴", "困难残疾人生活补贴和重度残疾人护理补贴按月发放，可通过网上申请。", { regions: ["3716"], capacity: 400, skills: ["助残"] }),

  // Charities.
  spec("dali-charity-scholarship", "charity-dali", "tuition", "慈善助学金（大学新生）", "资助家庭经济困难的大专、本科新生，一次性发放助学金，由县（市）慈善会初审推荐。", { regions: ["5329"], capacity: 40, amount: 5000 }),
  spec("dali-charity-serious-illness", "charity-dali", "medical", "大病救助专项基金", "对报销后自付费用仍然较高的大病患者家庭给予一次性救助。", { regions: ["5329"], capacity: 20, amount: 20000 }),
  spec("dali-charity-winter", "charity-dali", "goods", "冬季温暖包", "为困难家庭送去棉被、棉衣和取暖器，每户一份。", { regions: ["5329"], capacity: 200, amount: 600 }),
  spec("red-cross-children", "charity-yunnan-red-cross", "medical", "重症儿童博爱救助", "为患白血病、先天性心脏病等重症的困难家庭儿童提供医疗救助。", { regions: ["53"], capacity: 30, amount: 30000 }),
  spec("red-cross-rebuild", "charity-yunnan-red-cross", "housing", "灾后重建博爱家园", "为山洪、泥石流等灾害中房屋受损的困难家庭提供重建和修缮资助。", { regions: ["53"], capacity: 25, amount: 10000 }),
  spec("kunming-charity-living", "charity-kunming", "living", "困难家庭生活救助", "对因病、因灾等陷入困境的家庭给予一次性生活救助。", { regions: ["5301"], capacity: 60, amount: 2000 }),
  spec("kunming-charity-aids", "charity-kunming", "goods", "助残辅具（轮椅、助行器）", "为行动不便的困难群众免费适配轮椅、助行器等辅具。", { regions: ["5301"], capacity: 80, amount: 1500, skills: ["助残"] }),
  spec("liuzhou-charity-scholarship", "charity-liuzhou", "tuition", "柳州慈善助学", "资助困难家庭的高中、中职和大学学生，每学年一次。", { regions: ["4502"], capacity: 50, amount: 4000 }),
  spec("liuzhou-charity-startup", "charity-liuzhou", "enterprise", "小额创业扶持金", "为有创业意愿和一技之长的困难群众提供启动资金，配套创业导师指导。", { regions: ["4502"], capacity: 15, amount: 10000 }),
  spec("binzhou-charity-medical", "charity-binzhou", "medical", "慈善医疗救助", "对低收入家庭的重病患者给予医疗费用补助。", { regions: ["3716"], capacity: 40, amount: 15000 }),
  spec("binzhou-charity-wishes", "charity-binzhou", "goods", "微心愿认领", "收集困难家庭的小心愿（书桌、电脑、电动三轮车等），由爱心人士认领。", { regions: ["3716"], capacity: 100, amount: 800 }),
  spec("yunling-scholarship", "charity-yunling-fund", "tuition", "云岭助学金（高中、中职）", "资助家庭经济困难的高中和中职学生完成学业，每学年发放一次。", { regions: ["53"], capacity: 100, amount: 3000, status: "draft" }),

  // Employers (invented).
  spec("xiangrui-electrician", "employer-xiangrui", "job", "招聘电工 2 名、叉车司机 2 名", "厂区设备维护和物料搬运，持证上岗，包午餐，缴纳五险。欢迎有经验的返乡人员。", { regions: ["532923"], capacity: 4, skills: ["电工", "叉车"] }),
  spec("xiangrui-storekeeper", "employer-xiangrui", "job", "仓库管理员（坐岗，欢迎残疾人）", "负责出入库登记和盘点，以坐姿工作为主，厂区有无障碍通道。", { regions: ["532923"], capacity: 2, skills: ["仓储"] }),
  spec("tea-seasonal", "employer-cang-er-tea", "job", "茶叶加工季节工", "春茶、秋茶季节招收采摘和初制工人，计件工资，可提供住宿。", { regions: ["5329"], capacity: 20, skills: ["茶叶加工"], status: "paused" }),
  spec("tea-apprentice", "employer-cang-er-tea", "training", "茶叶加工学徒（带薪培训）", "师傅带徒，学习杀青、揉捻、烘干等制茶工艺，培训期间发放基本工资。", { regions: ["5329"], capacity: 6, skills: ["茶叶加工"] }),
  spec("erhai-hotel", "employer-erhai-hotel", "job", "Hotel housekeepers and a cook", "Guesthouse group near Erhai lake hiring room attendants and a cook. Training provided, meals and staff housing included. 客房服务员、厨师。", { regions: ["5329"], capacity: 8, skills: ["客房服务", "厨师"], status: "closed" }),
  spec("diantong-drivers", "employer-diantong", "job", "货车驾驶员（B2 及以上）", "市内及周边州市配送，月休四天，缴纳五险一金。", { regions: ["5301", "53"], capacity: 5, skills: ["驾驶员"] }),
  spec("diantong-warehouse", "employer-diantong", "job", "仓储分拣员", "仓库分拣、打包和装卸，两班倒，有叉车证优先，包工作餐。", { regions: ["5301"], capacity: 15, skills: ["仓储", "叉车"] }),
  spec("chuncheng-home-jobs", "employer-chuncheng-home", "job", "家政服务员、育婴员、养老护理员", "提供岗前培训，持证后派单，工作时间可协商，适合需要照顾家庭的人员。", { regions: ["5301"], capacity: 20, skills: ["家政", "育婴员", "养老护理"] }),
  spec("chuncheng-home-care", "employer-chuncheng-home", "care", "困难家庭失能老人上门护理（公益名额）", "每月为困难家庭的失能老人免费上门护理四次，并指导家属掌握基本护理方法。", { regions: ["5301"], capacity: 10, skills: ["养老护理"] }),
  spec("liuchang-assembly", "employer-liuchang", "job", "汽车零部件装配工", "流水线装配，提供岗前培训，计时加计件，包住宿，缴纳五险一金。", { regions: ["4502", "45"], capacity: 30, skills: ["装配工"] }),
  spec("liuchang-welders", "employer-liuchang", "job", "焊工（持证）", "车身零件焊接，持焊工证，有经验者优先，提供技能晋级通道。", { regions: ["4502"], capacity: 8, skills: ["焊工"] }),
  spec("binfang-sewing", "employer-binfang", "job", "缝纫工", "家纺产品缝制，计件工资，提供技能培训，厂车接送。", { regions: ["3716"], capacity: 25, skills: ["缝纫", "纺织"] }),
  spec("binfang-home-sewing", "employer-binfang", "job", "居家缝纫外发加工", "将简单缝制工序外发到家，按件结算，适合需要在家照顾老人孩子的人员。", { regions: ["3716"], capacity: 10, skills: ["缝纫"] }),
  spec("oasis-cotton", "employer-oasis-cotton", "job", "棉花加工厂季节工", "棉花收购季节招收过磅、搬运和加工工人，包吃住。", { regions: ["659003"], capacity: 40, skills: ["棉花加工", "叉车"], status: "paused" }),

  // Training schools.
  spec("xinyuan-electrician", "training-xinyuan", "training", "低压电工作业证培训（免费）", "理论加实操，考核合格取得特种作业操作证，培训费由就业补贴支付，结业后推荐就业。", { regions: ["532923", "5329"], capacity: 40, skills: ["电工"] }),
  spec("xinyuan-carer", "training-xinyuan", "training", "养老护理员培训", "学习生活照料、基础护理和康复辅助，考核合格取得职业技能等级证书。", { regions: ["532923"], capacity: 30, skills: ["养老护理"] }),
  spec("caiyun-tie-dye", "training-caiyun", "training", "扎染非遗技艺培训", "跟随非遗传承人学习扎染技艺，结业后可加入合作社接单，实现居家就业。", { regions: ["5329"], capacity: 25, skills: ["扎染"] }),
  spec("caiyun-ecommerce", "training-caiyun", "training", "农村电商和直播带货培训", "学习网店运营、短视频拍摄和直播，帮助把核桃、柑橘、葡萄等农产品卖出去。", { regions: ["5329"], capacity: 50, skills: ["电商"] }),
  spec("dianchi-nanny", "training-dianchi", "training", "育婴员、家政服务员培训", "免费培训，考核合格取得证书，合作家政企业优先录用。", { regions: ["5301", "53"], capacity: 40, skills: ["育婴员", "家政"] }),
  spec("dianchi-cook", "training-dianchi", "training", "中式烹调师培训", "学习刀工、火候和滇味家常菜，结业后推荐到餐饮企业就业。", { regions: ["5301"], capacity: 30, skills: ["厨师"] }),
  spec("longcheng-welding", "training-longcheng", "training", "焊工、汽车装配工技能培训", "对接本地汽车零部件企业，培训合格后直接推荐上岗。", { regions: ["4502"], capacity: 40, skills: ["焊工", "装配工"] }),
  spec("longcheng-food", "training-longcheng", "training", "螺蛳粉制作与食品加工培训", "学习食品加工工艺和食品安全规范，可进入产业园企业就业，也可自主创业。", { regions: ["4502"], capacity: 30, skills: ["食品加工"] }),

  // Volunteers.
  spec("xiangyun-volunteer-care", "volunteer-xiangyun", "care", "上门陪护和课后托管", "志愿者每周上门陪伴独居老人和残疾人，放学后为孩子提供作业辅导和托管。", { regions: ["532923"], capacity: 30, skills: ["课后托管", "助残"] }),
  spec("xiangyun-volunteer-wishes", "volunteer-xiangyun", "goods", "微心愿收集与认领", "收集困难家庭的小心愿，发布给爱心人士认领，志愿者负责送达。", { regions: ["532923"], capacity: 100 }),
  // Its organisation is still pending: only verified organisations have open offers.
  spec("chuncheng-disability", "volunteer-chuncheng", "care", "助残上门服务（康复陪练、出行陪同）", "为残疾人提供康复训练陪练、就医和出行陪同。", { regions: ["5301"], capacity: 20, skills: ["助残"], status: "draft" }),
  spec("binzhou-counselling", "volunteer-binzhou", "counselling", "心理疏导（热线和面谈）", "持证心理咨询师志愿者提供心理疏导，面向遭遇变故的家庭、长期照护者和青少年。", { regions: ["3716", "37"], capacity: 50 }),

  // Unions.
  spec("yunnan-golden-autumn", "union-yunnan", "tuition", "金秋助学", "资助困难职工家庭考入大学的子女，每人一次性发放助学金。", { regions: ["53"], capacity: 300, amount: 5000 }),
  spec("yunnan-warmth", "union-yunnan", "living", "困难职工帮扶（送温暖）", "对建档困难职工家庭给予生活救助，节日期间走访慰问。", { regions: ["53"], capacity: 500, amount: 2000 }),
  spec("dali-counselling", "union-dali", "counselling", "职工心理关爱服务", "为困难职工及家属提供一对一心理咨询和团体辅导。", { regions: ["5329"], capacity: 40 }),
  spec("dali-mutual-medical", "union-dali", "medical", "职工医疗互助补充救助", "参加职工医疗互助的会员因病住院，报销后再给予补充救助。", { regions: ["5329"], capacity: 100, amount: 10000 }),
  spec("dali-startup", "union-dali", "enterprise", "困难职工创业扶持金", "支持困难职工发展小作坊、小店铺和特色种养殖。", { regions: ["5329"], capacity: 20, amount: 8000 }),
  spec("xiangyun-spring-jobs", "union-xiangyun", "job", "春风行动就业招聘会", "每月组织县内企业进乡镇招聘，现场登记求职意向，帮扶干部跟踪推荐。", { regions: ["532923"], capacity: 200 }),
  spec("xiangyun-legal", "union-xiangyun", "legal", "职工法律援助（劳动争议调解、仲裁代理）", "工会法律援助律师提供劳动争议咨询、调解和仲裁代理，帮助追讨欠薪、认定工伤。", { regions: ["532923"], capacity: 60 }),
  spec("zhaotong-training", "union-zhaotong", "training", "职工技能培训（电工、焊工、家政）", "工会组织的免费技能培训，优先安排困难职工和失业职工。", { regions: ["5306"], capacity: 80, skills: ["电工", "焊工", "家政"] }),
  spec("liuzhou-legal", "union-liuzhou", "legal", "Legal aid for workers", "Free advice and representation from union lawyers in wage arrears, work-injury and dismissal disputes. 工会职工法律援助。", { regions: ["4502"], capacity: 60 }),
  spec("binzhou-winter", "union-binzhou", "goods", "爱心驿站冬季物资", "为困难职工家庭发放棉被、米面油等过冬物资。", { regions: ["3716"], capacity: 150, amount: 500 }),
  spec("tumxuk-jobs", "union-tumxuk", "job", "就业援助（职业介绍和岗位推荐）", "工会职工服务中心为失业和困难职工登记求职意向，推荐辖区企业岗位。", { regions: ["659003"], capacity: 50 }),
];
