// One row of a sheet as the preview shows it. Pure types, shared by the planner and the page.
import type { RowProblem } from "./sheet-problems";

export type RowOutcome = "new" | "update" | "unchanged" | "error";

export interface PlannedRow {
  /** The row number the spreadsheet shows. */
  line: number;
  /** What the preview shows of the identity: the name as written and the masked ID. */
  name: string;
  maskedId: string;
  outcome: RowOutcome;
  problems: RowProblem[];
}
