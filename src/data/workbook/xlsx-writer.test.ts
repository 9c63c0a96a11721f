import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openWorkbook } from "./bounded-xlsx.ts";
import { escapeXmlText, sheetNameOf, writeWorkbook } from "./xlsx-writer.ts";

/** What XML 1.0 can carry of a string, code unit by code unit (an oracle independent of the writer's regex). */
function xmlSafe(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    const pairedHigh = u >= 0xd800 && u <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff;
    if (pairedHigh) {
      out += s.slice(i, i + 2);
      i++;
    } else if ((u < 0x20 && u !== 0x09 && u !== 0x0a && u !== 0x0d) || (u >= 0xd800 && u <= 0xdfff) || u === 0xfffe || u === 0xffff)
      out += "\uFFFD";
    else out += s[i];
  }
  return out;
}

/** ExcelJS is the independent reader here: a workbook it cannot read, or reads differently, fails. */
async function readWithExcelJs(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no sheet");
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return { ws, rows };
}

describe("writeWorkbook: a table download as .xlsx", () => {
  it("writes header, numbers, text, booleans and empty cells that ExcelJS reads back exactly", async () => {
    const bytes = await writeWorkbook({
      sheetName: "observations",
      columns: ["ally", "year", "value", "estimate"],
      rows: [
        ["POL", 2024, 4.12, true],
        ['Fish & "chips" <b>', 2025, -0.5, false],
        ['=HYPERLINK("x")', 2026, null, null],
      ],
    });
    const { ws, rows } = await readWithExcelJs(bytes);
    expect(ws.name).toBe("observations");
    expect(rows[0]).toEqual(["ally", "year", "value", "estimate"]);
    expect(rows[1]).toEqual(["POL", 2024, 4.12, true]);
    expect(rows[2]).toEqual(['Fish & "chips" <b>', 2025, -0.5, false]);
    // A text cell that looks like a formula stays text: nothing is evaluated on opening.
    expect(rows[3]?.[0]).toBe('=HYPERLINK("x")');
    expect(ws.getCell("A4").formula).toBeUndefined();
    expect(ws.getCell("C4").value).toBeNull();
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A2").font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("round-trips any number exactly and any text, through the project's own reader too", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 20 })), { maxLength: 30 }),
        async (pairs) => {
          const bytes = await writeWorkbook({ sheetName: "t", columns: ["n", "s"], rows: pairs });
          const wb = await openWorkbook(bytes);
          const read: (string | number | boolean | null)[][] = [];
          for await (const r of wb.sheets[0]?.rows() ?? []) {
            const row: (string | number | boolean | null)[] = [null, null];
            for (const c of r.cells) row[c.column - 1] = c.value;
            read[r.row - 2] = row;
          }
          for (const [i, [n, s]] of pairs.entries()) {
            // -0 is written as "0", which is the spreadsheet's own value.
            expect(read[i]?.[0]).toBe(Object.is(n, -0) ? 0 : n);
            // Characters XML cannot carry are replaced with U+FFFD; the rest is exact.
            expect(read[i]?.[1] ?? "").toBe(xmlSafe(s));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("keeps a 10,000-row table to one sheet with every row, compressed", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ["DEU", 2000 + (i % 27), i / 7, i % 2 === 0]);
    const bytes = await writeWorkbook({ sheetName: "big", columns: ["ally", "year", "value", "flag"], rows });
    const { rows: read } = await readWithExcelJs(bytes);
    expect(read.length).toBe(10_001);
    expect(read[9_999]).toEqual(["DEU", 2000 + (9_998 % 27), 9_998 / 7, true]);
    // Deflated: the sheet's XML (about 90 bytes a row) shrinks several-fold.
    expect(bytes.length).toBeLessThan(10_000 * 30);
  });

  it("the same table always gives the same bytes", async () => {
    const table = () => ({ sheetName: "t", columns: ["a"], rows: [["x"], [1]] });
    expect(Buffer.from(await writeWorkbook(table())).equals(Buffer.from(await writeWorkbook(table())))).toBe(true);
  });

  it("writes one sheet per table, in order, with names unique as Excel requires", async () => {
    const bytes = await writeWorkbook([
      { sheetName: "lines", columns: ["a"], rows: [["x"]] },
      { sheetName: "totals", columns: ["b", "c"], rows: [[1, 2]] },
      { sheetName: "Lines", columns: ["d"], rows: [[true]] },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["lines", "totals", "Lines_2"]);
    expect(wb.worksheets[1]?.getRow(2).values).toEqual([undefined, 1, 2]);
    expect(wb.worksheets[2]?.getRow(2).values).toEqual([undefined, true]);
  });

  it("names a sheet as Excel allows", () => {
    expect(sheetNameOf("a/b:c?d*[e]\\f")).toBe("a_b_c_d__e__f");
    expect(sheetNameOf("x".repeat(40))).toHaveLength(31);
    expect(sheetNameOf("")).toBe("Sheet1");
  });

  it("escapes markup and replaces what XML 1.0 cannot hold", () => {
    expect(escapeXmlText('<a href="x">&</a>')).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(escapeXmlText("a\u0000b\u0007c\td\ud800e\ud83d\ude00")).toBe("a\uFFFDb\uFFFDc\td\uFFFDe\ud83d\ude00");
  });

  it("writes a zip whose entries inflate to what they declare", async () => {
    const bytes = Buffer.from(await writeWorkbook({ sheetName: "t", columns: ["a"], rows: [["x"]] }));
    // Walk the local headers by hand: signature, sizes, name, data.
    let at = 0;
    const names: string[] = [];
    while (bytes.readUInt32LE(at) === 0x04034b50) {
      const compressed = bytes.readUInt32LE(at + 18);
      const size = bytes.readUInt32LE(at + 22);
      const nameLength = bytes.readUInt16LE(at + 26);
      const name = bytes.subarray(at + 30, at + 30 + nameLength).toString("utf8");
      const data = bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + compressed);
      expect(inflateRawSync(data).length, name).toBe(size);
      names.push(name);
      at += 30 + nameLength + compressed;
    }
    expect(names.sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
  });
});
