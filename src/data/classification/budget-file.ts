import { parse } from "csv-parse/sync";
import { DataError } from "../data-error.ts";
import { type Budget, type BudgetReadOptions, budgetFromRecords } from "./budget-records.ts";
import { readBudgetSheet, type SheetLimits } from "./budget-workbook.ts";

export type BudgetKind = "csv" | "xlsx";

/** Bounds for one budget file, whoever sends it (the server passes its import limit). */
export const DEFAULT_BUDGET_LIMITS: SheetLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000, maxColumns: 40 };

export function budgetKindOf(fileName: string): BudgetKind | null {
  const lower = fileName.toLowerCase();
  return lower.endsWith(".csv") ? "csv" : lower.endsWith(".xlsx") ? "xlsx" : null;
}

/** Reads a CSV (comma or semicolon separated, UTF-8) or XLSX budget within `limits`. */
export async function readBudget(
  bytes: Uint8Array,
  kind: BudgetKind,
  file: string,
  opts: BudgetReadOptions,
  limits: SheetLimits = DEFAULT_BUDGET_LIMITS,
): Promise<Budget> {
  if (bytes.length > limits.maxBytes) throw new DataError(file, undefined, undefined, `the file is larger than ${limits.maxBytes} bytes`);
  const records = kind === "xlsx" ? await readBudgetSheet(bytes, file, limits) : csvRecords(bytes, file, limits);
  return budgetFromRecords(records, file, opts);
}

function csvRecords(bytes: Uint8Array, file: string, limits: SheetLimits): string[][] {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes).replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  // German and French spreadsheets save CSV with semicolons, because the comma is their decimal mark.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    const rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, to_line: limits.maxRows + 1 }) as string[][];
    if (rows.length > limits.maxRows)
      throw new DataError(file, limits.maxRows + 1, undefined, `the file has more than ${limits.maxRows} rows`);
    return rows.map((r) => r.slice(0, limits.maxColumns));
  } catch (e) {
    if (e instanceof DataError) throw e;
    const err = e as Error & { lines?: number };
    throw new DataError(file, err.lines, undefined, `not readable as CSV: ${err.message}`);
  }
}
