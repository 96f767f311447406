// The steps of /staff/households/import on the server: receive the upload, check the mapping and
// preview, import. Each step answers with what the page shows next; between steps only the upload's
// token and the column mapping travel through the browser, never a row.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { AppLoadContext } from "@remix-run/node";
import { MaxPartSizeExceededError, data, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { Actor } from "../domain/auth/actor";
import { importHouseholds } from "../domain/household-sheets/import-households.server";
import type { PlannedRow } from "../domain/household-sheets/planned-row";
import { planHouseholdImport } from "../domain/household-sheets/plan-household-import.server";
import type { SheetProblem } from "../domain/household-sheets/read-sheet.server";
import { regionScope } from "../domain/regions/region-scope.server";
import { readSheet } from "../domain/household-sheets/read-sheet.server";
import type { ColumnMapping, SheetField } from "../domain/household-sheets/sheet-fields";
import { SHEET_FIELDS, columnLetter, guessMapping } from "../domain/household-sheets/sheet-fields";
import { MAX_UPLOAD_BYTES, mappingFormValues, mappingSchema, uploadSchema } from "../domain/household-sheets/sheet-forms";
import type { StoredUpload } from "../domain/household-sheets/upload-store.server";
import { deleteUpload, loadUpload, recordAnsweredIds, saveUpload } from "../domain/household-sheets/upload-store.server";
import type { RegionDirectory } from "../domain/regions/region-directory.server";
import { getRegionDirectory } from "../domain/regions/region-directory.server";
import { isHolderAnswersLimited } from "../domain/cases/answer-resident-id-holders.server";
import { getPageLocale } from "../i18n/page-locale.server";

/** Rows a preview lists at most: every row with a problem first, then the others in sheet order. */
const PREVIEW_ROWS = 500;
/** What a multipart body may add to the file itself (boundaries, the other fields). */
const ENVELOPE_BYTES = 64 * 1024;
/** How much of a refused body is read and dropped, so the browser gets to see the answer. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

interface Column {
  index: number;
  letter: string;
  header: string;
}

const SHEET_PROBLEM_MESSAGES: Record<SheetProblem["problem"], string> = {
  "file-type": "householdImport:errors.fileType",
  "not-utf8": "householdImport:errors.notUtf8",
  unreadable: "householdImport:errors.unreadable",
  "too-large-unpacked": "householdImport:errors.tooLargeUnpacked",
  empty: "householdImport:errors.empty",
  "too-many-rows": "householdImport:errors.tooManyRows",
};

export function countyRequired(actor: Actor): boolean {
  return regionScope(actor, "write-cases").length !== 6;
}

function uploadFailed(message: string, status: number) {
  const result: SubmissionResult<string[]> = { status: "error", error: { file: [message] } };
  return data({ step: "upload" as const, result }, { status });
}

/** Step 1 → 2: reads the sheet, stores it under a token and guesses the mapping from its headers. */
export async function receiveUpload(request: Request, context: AppLoadContext, actor: Actor) {
  regionScope(actor, "write-cases");
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) {
    await discardBody(request);
    return uploadFailed("householdImport:errors.tooLarge", 413);
  }
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return uploadFailed("householdImport:errors.tooLarge", 413);
    // Not a multipart body at all: a hand-made request, answered like an empty form.
    if (error instanceof TypeError) return uploadFailed("householdImport:errors.fileRequired", 400);
    // Remix's multipart parser cannot read some valid part headers (a file named households=2026.csv:
    // "malformed content-disposition header"); the checked body is still a form, so ask for a plain name.
    if (error instanceof Error) return uploadFailed("householdImport:errors.uploadUnreadable", 400);
    throw error;
  }
  const submission = parseWithZod(formData, { schema: uploadSchema });
  if (submission.status !== "success") return data({ step: "upload" as const, result: submission.reply() }, { status: 400 });
  const file = submission.value.file;
  const read = await readSheet(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!read.ok) return uploadFailed(SHEET_PROBLEM_MESSAGES[read.problem], 400);
  const token = await saveUpload({ dataDir: context.runtime.config.DATA_DIR, userId: actor.userId, fileName: file.name, sheet: read.sheet });
  return data(mapStep({ token, upload: { fileName: file.name, sheet: read.sheet }, mapping: guessMapping(read.sheet.headers), result: null }));
}

function mapStep(options: { token: string; upload: Pick<StoredUpload, "fileName" | "sheet">; mapping: ColumnMapping; result: SubmissionResult<string[]> | null }) {
  return {
    step: "map" as const,
    token: options.token,
    fileName: options.upload.fileName,
    rowCount: options.upload.sheet.rows.length,
    columns: columnsOf(options.upload.sheet.headers),
    defaults: mappingFormValues(options.mapping),
    result: options.result,
  };
}

