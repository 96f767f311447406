// The columns of a case that a household sheet carries besides the head's identity: what the export
// writes, and what the import compares with the case that already holds a row's resident ID.
import { cases } from "../../../db/schema/cases";

export const caseSheetColumns = {
  regionCode: cases.regionCode,
  consent: cases.consent,
  birthYear: cases.birthYear,
  sex: cases.sex,
  householdSize: cases.householdSize,
  monthlyIncomePerHead: cases.monthlyIncomePerHead,
  causes: cases.causes,
  tier: cases.tier,
};
