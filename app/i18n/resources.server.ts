// Every namespace of both languages, for the server (rendering, loaders' titles, emails). The
// browser bundles only `common` and loads the others on the pages that use them (entry.client).
import accountEn from "./locales/en/account.json";
import auditEn from "./locales/en/audit.json";
import authEn from "./locales/en/auth.json";
import membersEn from "./locales/en/members.json";
import organisationsEn from "./locales/en/organisations.json";
import staffEn from "./locales/en/staff.json";
import accountZh from "./locales/zh-CN/account.json";
import auditZh from "./locales/zh-CN/audit.json";
import authZh from "./locales/zh-CN/auth.json";
import membersZh from "./locales/zh-CN/members.json";
import organisationsZh from "./locales/zh-CN/organisations.json";
import staffZh from "./locales/zh-CN/staff.json";
import { resources } from "./config";

export const allResources = {
  "zh-CN": { ...resources["zh-CN"], auth: authZh, account: accountZh, organisations: organisationsZh, members: membersZh, audit: auditZh, staff: staffZh },
  en: { ...resources.en, auth: authEn, account: accountEn, organisations: organisationsEn, members: membersEn, audit: auditEn, staff: staffEn },
} as const;

export const ALL_NAMESPACES = ["common", "auth", "account", "organisations", "members", "audit", "staff"] as const;
