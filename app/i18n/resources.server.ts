// Every namespace of both languages, for the server (rendering, loaders' titles, emails). The
// browser loads the page's language of `common` and of the namespaces its routes name (entry.client).
import accountEn from "./locales/en/account.json";
import auditEn from "./locales/en/audit.json";
import authEn from "./locales/en/auth.json";
import membersEn from "./locales/en/members.json";
import organisationsEn from "./locales/en/organisations.json";
import staffEn from "./locales/en/staff.json";
import casesEn from "./locales/en/cases.json";
import needEditorEn from "./locales/en/needEditor.json";
import dashboardEn from "./locales/en/dashboard.json";
import applicationsEn from "./locales/en/applications.json";
import householdImportEn from "./locales/en/householdImport.json";
import infoEn from "./locales/en/info.json";
import homeEn from "./locales/en/home.json";
import matchingEn from "./locales/en/matching.json";
import matchesEn from "./locales/en/matches.json";
import offersEn from "./locales/en/offers.json";
import notificationsEn from "./locales/en/notifications.json";
import transparencyEn from "./locales/en/transparency.json";
import impactEn from "./locales/en/impact.json";
import pledgesEn from "./locales/en/pledges.json";
import financeEn from "./locales/en/finance.json";
import errorsEn from "./locales/en/errors.json";
import reportsEn from "./locales/en/reports.json";
import reportSheetsEn from "./locales/en/reportSheets.json";
import accountZh from "./locales/zh-CN/account.json";
import auditZh from "./locales/zh-CN/audit.json";
import authZh from "./locales/zh-CN/auth.json";
import membersZh from "./locales/zh-CN/members.json";
import organisationsZh from "./locales/zh-CN/organisations.json";
import staffZh from "./locales/zh-CN/staff.json";
import casesZh from "./locales/zh-CN/cases.json";
import needEditorZh from "./locales/zh-CN/needEditor.json";
import dashboardZh from "./locales/zh-CN/dashboard.json";
import applicationsZh from "./locales/zh-CN/applications.json";
import householdImportZh from "./locales/zh-CN/householdImport.json";
import infoZh from "./locales/zh-CN/info.json";
import homeZh from "./locales/zh-CN/home.json";
import matchingZh from "./locales/zh-CN/matching.json";
import matchesZh from "./locales/zh-CN/matches.json";
import offersZh from "./locales/zh-CN/offers.json";
import notificationsZh from "./locales/zh-CN/notifications.json";
import transparencyZh from "./locales/zh-CN/transparency.json";
import impactZh from "./locales/zh-CN/impact.json";
import pledgesZh from "./locales/zh-CN/pledges.json";
import financeZh from "./locales/zh-CN/finance.json";
import errorsZh from "./locales/zh-CN/errors.json";
import reportsZh from "./locales/zh-CN/reports.json";
import reportSheetsZh from "./locales/zh-CN/reportSheets.json";
import en from "./en.json";
import zhCN from "./zh-CN.json";

export const allResources = {
  "zh-CN": { common: zhCN, account: accountZh, audit: auditZh, auth: authZh, members: membersZh, organisations: organisationsZh, staff: staffZh, cases: casesZh, needEditor: needEditorZh, dashboard: dashboardZh, applications: applicationsZh, householdImport: householdImportZh, info: infoZh, home: homeZh, matches: matchesZh, offers: offersZh, notifications: notificationsZh, pledges: pledgesZh, finance: financeZh, errors: errorsZh, reports: reportsZh, reportSheets: reportSheetsZh, transparency: transparencyZh, impact: impactZh, matching: matchingZh },
  en: { common: en, account: accountEn, audit: auditEn, auth: authEn, members: membersEn, organisations: organisationsEn, staff: staffEn, cases: casesEn, needEditor: needEditorEn, dashboard: dashboardEn, applications: applicationsEn, householdImport: householdImportEn, info: infoEn, home: homeEn, matches: matchesEn, offers: offersEn, notifications: notificationsEn, pledges: pledgesEn, finance: financeEn, errors: errorsEn, reports: reportsEn, reportSheets: reportSheetsEn, transparency: transparencyEn, impact: impactEn, matching: matchingEn },
} as const;

export const ALL_NAMESPACES = ["common", "account", "audit", "auth", "members", "organisations", "staff", "cases", "needEditor", "dashboard", "applications", "householdImport", "info", "home", "matches", "notifications", "pledges", "finance", "errors", "reports", "reportSheets", "transparency", "impact", "matching", "offers"] as const;
