// What importing a sheet would do, row by row: new case, update, unchanged, or refused with its
// problems. Every rule is the JSON import's (importCaseSchema, checkImportReferences), applied to
// each row so that one bad row does not hide the others. Read-only but for the union's import key.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../../db/client.server";
import { organisations } from "../../../db/schema/organisations";
import type { Actor } from "../auth/actor";
import type { RateLimiters } from "../auth/rate-limit.server";
import { answerSheetHolders, holderAnswersLimited } from "../cases/answer-resident-id-holders.server";
import { checkResidentId, normaliseResidentId, residentIdBirthDate, residentIdSex } from "../cases/resident-id";
import type { ImportCase, ImportDocument } from "../import/import-document";
import { formatIssuePath, importCaseSchema, importDocumentSchema } from "../import/import-document";
import { checkImportReferences } from "../import/check-import-references.server";
import type { IdentityCipher } from "../privacy/identity-cipher.server";
import { forbidden } from "../errors/domain-error";
import type { RegionDirectory } from "../regions/region-directory.server";
import { regionScope } from "../regions/region-scope.server";
import { createCountyLookup } from "./county-lookup";
import type { PlannedRow, RowOutcome } from "./planned-row";
import type { ParsedSheet, SheetRow } from "./read-sheet.server";
import type { ColumnMapping, SheetField } from "./sheet-fields";
import type { Holder } from "./sheet-holders.server";
import { findHolders, hasSameFacts, rowsSameAsHolders } from "./sheet-holders.server";
import type { RowProblem } from "./sheet-problems";
import { localizeImportProblem } from "./sheet-problems";
import { unguardFormula } from "../security/formula-guard";
import { maskResidentId, readAmount, readBirthYear, readCauses, readConsent, readHouseholdSize, readSex, readTier } from "./sheet-values";

export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<RowOutcome, number>;
  /** The new and changed rows as an import document of the actor's union, no needs. */
  document: ImportDocument;
  /** Keyed hashes (hex) of the resident IDs whose holders this plan answered or had answered before. */
  answeredIds: string[];
}

interface Draft {
  row: PlannedRow;
  /** The case as the JSON import would receive it; values not understood are passed on as written. */
  input: { key: string; status?: string; region: string; head: { birthYear: number | string; sex: string; [field: string]: unknown }; [field: string]: unknown };
  idNumber: string | null;
  holder: Holder | undefined;
}

/** Plans the import of a parsed sheet read through `mapping` for the actor's union. */
export async function planHouseholdImport(options: {
  db: Database;
  cipher: IdentityCipher;
  actor: Actor;
  regions: RegionDirectory;
  sheet: ParsedSheet;
  mapping: ColumnMapping;
  rateLimits: RateLimiters;
  ip: string | null;
  /** IDs (keyed hashes, hex) answered for this user and sheet before, e.g. by its preview: not counted again. */
  alreadyAnswered?: ReadonlySet<string>;
}): Promise<ImportPlan> {
  const { db, cipher, actor, mapping } = options;
  const scope = regionScope(actor, "write-cases");
  const organisationKey = await unionImportKey(db, actor);
  const county = createCountyLookup(options.regions, scope);
  const drafts = options.sheet.rows.map((row) => draftRow(row, mapping, organisationKey, county));

  const hashes = new Map<Draft, Buffer>();
  for (const d of drafts) if (d.idNumber) hashes.set(d, cipher.hashResidentId(d.idNumber));
  const holders = await findHolders(db, [...hashes.values()]);
  const firstLine = new Map<string, number>();
  for (const d of drafts) {
    const hash = hashes.get(d);
    if (!hash || !d.idNumber) continue;
    const seen = firstLine.get(d.idNumber);
    if (seen !== undefined) {
      d.row.problems.push({ field: "idNumber", key: "householdImport:errors.idRepeated", values: { line: seen } });
      continue;
    }
    firstLine.set(d.idNumber, d.row.line);
    d.holder = holders.get(hash.toString("hex"));
    if (d.holder && d.holder.organisationId !== actor.membership?.organisationId) {
      d.row.problems.push({ field: "idNumber", key: "householdImport:errors.idHeld", values: { union: d.holder.unionName } });
    } else if (d.holder) {
      // The row is that case: same key (a case registered on the site is adopted under the derived
      // one), and the status the caseworker moved it to, which a sheet does not carry.
      d.input.key = d.holder.importKey ?? sheetKey(hash);
      d.input.status = d.holder.status;
    } else d.input.key = sheetKey(hash);
  }
  // Each row naming another union is an answer about an ID: counted and audited, or none is given.
  const own = actor.membership?.organisationId;
  const answeredBefore = options.alreadyAnswered ?? new Set<string>();
  const hexOf = (d: Draft) => hashes.get(d)?.toString("hex") ?? "";
  const firstAsks = drafts.filter((d) => d.idNumber !== null && firstLine.get(d.idNumber) === d.row.line && d.holder?.organisationId !== own);
  const asked = firstAsks.filter((d) => !answeredBefore.has(hexOf(d)));
  const heldElsewhere = asked.flatMap((d) => (d.holder ? [d.holder] : []));
  const answered = await answerSheetHolders(db, { rateLimits: options.rateLimits, actor, regionCode: scope, ip: options.ip, asked: asked.length, heldElsewhere });
  if (!answered.ok) throw holderAnswersLimited(answered.retryAfterSeconds);

  const standing: { draft: Draft; row: ImportCase; holder: Holder | undefined }[] = [];
  for (const d of drafts) {
    const parsed = importCaseSchema.safeParse(d.input);
    if (!parsed.success) {
      const flagged = new Set(d.row.problems.map((p) => p.field));
      for (const issue of parsed.error.issues) {
        const problem = localizeImportProblem(formatIssuePath(issue.path), issue.message);
        // One problem per field; a field the sheet does not have was derived from a bad ID.
        if (problem.field && (flagged.has(problem.field) || isDerived(problem.field, mapping))) continue;
        flagged.add(problem.field);
        d.row.problems.push(problem);
      }
    }
    if (d.row.problems.length || !parsed.success) continue;
    const value = parsed.data;
    if (d.holder?.consent && !value.consent) {
      // Withdrawing consent takes every need off the site; that is the case page's action.
      d.row.problems.push({ field: "consent", key: "householdImport:errors.consentWithdrawal" });
    } else standing.push({ draft: d, row: value, holder: d.holder });
  }
  const comparable = standing.flatMap((s) => (s.holder && hasSameFacts(s.row, s.holder) ? [{ ...s, holder: s.holder }] : []));
  const unchanged = new Set([...(await rowsSameAsHolders(db, { cipher, actor, scope, pairs: comparable }))].map((s) => s.draft));
  const candidates: Draft[] = [];
  for (const { draft } of standing) {
    if (unchanged.has(draft)) draft.row.outcome = "unchanged";
    else candidates.push(draft);
  }

  const document = await checkReferences(db, cipher, candidates);
  for (const d of drafts) {
    if (d.row.problems.length) d.row.outcome = "error";
    else if (d.row.outcome !== "unchanged") d.row.outcome = d.holder ? "update" : "new";
  }
  const counts: Record<RowOutcome, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const d of drafts) counts[d.row.outcome]++;
  return { rows: drafts.map((d) => d.row), counts, document, answeredIds: firstAsks.map(hexOf) };
}

