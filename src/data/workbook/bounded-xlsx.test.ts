import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { SHEET_HEAD, SHEET_TAIL, sheetBomb, workbookWithSheet, zipOf } from "../../../test/support/zip.ts";
import { openWorkbook, type WorkbookCell, WorkbookFormatError, WorkbookLimitError, type WorkbookRow } from "./bounded-xlsx.ts";

async function allRows(bytes: Uint8Array, limits = {}, sheet?: string): Promise<WorkbookRow[]> {
  const wb = await openWorkbook(bytes, limits);
  const s = sheet ? wb.sheet(sheet) : wb.sheets[0];
  const out: WorkbookRow[] = [];
  for await (const r of s?.rows() ?? []) out.push(r);
  return out;
}

const cellAt = (rows: WorkbookRow[], address: string): WorkbookCell | undefined =>
  rows.flatMap((r) => r.cells).find((c) => c.address === address);

describe("openWorkbook: what it reads", () => {
  it("reads values, addresses and fill colours of a workbook written by ExcelJS", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("cover").addRow(["not this one"]);
    const sheet = workbook.addWorksheet("data");
    sheet.addRow(["ally", "year", "value", "flag", "total"]);
    sheet.addRow(["POL", 2024, 4.12, true, { formula: "C2*2", result: 8.24 }]);
    sheet.addRow(['EST <&> "quoted"', 2025, -0.5, false, { error: "#DIV/0!" }]);
    sheet.getCell("C3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    sheet.getCell("H5").value = "far cell";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const wb = await openWorkbook(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(["cover", "data"]);
    const rows = await allRows(bytes, {}, "data");
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 5]);
    expect(rows[1]?.cells.map((c) => c.value)).toEqual(["POL", 2024, 4.12, true, 8.24]);
    expect(cellAt(rows, "A3")?.value).toBe('EST <&> "quoted"');
    expect(cellAt(rows, "C3")).toMatchObject({ value: -0.5, fill: "FFFFFF00", row: 3, column: 3 });
    expect(cellAt(rows, "C2")?.fill).toBeNull();
    expect(cellAt(rows, "E3")?.error).toBe("the cell holds the spreadsheet error #DIV/0!");
    expect(cellAt(rows, "H5")).toMatchObject({ value: "far cell", column: 8, row: 5 });
  });

  it("reads cells and rows whose optional r reference is absent, placing each after the previous one", async () => {
    const xml = `${SHEET_HEAD}<row><c t="inlineStr"><is><t>ally</t></is></c><c t="inlineStr"><is><t>year</t></is></c></row><row r="3"><c t="inlineStr"><is><t>POL</t></is></c><c r="D3"><v>7</v></c><c><v>8</v></c></row><row><c><v>1</v></c></row>${SHEET_TAIL}`;
    const rows = await allRows(workbookWithSheet(xml));
    expect(rows.map((r) => r.row)).toEqual([1, 3, 4]);
    expect(rows[0]?.cells.map((c) => c.address)).toEqual(["A1", "B1"]);
    expect(rows[1]?.cells.map((c) => [c.address, c.value])).toEqual([
      ["A3", "POL"],
      ["D3", 7],
      ["E3", 8],
    ]);
    expect(rows[2]?.cells[0]?.address).toBe("A4");
  });

  it("refuses bytes that are not a workbook with a plain message", async () => {
    await expect(openWorkbook(new TextEncoder().encode("ally,year\nPOL,2025\n"))).rejects.toThrow(WorkbookFormatError);
    await expect(openWorkbook(zipOf([{ name: "a.txt", data: "x" }]))).rejects.toThrow(/no xl\/workbook.xml/);
  });
});

describe("openWorkbook: limits", () => {
  const row = (n: number, cols = 3) => `<row r="${n}">${Array.from({ length: cols }, (_, i) => `<c><v>${i}</v></c>`).join("")}</row>`;
  const sheetOf = (rows: number, cols = 3) =>
    `${SHEET_HEAD}${Array.from({ length: rows }, (_, i) => row(i + 1, cols)).join("")}${SHEET_TAIL}`;

  const limitOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (error) {
      if (error instanceof WorkbookLimitError) return `${error.limit}=${error.max}`;
      throw error;
    }
    return "no limit reached";
  };

  it("rows, columns, entries and file size each have a limit that names itself", async () => {
    expect(await limitOf(allRows(workbookWithSheet(sheetOf(50)), { maxRows: 49 }))).toBe("maxRows=49");
    expect((await allRows(workbookWithSheet(sheetOf(50)), { maxRows: 50 })).length).toBe(50);
    expect(await limitOf(allRows(workbookWithSheet(sheetOf(2, 30)), { maxColumns: 29 }))).toBe("maxColumns=29");
    expect(await limitOf(allRows(workbookWithSheet(sheetOf(2)), { maxEntries: 3 }))).toBe("maxEntries=3");
    const bytes = workbookWithSheet(sheetOf(2));
    expect(await limitOf(allRows(bytes, { maxFileBytes: bytes.length - 1 }))).toBe(`maxFileBytes=${bytes.length - 1}`);
  });

  it("a declared size over the limit is refused before anything is inflated", async () => {
    const xml = sheetOf(100);
    expect(await limitOf(allRows(workbookWithSheet(xml), { maxEntryBytes: xml.length - 1 }))).toBe(`maxEntryBytes=${xml.length - 1}`);
    expect(await limitOf(allRows(workbookWithSheet(xml), { maxTotalBytes: 2000 }))).toBe("maxTotalBytes=2000");
  });

  it("an entry that inflates to more than it declares is stopped as soon as it passes its declaration", async () => {
    await expect(allRows(workbookWithSheet(sheetOf(2000), 1_000))).rejects.toThrow(/more than the 1000 bytes its zip entry declares/);
  });

  it("a 4.8 GiB zip bomb of a few MB is refused at once, whether it declares its size or lies about it", async () => {
    const honest = sheetBomb(4.8);
    expect(honest.length).toBeLessThan(6_000_000);
    expect(await limitOf(allRows(honest))).toBe("maxEntryBytes=200000000");
    const lying = sheetBomb(4.8, 100_000);
    const before = process.memoryUsage().rss;
    await expect(allRows(lying)).rejects.toThrow(/declares/);
    // Only about the declared 100 kB (plus one inflate chunk) was ever inflated.
    expect(process.memoryUsage().rss - before).toBeLessThan(200_000_000);
  });

  it("a row longer than maxRowBytes is refused without being held", async () => {
    const huge = `${SHEET_HEAD}<row r="1"><c t="inlineStr"><is><t>${"x".repeat(300_000)}</t></is></c></row>${SHEET_TAIL}`;
    expect(await limitOf(allRows(workbookWithSheet(huge), { maxRowBytes: 100_000 }))).toBe("maxRowBytes=100000");
  });
});
