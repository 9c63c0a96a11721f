import { type AnnualPlan, AnnualPlanSchema, type PlanSource, PlanSourceSchema, planIdOf } from "../model/plan.ts";
import { canonicalJson } from "./canonical-json.ts";

/**
 * Annual plans arrive as long rows, one per ally, submission year and planned year:
 * `ally, submission_year, year, core_pct, related_pct, core_nc_m, related_nc_m, notes, source_title, source_url`.
 * A plan is in shares (core_pct) or amounts (core_nc_m, million national currency, current prices).
 * Notes may be repeated on every row or given once; each row may name one source.
 */
export const PLAN_COLUMNS = [
  "ally",
  "submission_year",
  "year",
  "core_pct",
  "related_pct",
  "core_nc_m",
  "related_nc_m",
  "notes",
  "source_title",
  "source_url",
] as const;
type Column = (typeof PLAN_COLUMNS)[number];
const REQUIRED: Column[] = ["ally", "submission_year", "year"];

export interface ImportIssue {
  file: string;
  /** 1-based line (CSV) or sheet row (XLSX); the header is row 1. */
  row: number;
  column: string;
  reason: string;
}

/**
 * Reading stops once this many problems are found: a file of bad rows costs bounded time and memory,
 * and the report says where it stopped (the API shows the first 100).
 */
export const MAX_IMPORT_ISSUES = 1000;

/** A cell's text inside a message, cut to 80 characters: a 1 MB cell must not make a 1 MB message. */
export function quoted(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 80)}…` : text}"`;
}

export interface PlansImport {
  file: string;
  plans: AnnualPlan[];
  issues: ImportIssue[];
  /** Set when reading stopped at MAX_IMPORT_ISSUES problems: the row it stopped after. */
  stoppedAtRow?: number;
  /** Data rows read (blank rows not counted). */
  rows: number;
}

export interface RawRow {
  row: number;
  cells: Partial<Record<Column, string>>;
}

const PLAN_FIELD_COLUMN: Record<string, Column> = {
  year: "year",
  corePct: "core_pct",
  relatedPct: "related_pct",
  coreNcM: "core_nc_m",
  relatedNcM: "related_nc_m",
  notes: "notes",
  ally: "ally",
  submissionYear: "submission_year",
  unit: "core_pct",
};

export function sortIssues(issues: ImportIssue[]): ImportIssue[] {
  return issues.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}

/** Turns a table of cells (header first) into plans and a full list of issues; plans only when there is no issue. */
export function plansFromTable(records: string[][], file: string, rowNumber: (index: number) => number): PlansImport {
  const issues: ImportIssue[] = [];
  const issue = (row: number, column: string, reason: string) => {
    if (issues.length < MAX_IMPORT_ISSUES) issues.push({ file, row, column, reason });
  };
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  if (header.every((h) => h === "")) return { file, plans: [], rows: 0, issues: [{ file, row: 1, column: "", reason: "no header row" }] };
  const index = new Map<Column, number>();
  header.forEach((h, i) => {
    if (h === "") return;
    if (!(PLAN_COLUMNS as readonly string[]).includes(h)) issue(1, h, `unknown column (expected: ${PLAN_COLUMNS.join(", ")})`);
    else if (index.has(h as Column)) issue(1, h, "column appears twice");
    else index.set(h as Column, i);
  });
  for (const column of REQUIRED) if (!index.has(column)) issue(1, column, "required column missing");
  if (!index.has("core_pct") && !index.has("core_nc_m")) issue(1, "core_pct", "need a core_pct or a core_nc_m column");
  if (issues.length > 0) return { file, plans: [], rows: 0, issues };

  const rows: RawRow[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((c) => c.trim() === "")) return;
    const cells: RawRow["cells"] = {};
    for (const [column, at] of index) cells[column] = (record[at] ?? "").trim();
    rows.push({ row: rowNumber(i + 1), cells });
  });
  if (rows.length === 0) return { file, plans: [], rows: 0, issues: [{ file, row: 2, column: "", reason: "no data rows" }] };
  const { plans, stoppedAtRow } = groupPlans(rows, issue, () => issues.length >= MAX_IMPORT_ISSUES);
  const result: PlansImport = { file, plans: issues.length > 0 ? [] : plans, rows: rows.length, issues: sortIssues(issues) };
  if (stoppedAtRow !== undefined) result.stoppedAtRow = stoppedAtRow;
  return result;
}

function parseNumber(text: string | undefined, integer: boolean): number | undefined | string {
  if (text === undefined || text === "") return undefined;
  if (/^-?\d+,\d+$/.test(text)) return "decimal comma: write numbers with a dot (3.5)";
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return `${quoted(text)} is not a number`;
  const n = Number(text);
  if (integer && !Number.isInteger(n)) return `${quoted(text)} is not a whole year`;
  return n;
}

interface Draft {
  firstRow: number;
  unit: "share" | "amount" | undefined;
  unitRow: number;
  ally: string;
  submissionYear: number;
  years: { row: number; value: Record<string, number> }[];
  notes: { row: number; text: string } | undefined;
  sources: { row: number; source: PlanSource }[];
  /** canonicalJson of each source already listed: a set, so many rows stay linear. */
  sourceKeys: Set<string>;
}