/** The database checks of the importer over the rows still standing; the rows they fail are marked. */
async function checkReferences(db: Database, cipher: IdentityCipher, candidates: readonly Draft[]): Promise<ImportDocument> {
  // Each row passed the case schema already and IDs repeat nowhere: the document parse cannot fail.
  const build = (drafts: readonly Draft[]) => importDocumentSchema.parse({ version: 1, cases: drafts.map((d) => d.input) });
  const document = build(candidates);
  const { problems } = await checkImportReferences(db, cipher, document);
  if (!problems.length) return document;
  for (const problem of problems) {
    const match = /^cases\[(\d+)\]\.(.+)$/.exec(problem.path);
    const draft = match ? candidates[Number(match[1])] : undefined;
    if (draft && match?.[2]) draft.row.problems.push(localizeImportProblem(match[2], problem.message));
  }
  return build(candidates.filter((d) => !d.row.problems.length));
}

function draftRow(row: SheetRow, mapping: ColumnMapping, organisation: string, county: ReturnType<typeof createCountyLookup>): Draft {
  const cell = (field: SheetField): string => {
    const column = mapping[field];
    return column === undefined ? "" : unguardFormula(row.cells[column] ?? "");
  };
  const problems: RowProblem[] = [];
  const rawId = cell("idNumber");
  const idNumber = normaliseResidentId(rawId);
  const isValidId = checkResidentId(idNumber) === null;
  if (mapping.idNumber !== undefined && row.imprecise.includes(mapping.idNumber)) {
    problems.push({ field: "idNumber", key: "householdImport:errors.idStoredAsNumber" });
  }
  const region = county(mapping.county === undefined ? undefined : cell("county"));
  if (!region.ok) problems.push({ field: "county", key: region.key, values: region.values });
  return {
    row: { line: row.line, name: cell("name").slice(0, 40), maskedId: maskResidentId(rawId), outcome: "error", problems },
    input: {
      key: `row-${row.line}`,
      organisation,
      region: region.ok ? region.code : "",
      head: {
        name: cell("name"),
        idNumber: rawId,
        phone: cell("phone"),
        address: cell("address"),
        // Left out of the sheet, birth year and sex are read from the ID (its own check reports a bad one).
        birthYear: mapping.birthYear !== undefined ? readBirthYear(cell("birthYear")) : isValidId ? (residentIdBirthDate(idNumber)?.year ?? "") : "",
        sex: mapping.sex !== undefined ? readSex(cell("sex")) : isValidId ? residentIdSex(idNumber) : "",
      },
      householdSize: readHouseholdSize(cell("householdSize")),
      monthlyIncomePerHead: readAmount(cell("monthlyIncomePerHead")),
      causes: readCauses(cell("causes")),
      tier: readTier(cell("tier")),
      consent: readConsent(cell("consent")),
      needs: [],
    },
    idNumber: isValidId && !problems.some((p) => p.field === "idNumber") ? idNumber : null,
    holder: undefined,
  };
}

function isDerived(field: SheetField, mapping: ColumnMapping): boolean {
  return (field === "birthYear" || field === "sex") && mapping[field] === undefined;
}

/**
 * The import key of a sheet row: from the keyed hash of the resident ID, so the same household
 * always gets the same key (a re-import updates, never duplicates) and the key reveals no ID.
 */
function sheetKey(idHash: Buffer): string {
  return `sheet-${idHash.toString("hex").slice(0, 32)}`;
}

/**
 * The import key of the actor's union, which the import document refers to it by. A union made
 * before import keys existed gets its id as key, the key the JSON export already gives it.
 */
async function unionImportKey(db: Database, actor: Actor): Promise<string> {
  const id = actor.membership?.organisationId ?? "";
  await db.update(organisations).set({ importKey: id }).where(and(eq(organisations.id, id), isNull(organisations.importKey)));
  const [row] = await db.select({ key: organisations.importKey }).from(organisations).where(eq(organisations.id, id));
  if (!row?.key) throw forbidden();
  return row.key;
}