function columnsOf(headers: readonly string[]): Column[] {
  return headers.map((header, index) => ({ index, letter: columnLetter(index), header: header.slice(0, 80) }));
}

/** Steps 2 → 3 (preview), back to 2 (remap), or 3 → done (import), from the mapping form. */
export async function handleMapping(request: Request, formData: FormData, context: AppLoadContext, actor: Actor, intent: "preview" | "remap" | "import") {
  const submission = parseWithZod(formData, { schema: mappingSchema({ countyRequired: countyRequired(actor) }) });
  const token = String(formData.get("token") ?? "");
  const { runtime } = context;
  const upload = await loadUpload({ dataDir: runtime.config.DATA_DIR, token, userId: actor.userId });
  if (!upload) return uploadFailed("householdImport:errors.expired", 410);
  if (submission.status !== "success") {
    return data(mapStep({ token, upload, mapping: {}, result: submission.reply() }), { status: 400 });
  }
  const mapping = submission.value.columns;
  if (intent === "remap") return data(mapStep({ token, upload, mapping, result: null }));
  const regions = await getRegionDirectory(runtime.db);
  try {
    return await importOrPreview({ context, actor, intent, token, upload, mapping, regions });
  } catch (error) {
    if (!isHolderAnswersLimited(error) || error.retryAfterSeconds === null) throw error;
    // The sheet would name more unions holding its IDs than this user may be told this hour: it
    // names none and goes back to the upload step, nothing imported.
    const { t } = await getPageLocale(request);
    const message = t("householdImport:errors.holderCheckRateLimited", { count: Math.ceil(error.retryAfterSeconds / 60) });
    const result: SubmissionResult<string[]> = { status: "error", error: { file: [message] } };
    return data({ step: "upload" as const, result }, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
}

async function importOrPreview(options: { context: AppLoadContext; actor: Actor; intent: "preview" | "import"; token: string; upload: StoredUpload; mapping: ColumnMapping; regions: RegionDirectory }) {
  const { context, actor, token, upload, mapping, regions } = options;
  const { runtime } = context;
  const ip = context.clientIp || null;
  if (options.intent === "import") {
    // What the preview already told this user about the sheet is not counted again.
    const counts = await importHouseholds({ db: runtime.db, cipher: runtime.cipher, actor, regions, sheet: upload.sheet, mapping, ip, alreadyAnswered: new Set(upload.answered) });
    await deleteUpload(runtime.config.DATA_DIR, token);
    const done = new URLSearchParams({ created: String(counts.new), updated: String(counts.update), unchanged: String(counts.unchanged), refused: String(counts.error) });
    return redirect(`/staff/households/import?${done}`);
  }
  const plan = await planHouseholdImport({ db: runtime.db, cipher: runtime.cipher, rateLimits: runtime.rateLimits, actor, regions, sheet: upload.sheet, mapping, ip, alreadyAnswered: new Set(upload.answered) });
  await recordAnsweredIds({ dataDir: runtime.config.DATA_DIR, token, userId: actor.userId, hashes: plan.answeredIds });
  const columns = columnsOf(upload.sheet.headers);
  return data({
    step: "preview" as const,
    token,
    fileName: upload.fileName,
    mapping: mappingFormValues(mapping),
    mapped: SHEET_FIELDS.flatMap((field): { field: SheetField; column: Column }[] => {
      const column = mapping[field] === undefined ? undefined : columns[mapping[field]];
      return column ? [{ field, column }] : [];
    }),
    counts: plan.counts,
    ...previewRows(plan.rows),
  });
}

function previewRows(rows: readonly PlannedRow[]): { rows: PlannedRow[]; hiddenRows: number } {
  if (rows.length <= PREVIEW_ROWS) return { rows: [...rows], hiddenRows: 0 };
  const problems = rows.filter((r) => r.outcome === "error").slice(0, PREVIEW_ROWS);
  const others = rows.filter((r) => r.outcome !== "error").slice(0, PREVIEW_ROWS - problems.length);
  const shown = [...problems, ...others].sort((a, b) => a.line - b.line);
  return { rows: shown, hiddenRows: rows.length - shown.length };
}

async function discardBody(request: Request): Promise<void> {
  const reader = request.body?.getReader();
  if (!reader) return;
  for (let read = 0; ; ) {
    const chunk = await reader.read();
    if (chunk.done) return;
    read += chunk.value.byteLength;
    if (read > DISCARD_LIMIT_BYTES) return void (await reader.cancel());
  }
}
