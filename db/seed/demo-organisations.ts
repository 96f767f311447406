// The demo's organisations: a union tree over the demo places (parents listed before children)
// and the charities, employers, training schools, volunteer groups and government departments that
// post offers. Companies, schools, funds and volunteer groups are invented; three organisations
// are left unverified to show the pending state.
import type { ImportDocumentInput } from "../../app/domain/import/import-document";

export type OrganisationInput = NonNullable<ImportDocumentInput["organisations"]>[number];

const union = (key: string, name: string, region: string, parent: string | null): OrganisationInput => ({
  key: `demo-union-${key}`,
  kind: "union",
  name,
  region,
  parent: parent === null ? null : `demo-union-${parent}`,
  description: "演示数据。",
  verified: true,
});

export const DEMO_UNIONS: readonly OrganisationInput[] = [
  union("yunnan", "云南省总工会", "53", null),
  union("dali", "大理白族自治州总工会", "5329", "yunnan"),
  union("xiangyun", "祥云县总工会", "532923", "dali"),
  union("dali-city", "大理市总工会", "532901", "dali"),
  union("binchuan", "宾川县总工会", "532924", "dali"),
  union("midu", "弥渡县总工会", "532925", "dali"),
  union("weishan", "巍山彝族回族自治县总工会", "532927", "dali"),
  union("kunming", "昆明市总工会", "5301", "yunnan"),
  union("zhaotong", "昭通市总工会", "5306", "yunnan"),
  union("guangxi", "广西壮族自治区总工会", "45", null),
  union("liuzhou", "柳州市总工会", "4502", "guangxi"),
  union("shandong", "山东省总工会", "37", null),
  union("binzhou", "滨州市总工会", "3716", "shandong"),
  union("xinjiang", "新疆维吾尔自治区总工会", "65", null),
  union("tumxuk", "图木舒克市总工会", "659003", "xinjiang"),
];

const other = (
  key: string,
  kind: Exclude<OrganisationInput["kind"], "union">,
  name: string,
  region: string,
  description: string,
  verified = true,
): OrganisationInput => ({ key: `demo-${key}`, kind, name, region, parent: null, description: `演示数据。${description}`, verified });

export const DEMO_PARTNERS: readonly OrganisationInput[] = [
  other("gov-xiangyun-hrss", "government", "祥云县人力资源和社会保障局", "532923", "就业援助、公益性岗位和职业技能培训补贴。"),
  other("gov-xiangyun-civil", "government", "祥云县民政局", "532923", "最低生活保障、临时救助和特困人员供养。"),
  other("gov-xiangyun-education", "government", "祥云县教育体育局", "532923", "学生资助和生源地信用助学贷款。"),
  other("gov-xiangyun-housing", "government", "祥云县住房和城乡建设局", "532923", "农村低收入群体住房安全保障。"),
  other("gov-dali-medical", "government", "大理白族自治州医疗保障局", "5329", "医疗救助和大病保险倾斜支付。"),
  other("gov-dali-legal-aid", "government", "大理白族自治州法律援助中心", "5329", "农民工讨薪和工伤维权法律援助。"),
  other("gov-kunming-hrss", "government", "昆明市人力资源和社会保障局", "5301", "就业困难人员援助和技能提升。"),
  other("gov-zhaotong-civil", "government", "昭通市民政局", "5306", "临时救助和困难失能老人照护。"),
  other("gov-liuzhou-hrss", "government", "柳州市人力资源和社会保障局", "4502", "就业服务和职业技能培训补贴。"),
  other("gov-binzhou-civil", "government", "滨州市民政局", "3716", "社会救助和残疾人两项补贴。"),
  other("charity-dali", "charity", "大理州慈善总会", "5329", "助学、助医和冬季送温暖项目。"),
  other("charity-yunnan-red-cross", "charity", "云南省红十字会", "53", "重症儿童救助和灾后重建。"),
  other("charity-kunming", "charity", "昆明市慈善总会", "5301", "困难家庭生活救助和助残辅具。"),
  other("charity-liuzhou", "charity", "柳州市慈善总会", "4502", "助学和小额创业扶持。"),
  other("charity-binzhou", "charity", "滨州市慈善总会", "3716", "医疗救助和微心愿。"),
  other("charity-yunling-fund", "charity", "云岭助学基金会", "53", "资助高中和中职学生的虚构基金会。", false),
  other("employer-xiangrui", "employer", "祥云县祥瑞建材有限公司", "532923", "虚构企业：建材生产和销售。"),
  other("employer-cang-er-tea", "employer", "大理苍洱云雾茶业有限公司", "5329", "虚构企业：茶叶种植和加工。"),
  other("employer-erhai-hotel", "employer", "大理洱海云栖酒店管理有限公司", "5329", "虚构企业：民宿和酒店管理。"),
  other("employer-diantong", "employer", "昆明滇通物流有限公司", "5301", "虚构企业：城市配送和仓储。"),
  other("employer-chuncheng-home", "employer", "昆明春城家政服务有限公司", "5301", "虚构企业：家政、育婴和居家养老服务。"),
  other("employer-liuchang", "employer", "柳州柳畅汽车零部件有限公司", "4502", "虚构企业：汽车零部件制造。"),
  other("employer-binfang", "employer", "滨州滨纺家纺有限公司", "3716", "虚构企业：家纺生产。"),
  other("employer-oasis-cotton", "employer", "图木舒克绿洲棉业有限公司", "659003", "虚构企业：棉花收购和加工。", false),
  other("training-xinyuan", "training", "祥云县鑫源职业技能培训学校", "532923", "虚构学校：电工、焊工和养老护理培训。"),
  other("training-caiyun", "training", "大理州彩云职业技能培训学校", "5329", "虚构学校：扎染技艺和农村电商培训。"),
  other("training-dianchi", "training", "昆明市滇池职业技能培训学校", "5301", "虚构学校：家政、育婴和烹饪培训。"),
  other("training-longcheng", "training", "柳州市龙城职业技能培训学校", "4502", "虚构学校：焊接、装配和食品加工培训。"),
  other("volunteer-xiangyun", "volunteer", "祥云县暖心志愿服务队", "532923", "虚构志愿队：上门陪护、课后托管和微心愿。"),
  other("volunteer-chuncheng", "volunteer", "昆明春城助残志愿者协会", "5301", "虚构志愿组织：助残上门服务。", false),
  other("volunteer-binzhou", "volunteer", "滨州黄河之滨心理援助志愿服务队", "3716", "虚构志愿队：心理疏导。"),
];
