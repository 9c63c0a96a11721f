import { openWorkbook, WorkbookFormatError, type WorkbookLimits } from "../data/workbook/bounded-xlsx.ts";
import type { ImportIssue } from "./plan-rows.ts";

export type XlsxRecords = { ok: true; records: string[][]; cellIssues: ImportIssue[] } | { ok: false; issue: ImportIssue };

/**
 * What one uploaded import workbook may hold (docs/server.md): far above a NATO release (about 5,000
 * rows, 11 columns) and far below what would exhaust the server. Past a limit the reader throws
 * WorkbookLimitError, which the server answers with 413.
 */
export const IMPORT_WORKBOOK_LIMITS: Partial<WorkbookLimits> = {
  maxEntries: 200,
  maxEntryBytes: 100_000_000,
  maxTotalBytes: 120_000_000,
  maxRows: 200_001,
  maxColumns: 100,
};

/**
 * The cells of a workbook's worksheet named `sheetName` (or its first) as text, row 1 first. Cells
 * holding a spreadsheet error or a formula without a value are reported, not read as empty.
 */
export async function readXlsxRecords(
  buffer: ArrayBuffer | Uint8Array,
  fileName: string,
  sheetName: string,
  limits: Partial<WorkbookLimits> = IMPORT_WORKBOOK_LIMITS,
): Promise<XlsxRecords> {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const records: string[][] = [];
  const cellIssues: ImportIssue[] = [];
  try {
    const workbook = await openWorkbook(bytes, limits);
    const sheet = workbook.sheet(sheetName) ?? workbook.sheets[0];
    if (!sheet) return { ok: false, issue: { file: fileName, row: 1, column: "", reason: "the workbook has no worksheet" } };
    for await (const row of sheet.rows()) {
      // Rows absent from the file are empty rows: keep the numbering (records[i] is row i + 1).
      while (records.length < row.row - 1) records.push([]);
      const cells: string[] = [];
      for (const cell of row.cells) {
        while (cells.length < cell.column - 1) cells.push("");
        if (cell.error !== undefined) {
          const column = (records[0]?.[cell.column - 1] ?? `column ${cell.column}`).trim().toLowerCase();
          cellIssues.push({ file: fileName, row: row.row, column, reason: cell.error });
          cells.push("");
        } else cells.push(cell.value === null ? "" : String(cell.value));
      }
      records.push(cells);
    }
    // A hyperlink cell is read as its link target (its shown text is often just "link").
    for (const [address, target] of sheet.hyperlinks) {
      const m = /^([A-Z]+)(\d+)$/.exec(address);
      if (!m) continue;
      let column = 0;
      for (const ch of m[1] as string) column = column * 26 + ch.charCodeAt(0) - 64;
      const cells = records[Number(m[2]) - 1];
      if (cells && column - 1 < cells.length) cells[column - 1] = target;
    }
  } catch (error) {
    if (error instanceof WorkbookFormatError)
      return { ok: false, issue: { file: fileName, row: 1, column: "", reason: `not readable as an .xlsx workbook: ${error.message}` } };
    throw error;
  }
  let width = 1;
  for (const r of records) width = Math.max(width, r.length);
  for (const r of records) while (r.length < width) r.push("");
  return { ok: true, records, cellIssues };
}