function groupPlans(
  rows: RawRow[],
  issue: (row: number, column: string, reason: string) => void,
  full: () => boolean,
): { plans: AnnualPlan[]; stoppedAtRow?: number } {
  const drafts = new Map<string, Draft>();
  for (const { row, cells } of rows) {
    if (full()) return { plans: [], stoppedAtRow: row - 1 };
    const numbers: Partial<Record<Column, number>> = {};
    let rowOk = true;
    for (const column of ["submission_year", "year", "core_pct", "related_pct", "core_nc_m", "related_nc_m"] as const) {
      const parsed = parseNumber(cells[column], column.endsWith("year"));
      if (typeof parsed === "string") {
        issue(row, column, parsed);
        rowOk = false;
      } else if (parsed !== undefined) numbers[column] = parsed;
    }
    const ally = cells.ally ?? "";
    if (!/^[A-Z]{3}$/.test(ally)) {
      issue(row, "ally", ally === "" ? "missing" : `${quoted(ally)} is not an ISO3 code in capitals (e.g. POL)`);
      rowOk = false;
    }
    for (const column of ["submission_year", "year"] as const)
      if (cells[column] === "" || cells[column] === undefined) {
        issue(row, column, "missing");
        rowOk = false;
      }
    const hasPct = numbers.core_pct !== undefined || numbers.related_pct !== undefined;
    const hasAmount = numbers.core_nc_m !== undefined || numbers.related_nc_m !== undefined;
    if (hasPct && hasAmount) {
      issue(row, "core_nc_m", "give shares (core_pct, related_pct) or amounts (core_nc_m, related_nc_m), not both");
      rowOk = false;
    } else if (numbers.core_pct === undefined && numbers.core_nc_m === undefined && rowOk) {
      issue(row, hasAmount ? "core_nc_m" : "core_pct", "missing: give core_pct (percent of GDP) or core_nc_m (million national currency)");
      rowOk = false;
    }
    if (cells.source_url && !cells.source_title) issue(row, "source_title", "a source URL needs a title");
    // Checked here too: a row without a title never reaches the plan schema, and its URL must still be reported.
    if (cells.source_url && !PlanSourceSchema.shape.url.safeParse(cells.source_url).success)
      issue(row, "source_url", `not an http(s) URL: ${quoted(cells.source_url)}`);
    if (!rowOk) continue;
    const key = planIdOf(ally, numbers.submission_year as number);
    const unit = hasAmount ? "amount" : "share";
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        firstRow: row,
        unit,
        unitRow: row,
        ally,
        submissionYear: numbers.submission_year as number,
        years: [],
        notes: undefined,
        sources: [],
        sourceKeys: new Set(),
      };
      drafts.set(key, draft);
    } else if (draft.unit !== unit) {
      issue(
        row,
        unit === "amount" ? "core_nc_m" : "core_pct",
        `plan ${key} is in ${draft.unit === "share" ? "shares" : "amounts"} (row ${draft.unitRow}); one plan uses one unit`,
      );
      continue;
    }
    const value: Record<string, number> = { year: numbers.year as number };
    if (unit === "share") {
      if (numbers.core_pct !== undefined) value.corePct = numbers.core_pct;
      if (numbers.related_pct !== undefined) value.relatedPct = numbers.related_pct;
    } else {
      if (numbers.core_nc_m !== undefined) value.coreNcM = numbers.core_nc_m;
      if (numbers.related_nc_m !== undefined) value.relatedNcM = numbers.related_nc_m;
    }
    draft.years.push({ row, value });
    if (cells.notes) {
      if (!draft.notes) draft.notes = { row, text: cells.notes };
      else if (draft.notes.text !== cells.notes)
        issue(row, "notes", `differs from the notes of plan ${key} in row ${draft.notes.row}; give them once or repeat them exactly`);
    }
    if (cells.source_title) {
      const source: PlanSource = cells.source_url ? { title: cells.source_title, url: cells.source_url } : { title: cells.source_title };
      const sourceKey = canonicalJson(source);
      if (!draft.sourceKeys.has(sourceKey)) {
        draft.sourceKeys.add(sourceKey);
        draft.sources.push({ row, source });
      }
    }
  }

  const plans: AnnualPlan[] = [];
  for (const [key, draft] of drafts) {
    const parsed = AnnualPlanSchema.safeParse({
      ally: draft.ally,
      submissionYear: draft.submissionYear,
      unit: draft.unit,
      years: draft.years.map((y) => y.value),
      notes: draft.notes?.text ?? "",
      sources: draft.sources.map((s) => s.source),
    });
    if (parsed.success) {
      plans.push(parsed.data);
      continue;
    }
    for (const zi of parsed.error.issues) {
      const [head, index, field] = zi.path as (string | number)[];
      let row = draft.firstRow;
      let column = PLAN_FIELD_COLUMN[String(head)] ?? String(head ?? "");
      if (head === "years" && typeof index === "number") {
        row = draft.years[index]?.row ?? row;
        column = PLAN_FIELD_COLUMN[String(field)] ?? "year";
      } else if (head === "years") column = "year";
      else if (head === "sources" && typeof index === "number") {
        row = draft.sources[index]?.row ?? row;
        column = field === "url" ? "source_url" : "source_title";
      } else if (head === "notes") row = draft.notes?.row ?? row;
      issue(row, column, `${zi.message} (plan ${key})`);
      if (full()) return { plans: [], stoppedAtRow: rows.at(-1)?.row ?? 0 };
    }
  }
  return { plans };
}
