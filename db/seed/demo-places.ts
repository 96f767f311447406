// The places the project grew from, and the union tree that serves them.

export interface Trade {
  /** The skill as needs and offers list it. */
  zh: string;
  en: string;
}

export interface DemoArea {
  id: "dali" | "kunming" | "zhaotong" | "liuzhou" | "binzhou" | "tumxuk";
  /** Where people of the area go for work and hospitals. */
  city: { zh: string; en: string };
  schoolCities: readonly { zh: string; en: string }[];
  /** Trades common in the area, besides the general ones. */
  trades: readonly Trade[];
  produce: readonly string[];
}

export interface DemoCounty {
  code: string;
  nameZh: string;
  area: DemoArea;
  /** Key of the union that registers the county's households. */
  union: string;
}

export const GENERAL_TRADES: readonly Trade[] = [
  { zh: "电工", en: "electrician" },
  { zh: "水电工", en: "plumber and electrician" },
  { zh: "焊工", en: "welder" },
  { zh: "驾驶员", en: "driver" },
  { zh: "厨师", en: "cook" },
  { zh: "家政", en: "housekeeper" },
  { zh: "养老护理", en: "care worker" },
  { zh: "砌筑工", en: "bricklayer" },
  { zh: "木工", en: "carpenter" },
  { zh: "仓储", en: "warehouse worker" },
  { zh: "叉车", en: "forklift driver" },
  { zh: "保洁", en: "cleaner" },
];

const AREAS = {
  dali: {
    id: "dali",
    city: { zh: "大理", en: "Dali" },
    schoolCities: [
      { zh: "昆明", en: "Kunming" },
      { zh: "大理", en: "Dali" },
    ],
    trades: [
      { zh: "扎染", en: "tie-dye artisan" },
      { zh: "茶叶加工", en: "tea processing worker" },
      { zh: "客房服务", en: "hotel housekeeper" },
    ],
    produce: ["核桃", "雕梅", "蔬菜", "柑橘", "葡萄"],
  },
  kunming: {
    id: "kunming",
    city: { zh: "昆明", en: "Kunming" },
    schoolCities: [
      { zh: "昆明", en: "Kunming" },
      { zh: "曲靖", en: "Qujing" },
    ],
    trades: [
      { zh: "育婴员", en: "nanny" },
      { zh: "花卉种植", en: "flower grower" },
    ],
    produce: ["鲜切花", "蔬菜", "蓝莓"],
  },
  zhaotong: {
    id: "zhaotong",
    city: { zh: "昭通", en: "Zhaotong" },
    schoolCities: [
      { zh: "昆明", en: "Kunming" },
      { zh: "昭通", en: "Zhaotong" },
    ],
    trades: [{ zh: "果树种植", en: "orchard worker" }],
    produce: ["苹果", "天麻", "马铃薯"],
  },
  liuzhou: {
    id: "liuzhou",
    city: { zh: "柳州", en: "Liuzhou" },
    schoolCities: [
      { zh: "南宁", en: "Nanning" },
      { zh: "柳州", en: "Liuzhou" },
      { zh: "桂林", en: "Guilin" },
    ],
    trades: [
      { zh: "装配工", en: "assembly worker" },
      { zh: "食品加工", en: "food factory worker" },
    ],
    produce: ["螺蛳粉", "茶油", "沙糖桔"],
  },
  binzhou: {
    id: "binzhou",
    city: { zh: "滨州", en: "Binzhou" },
    schoolCities: [
      { zh: "济南", en: "Jinan" },
      { zh: "青岛", en: "Qingdao" },
      { zh: "滨州", en: "Binzhou" },
    ],
    trades: [
      { zh: "缝纫", en: "sewing machinist" },
      { zh: "纺织", en: "textile worker" },
    ],
    produce: ["冬枣", "小麦", "海产品"],
  },
  tumxuk: {
    id: "tumxuk",
    city: { zh: "图木舒克", en: "Tumxuk" },
    schoolCities: [
      { zh: "乌鲁木齐", en: "Urumqi" },
      { zh: "阿拉尔", en: "Aral" },
    ],
    trades: [{ zh: "棉花加工", en: "cotton mill worker" }],
    produce: ["红枣", "核桃"],
  },
} as const satisfies Record<DemoArea["id"], DemoArea>;

const county = (code: string, nameZh: string, area: DemoArea, union: string): DemoCounty => ({ code, nameZh, area, union });

export const XIANGYUN = county("532923", "祥云县", AREAS.dali, "demo-union-xiangyun");

