import ExcelJS from "exceljs";
import type { ImportIssue } from "./plan-rows.ts";

export type XlsxRecords = { ok: true; records: string[][]; cellIssues: ImportIssue[] } | { ok: false; issue: ImportIssue };

/**
 * The cells of a workbook's worksheet named `sheetName` (or its first) as text, row 1 first. Cells
 * holding a spreadsheet error or a formula without a value are reported, not read as empty.
 */
export async function readXlsxRecords(buffer: ArrayBuffer | Uint8Array, fileName: string, sheetName: string): Promise<XlsxRecords> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as ArrayBuffer);
  } catch (error) {
    return {
      ok: false,
      issue: { file: fileName, row: 1, column: "", reason: `not readable as an .xlsx workbook: ${firstLine((error as Error).message)}` },
    };
  }
  const sheet = workbook.getWorksheet(sheetName) ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, issue: { file: fileName, row: 1, column: "", reason: "the workbook has no worksheet" } };
  const records: string[][] = [];
  const cellIssues: ImportIssue[] = [];
  const width = Math.max(sheet.columnCount, 1);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const value = cellText(row.getCell(c).value);
      if (typeof value === "object") {
        cellIssues.push({
          file: fileName,
          row: r,
          column: (records[0]?.[c - 1] ?? `column ${c}`).trim().toLowerCase(),
          reason: value.error,
        });
        cells.push("");
      } else cells.push(value);
    }
    records.push(cells);
  }
  return { ok: true, records, cellIssues };
}

function firstLine(message: string | undefined): string {
  return (message ?? "unknown error").split("\n")[0] as string;
}

function cellText(value: ExcelJS.CellValue): string | { error: string } {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("error" in value) return { error: `the cell holds the spreadsheet error ${value.error}` };
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("hyperlink" in value) return String(value.hyperlink ?? value.text ?? "");
  if ("result" in value)
    return value.result === undefined ? { error: "a formula without a computed value" } : cellText(value.result as ExcelJS.CellValue);
  return { error: "a cell type the importer does not read" };
}
