import ExcelJS from "exceljs";
import { DataError } from "../data-error.ts";
import type { RecordCell } from "./budget-records.ts";

export interface SheetLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most rows read, header included. */
  maxRows: number;
  /** Most columns read. */
  maxColumns: number;
}

/**
 * The first worksheet of an .xlsx budget as rows of text. The one place the budget reader touches a
 * workbook: when the bounded workbook reader (src/data/workbook/bounded-xlsx.ts, another branch)
 * lands, only this function changes. Until then the limits are checked here, before and after
 * exceljs reads the file (exceljs itself reads the whole file into memory).
 */
export async function readBudgetSheet(bytes: Uint8Array, file: string, limits: SheetLimits): Promise<RecordCell[][]> {
  if (bytes.length > limits.maxBytes)
    throw new DataError(file, undefined, undefined, `the workbook is larger than ${limits.maxBytes} bytes`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new DataError(file, undefined, undefined, `not readable as an .xlsx workbook: ${((e as Error).message ?? "").split("\n")[0]}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DataError(file, undefined, undefined, "the workbook has no worksheet");
  if (sheet.rowCount > limits.maxRows)
    throw new DataError(file, limits.maxRows + 1, undefined, `the sheet has more than ${limits.maxRows} rows`);
  const width = Math.min(Math.max(sheet.columnCount, 1), limits.maxColumns);
  const rows: RecordCell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: RecordCell[] = [];
    for (let c = 1; c <= width; c++) {
      const value = row.getCell(c).value;
      if (typeof value === "number") {
        cells.push(value);
        continue;
      }
      const text = cellText(value);
      if (typeof text !== "string") throw new DataError(file, r, String(rows[0]?.[c - 1] ?? "") || `column ${c}`, text.error);
      cells.push(text);
    }
    rows.push(cells);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string | { error: string } {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("error" in value) return { error: `the cell holds the spreadsheet error ${value.error}` };
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("result" in value)
    return value.result === undefined ? { error: "a formula without a computed value" } : cellText(value.result as ExcelJS.CellValue);
  return { error: "a cell type the budget reader does not read" };
}
