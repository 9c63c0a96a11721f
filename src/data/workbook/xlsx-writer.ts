/**
 * The one writer of .xlsx workbooks (table downloads). A workbook is a zip of XML files; this writer
 * builds the one worksheet a few hundred rows at a time, hands each piece to zlib's deflate (which runs
 * on libuv's thread pool, not on the event loop) and yields between pieces, so a 10,000-row download
 * never holds the server's event loop for more than a few milliseconds. ExcelJS built the same workbook
 * in one synchronous stretch of about 0.7 s, during which `/health` could not answer (issue 15, item 4).
 *
 * Strings are written inline (`t="inlineStr"`), not in a shared-strings table: one pass, no lookup
 * table held in memory, and a text cell can never be read as a formula (no CSV-style injection).
 * The header row is bold and frozen, as analysts expect of a downloaded table. One sheet per table.
 */
import { crc32, createDeflateRaw } from "node:zlib";
import { columnLetters } from "./bounded-xlsx.ts";

export type WorkbookCellValue = string | number | boolean | null | undefined;

export interface WorkbookTable {
  /** Worksheet name; cut to Excel's 31 characters, characters Excel forbids replaced. */
  sheetName: string;
  columns: readonly string[];
  rows: Iterable<readonly WorkbookCellValue[]>;
}

/** Rows written between two yields to the event loop. */
const ROWS_PER_PIECE = 250;

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// XML 1.0 allows neither C0 controls other than tab, LF, CR, nor U+FFFE/U+FFFF, nor unpaired surrogates.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the controls XML 1.0 forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML, "\uFFFD")
    .replace(/[&<>"]/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&quot;"));
}

/** Excel refuses sheet names with `[]:*?/\`, longer than 31 characters, or empty. */
export function sheetNameOf(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31);
  return clean === "" ? "Sheet1" : clean;
}

function cellXml(ref: string, value: WorkbookCellValue, style: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    // A non-finite number has no spreadsheet value: the cell stays empty rather than holding text.
    return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : "";
  }
  if (typeof value === "boolean") return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXmlText(value)}</t></is></c>`;
}

function rowXml(rowNumber: number, letters: readonly string[], cells: readonly WorkbookCellValue[], style: string): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < letters.length; i++) xml += cellXml(`${letters[i]}${rowNumber}`, cells[i], style);
  return `${xml}</row>`;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface PackedEntry {
  name: Buffer;
  crc: number;
  size: number;
  deflated: Buffer;
}

/** Deflates the pieces as they come, keeping the CRC and the size; zlib works off the event loop. */
async function packEntry(name: string, pieces: AsyncIterable<string>): Promise<PackedEntry> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  let size = 0;
  for await (const piece of pieces) {
    const bytes = Buffer.from(piece, "utf8");
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise<void>((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { name: Buffer.from(name, "utf8"), crc, size, deflated: Buffer.concat(out) };
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

// Zip fields for "deflated, version 2.0, UTF-8 names"; the date is the DOS epoch so that the same
// table always gives the same bytes (a download is reproducible and cacheable).
const VERSION = 20;
const FLAG_UTF8 = 0x0800;
const DEFLATE = 8;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function zip(entries: readonly PackedEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, e.name, e.deflated);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(VERSION, 4);
    dir.writeUInt16LE(VERSION, 6);
    dir.writeUInt16LE(FLAG_UTF8, 8);
    dir.writeUInt16LE(DEFLATE, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.deflated.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(e.name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, e.name);
    offset += local.length + e.name.length + e.deflated.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, centralBytes, end]));
}

function contentTypes(sheets: number): string {
  let overrides = "";
  for (let i = 1; i <= sheets; i++)
    overrides += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  return `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
}
const ROOT_RELS = `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
// Relationship rId1 is the styles; rId2… are the sheets in order.
function workbookRels(sheets: number): string {
  let rels = "";
  for (let i = 1; i <= sheets; i++)
    rels += `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  return `${XML_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${rels}</Relationships>`;
}
// Style 0 is the default; style 1 is the bold header.
const STYLES = `${XML_HEADER}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`;

function workbookXml(sheetNames: readonly string[]): string {
  const sheets = sheetNames.map((name, i) => `<sheet name="${escapeXmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join("");
  return `${XML_HEADER}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`;
}

/** Sheet names as Excel requires them: allowed characters, and unique ignoring case. */
function uniqueSheetNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = sheetNameOf(name);
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = `${sheetNameOf(name).slice(0, 31 - String(n).length - 1)}_${n}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

async function* sheetPieces(table: WorkbookTable, letters: readonly string[]): AsyncGenerator<string> {
  const frozenHeader =
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  yield `${XML_HEADER}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${frozenHeader}<sheetData>${rowXml(1, letters, table.columns, ' s="1"')}`;
  let piece = "";
  let inPiece = 0;
  let rowNumber = 1;
  for (const row of table.rows) {
    piece += rowXml(++rowNumber, letters, row, "");
    if (++inPiece === ROWS_PER_PIECE) {
      yield piece;
      piece = "";
      inPiece = 0;
      await yieldToEventLoop();
    }
  }
  yield `${piece}</sheetData></worksheet>`;
}

/** Tables as an .xlsx workbook, one sheet each, built without holding the event loop. */
export async function writeWorkbook(tables: WorkbookTable | readonly WorkbookTable[]): Promise<Uint8Array> {
  const list: readonly WorkbookTable[] = Array.isArray(tables) ? tables : [tables as WorkbookTable];
  if (list.length === 0) throw new Error("a workbook needs at least one sheet");
  const sheets: PackedEntry[] = [];
  for (const [i, table] of list.entries()) {
    const letters = table.columns.map((_, c) => columnLetters(c + 1));
    sheets.push(await packEntry(`xl/worksheets/sheet${i + 1}.xml`, sheetPieces(table, letters)));
  }
  const fixed = await Promise.all([
    packEntry("[Content_Types].xml", once(contentTypes(list.length))),
    packEntry("_rels/.rels", once(ROOT_RELS)),
    packEntry("xl/workbook.xml", once(workbookXml(uniqueSheetNames(list.map((t) => t.sheetName))))),
    packEntry("xl/_rels/workbook.xml.rels", once(workbookRels(list.length))),
    packEntry("xl/styles.xml", once(STYLES)),
  ]);
  return zip([...fixed, ...sheets]);
}
