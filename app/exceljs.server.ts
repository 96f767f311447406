// exceljs, loaded the first time a workbook is read or written rather than when the server starts:
// evaluating it took about 0.4 s, a tenth of a second start, for pages that seldom need it (a
// household sheet's import or export, a report's download).
import type ExcelJSModule from "exceljs";

let loading: Promise<typeof ExcelJSModule> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  loading ??= import("exceljs").then((module) => module.default);
  return loading;
}
