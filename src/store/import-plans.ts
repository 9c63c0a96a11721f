import { parse } from "csv-parse/sync";
import { type PlanVersion, planIdOf } from "../model/plan.ts";
import { canonicalJson } from "./canonical-json.ts";
import { readCsvRecords } from "./csv-records.ts";
import { isoNow, type Store } from "./database.ts";
import { type ImportIssue, type PlansImport, plansFromTable, sortIssues } from "./plan-rows.ts";
import { latestRow, versionFromRow, writePlanVersion } from "./plans-repository.ts";
import { StoreError } from "./store-error.ts";
import { checkActor, inTransaction } from "./transaction.ts";
import { readXlsxRecords } from "./xlsx-records.ts";

export { type ImportIssue, PLAN_COLUMNS, type PlansImport } from "./plan-rows.ts";

/** Parses a CSV export (UTF-8, optional BOM, comma-separated, header row). Never throws for bad content. */
export function importPlansCsv(text: string, fileName: string): PlansImport {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: false,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return {
      file: fileName,
      plans: [],
      rows: 0,
      issues: [{ file: fileName, row: e.lines ?? 1, column: "", reason: `not readable as CSV: ${firstLine(e.message)}` }],
    };
  }
  // A quoted field may span lines: a record starts on the line after the previous one ended.
  const startLines = parsed.map((_, i) => (i === 0 ? 1 : (parsed[i - 1]?.info.lines ?? 0) + 1));
  return plansFromTable(
    parsed.map((p) => p.record),
    fileName,
    (i) => startLines[i] ?? i + 1,
  );
}

/** Rows a plans file may hold: 32 allies × 27 submission years × 27 years is under 25,000. */
export const MAX_PLAN_ROWS = 25_000;

/**
 * The same as importPlansCsv for an upload's bytes, parsed a slice at a time so that a large file
 * does not stall the server's other requests (the API uses this one).
 */
export async function importPlansCsvUpload(body: Uint8Array, fileName: string): Promise<PlansImport> {
  // The header plus MAX_PLAN_ROWS rows: reading stops at the first record beyond, so a huge file costs
  // no more than a full legitimate one.
  const parsed = await readCsvRecords(body, { skipEmptyLines: false, maxRecords: MAX_PLAN_ROWS + 1 });
  if (!parsed.ok)
    return {
      file: fileName,
      plans: [],
      rows: 0,
      issues: [{ file: fileName, row: parsed.line, column: "", reason: `not readable as CSV: ${parsed.message}` }],
    };
  if (parsed.stoppedAtLine !== undefined)
    return {
      file: fileName,
      plans: [],
      rows: MAX_PLAN_ROWS,
      issues: [
        {
          file: fileName,
          row: parsed.stoppedAtLine,
          column: "",
          reason: `more than ${MAX_PLAN_ROWS.toLocaleString("en-US")} rows: a plans file holds at most that many (reading stopped here)`,
        },
      ],
      stoppedAtRow: parsed.stoppedAtLine,
    };
  return plansFromTable(parsed.records, fileName, (i) => parsed.startLines[i] ?? i + 1);
}

/** Parses the first worksheet (or the one named `plans`) of an Excel workbook, header in row 1. */
export async function importPlansXlsx(buffer: ArrayBuffer | Uint8Array, fileName: string): Promise<PlansImport> {
  const sheet = await readXlsxRecords(buffer, fileName, "plans");
  if (!sheet.ok) return { file: fileName, plans: [], rows: 0, issues: [sheet.issue] };
  const result = plansFromTable(sheet.records, fileName, (i) => i + 1);
  if (sheet.cellIssues.length > 0) return { ...result, plans: [], issues: sortIssues([...sheet.cellIssues, ...result.issues]) };
  return result;
}

function firstLine(message: string | undefined): string {
  return (message ?? "unknown error").split("\n")[0] as string;
}

export interface ImportResult {
  created: PlanVersion[];
  versioned: PlanVersion[];
  /** Plans whose latest active version already holds exactly this content: nothing written. */
  unchanged: string[];
}

/**
 * Writes every plan of a clean import in ONE transaction: a new plan gets version 1, an existing one a
 * new version. Any validation issue, or any failure while writing, leaves the database untouched.
 */
export async function savePlansImport(store: Store, imported: PlansImport, actor: string): Promise<ImportResult> {
  checkActor(actor);
  if (imported.issues.length > 0) {
    const first = imported.issues[0] as ImportIssue;
    throw new StoreError(
      "invalid",
      `${first.file} row ${first.row}, ${first.column || "file"}: ${first.reason}${imported.issues.length > 1 ? ` (and ${imported.issues.length - 1} more)` : ""}; nothing imported`,
      undefined,
      imported.issues.map((i) => ({ field: `${i.file}:${i.row}:${i.column}`, message: i.reason })),
    );
  }
  return inTransaction(
    store,
    async (trx) => {
      const at = isoNow(store);
      const result: ImportResult = { created: [], versioned: [], unchanged: [] };
      for (const plan of imported.plans) {
        const planId = planIdOf(plan.ally, plan.submissionYear);
        const latest = await latestRow(trx, planId);
        if (latest && latest.status === "active" && latest.payload === canonicalJson(plan)) {
          versionFromRow(latest);
          result.unchanged.push(planId);
          continue;
        }
        const written = await writePlanVersion(trx, at, actor, plan, "active", "create-or-add");
        (written.version === 1 ? result.created : result.versioned).push(written);
      }
      return result;
    },
    true,
  );
}
