// The one guard against spreadsheet formula injection, for every file the site hands to a
// spreadsheet (household export, audit log CSV, staff report workbook and CSV). A cell starting with = + - or @ runs as a formula;
// some programs skip a leading TAB or CR first and then run the rest. Such a cell gets a leading
// apostrophe, which spreadsheets read as "this is text" and do not show. Pure.

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it, never as a formula. */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes guardFormula when a file the site wrote is read back, so an export imports to the same values. */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
