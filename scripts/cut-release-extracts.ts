/**
 * Cuts the small real extracts the importer tests read, from the publishers' workbooks in
 * ../shared/data/raw/: rows (and for SIPRI, years) are removed; every kept cell, its style, the sheets,
 * titles and header rows stay as the publisher wrote them. No value is changed or added.
 *   NATO: every table, for Albania, Poland, the United States and the NATO totals.
 *   SIPRI: every sheet, Poland and Russia, 2019–2024 only, and the World row (figures SIPRI's terms
 *   allow: all of them are also in data/sipri/, so the extract adds none to what Pledge ships).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openWorkbook } from "../src/data/workbook/bounded-xlsx.ts";
import { dropCells, keepRows, readZip, setText, sheetPaths, text, writeZip } from "../test/support/xlsx-zip.ts";

const raw = join(import.meta.dirname, "..", "..", "shared", "data", "raw");
const out = join(import.meta.dirname, "..", "test", "fixtures", "releases");

async function cut(
  file: string,
  target: string,
  keepLabel: (label: string) => boolean,
  dropColumn?: (sheet: string, header: Map<string, number>, col: string) => boolean,
) {
  const bytes = readFileSync(join(raw, file));
  const wb = await openWorkbook(bytes);
  const zip = readZip(bytes);
  const paths = sheetPaths(zip);
  for (const sheet of wb.sheets) {
    const keep = new Set<number>();
    const years = new Map<string, number>();
    let seenData = false;
    for await (const r of sheet.rows()) {
      const numbers = r.cells.filter((c) => typeof c.value === "number");
      const label = r.cells.find((c) => typeof c.value === "string" && c.value.trim() !== "");
      const isYearRow =
        numbers.length >= 3 &&
        numbers.every((c) => Number.isInteger(c.value) && (c.value as number) >= 1900 && (c.value as number) <= 2100);
      if (isYearRow) for (const c of numbers) years.set(c.address.replace(/\d+$/, ""), c.value as number);
      const isData = numbers.length > 0 && !isYearRow;
      if (isData) seenData = true;
      if (!isData || keepLabel(String(label?.value ?? "").trim())) keep.add(r.row);
      else if (!seenData) keep.add(r.row);
    }
    const path = paths.get(sheet.name) as string;
    let xml = keepRows(text(zip, path), (row) => keep.has(row));
    if (dropColumn) xml = dropCells(xml, (col) => dropColumn(sheet.name, years, col));
    setText(zip, path, xml);
  }
  zip.delete("xl/calcChain.xml");
  const ct = text(zip, "[Content_Types].xml").replace(/<Override[^>]*calcChain[^>]*\/>/, "");
  setText(zip, "[Content_Types].xml", ct);
  const rels = text(zip, "xl/_rels/workbook.xml.rels").replace(/<Relationship[^>]*calcChain[^>]*\/>/, "");
  setText(zip, "xl/_rels/workbook.xml.rels", rels);
  writeFileSync(join(out, target), writeZip(zip));
  console.log(`wrote ${target}`);
}

await cut("240617-def-exp-2024-TABLES-en.xlsx", "nato-2024-tables-extract.xlsx", (l) =>
  /^(Albania|Poland|United States|NATO Europe and Canada|NATO Total)\b/.test(l),
);
await cut(
  "SIPRI-Milex-data-1949-2024_2.xlsx",
  "sipri-2025-extract.xlsx",
  (l) => /^(Poland|Russia|World)$/.test(l),
  (_sheet, years, col) => {
    const y = years.get(col);
    return y !== undefined && y < 2019;
  },
);