/** Other Dali counties; those without a county union are registered by the prefecture union. */
export const DALI_COUNTIES: readonly DemoCounty[] = [
  county("532901", "大理市", AREAS.dali, "demo-union-dali-city"),
  county("532924", "宾川县", AREAS.dali, "demo-union-binchuan"),
  county("532925", "弥渡县", AREAS.dali, "demo-union-midu"),
  county("532927", "巍山彝族回族自治县", AREAS.dali, "demo-union-weishan"),
  county("532922", "漾濞彝族自治县", AREAS.dali, "demo-union-dali"),
  county("532926", "南涧彝族自治县", AREAS.dali, "demo-union-dali"),
  county("532928", "永平县", AREAS.dali, "demo-union-dali"),
  county("532929", "云龙县", AREAS.dali, "demo-union-dali"),
  county("532930", "洱源县", AREAS.dali, "demo-union-dali"),
  county("532931", "剑川县", AREAS.dali, "demo-union-dali"),
  county("532932", "鹤庆县", AREAS.dali, "demo-union-dali"),
];

export const KUNMING_COUNTIES: readonly DemoCounty[] = [
  county("530102", "五华区", AREAS.kunming, "demo-union-kunming"),
  county("530103", "盘龙区", AREAS.kunming, "demo-union-kunming"),
  county("530112", "西山区", AREAS.kunming, "demo-union-kunming"),
  county("530113", "东川区", AREAS.kunming, "demo-union-kunming"),
  county("530124", "富民县", AREAS.kunming, "demo-union-kunming"),
  county("530125", "宜良县", AREAS.kunming, "demo-union-kunming"),
  county("530128", "禄劝彝族苗族自治县", AREAS.kunming, "demo-union-kunming"),
  county("530129", "寻甸回族彝族自治县", AREAS.kunming, "demo-union-kunming"),
];

export const ZHAOTONG_COUNTIES: readonly DemoCounty[] = [
  county("530602", "昭阳区", AREAS.zhaotong, "demo-union-zhaotong"),
  county("530621", "鲁甸县", AREAS.zhaotong, "demo-union-zhaotong"),
  county("530622", "巧家县", AREAS.zhaotong, "demo-union-zhaotong"),
  county("530627", "镇雄县", AREAS.zhaotong, "demo-union-zhaotong"),
  county("530628", "彝良县", AREAS.zhaotong, "demo-union-zhaotong"),
  county("530629", "威信县", AREAS.zhaotong, "demo-union-zhaotong"),
];

export const LIUZHOU_COUNTIES: readonly DemoCounty[] = [
  county("450203", "鱼峰区", AREAS.liuzhou, "demo-union-liuzhou"),
  county("450206", "柳江区", AREAS.liuzhou, "demo-union-liuzhou"),
  county("450222", "柳城县", AREAS.liuzhou, "demo-union-liuzhou"),
  county("450223", "鹿寨县", AREAS.liuzhou, "demo-union-liuzhou"),
  county("450225", "融水苗族自治县", AREAS.liuzhou, "demo-union-liuzhou"),
  county("450226", "三江侗族自治县", AREAS.liuzhou, "demo-union-liuzhou"),
];

export const BINZHOU_COUNTIES: readonly DemoCounty[] = [
  county("371602", "滨城区", AREAS.binzhou, "demo-union-binzhou"),
  county("371603", "沾化区", AREAS.binzhou, "demo-union-binzhou"),
  county("371621", "惠民县", AREAS.binzhou, "demo-union-binzhou"),
  county("371622", "阳信县", AREAS.binzhou, "demo-union-binzhou"),
  county("371623", "无棣县", AREAS.binzhou, "demo-union-binzhou"),
  county("371625", "博兴县", AREAS.binzhou, "demo-union-binzhou"),
];

export const TUMXUK = county("659003", "图木舒克市", AREAS.tumxuk, "demo-union-tumxuk");

/** How many households each place registers: 72 in all, Xiangyun first. */
export const CASE_QUOTAS: readonly { counties: readonly DemoCounty[]; cases: number }[] = [
  { counties: [XIANGYUN], cases: 20 },
  { counties: DALI_COUNTIES, cases: 16 },
  { counties: KUNMING_COUNTIES, cases: 8 },
  { counties: ZHAOTONG_COUNTIES, cases: 10 },
  { counties: LIUZHOU_COUNTIES, cases: 7 },
  { counties: BINZHOU_COUNTIES, cases: 7 },
  { counties: [TUMXUK], cases: 4 },
];

/** Region codes whose counties the demo households live in. */
export const DEMO_PLACES: readonly string[] = ["5329", "5301", "5306", "4502", "3716", "659003"];
