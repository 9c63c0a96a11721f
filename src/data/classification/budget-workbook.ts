import { DataError } from "../data-error.ts";
import { openWorkbook, WorkbookFormatError, WorkbookLimitError } from "../workbook/bounded-xlsx.ts";
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
 * The first worksheet of an .xlsx budget as rows of text, through the one bounded workbook reader
 * (declared and actual unpacked sizes, entries, rows and columns checked while streaming): a zip bomb
 * or an oversized sheet is refused with the limit it reached, naming the file.
 */
export async function readBudgetSheet(bytes: Uint8Array, file: string, limits: SheetLimits): Promise<RecordCell[][]> {
  let workbook: Awaited<ReturnType<typeof openWorkbook>>;
  try {
    workbook = await openWorkbook(bytes, { maxFileBytes: limits.maxBytes, maxRows: limits.maxRows, maxColumns: limits.maxColumns });
  } catch (e) {
    throw workbookError(e, file);
  }
  const sheet = workbook.sheets[0];
  if (!sheet) throw new DataError(file, undefined, undefined, "the workbook has no worksheet");
  const rows: RecordCell[][] = [];
  try {
    for await (const row of sheet.rows()) {
      // Empty rows between the ones read keep their place, so row numbers in messages match the sheet's.
      while (rows.length < row.row - 1) rows.push([]);
      const cells: RecordCell[] = [];
      for (const cell of row.cells) {
        while (cells.length < cell.column - 1) cells.push("");
        if (cell.error) {
          const header = String(rows[0]?.[cell.column - 1] ?? "") || `column ${cell.column}`;
          throw new DataError(
            file,
            row.row,
            header,
            `the cell holds ${cell.error.startsWith("#") ? `the spreadsheet error ${cell.error}` : cell.error}`,
          );
        }
        const v = cell.value;
        cells.push(v === null ? "" : typeof v === "number" ? v : String(v));
      }
      rows.push(cells);
    }
  } catch (e) {
    throw workbookError(e, file);
  }
  return rows;
}

function workbookError(e: unknown, file: string): Error {
  if (e instanceof DataError) return e;
  if (e instanceof WorkbookLimitError || e instanceof WorkbookFormatError)
    return new DataError(
      file,
      undefined,
      undefined,
      e instanceof WorkbookLimitError ? e.message : `not readable as an .xlsx workbook: ${e.message}`,
    );
  return e as Error;
}
