/**
 * The one reader of .xlsx workbooks that come from outside (uploads, downloaded releases): a zip of XML
 * files that may be a zip bomb. Every size is checked twice: the sizes the zip declares before anything
 * is inflated, and the bytes actually inflated while streaming. Entries, rows, columns and the bytes of
 * one row are bounded too. A limit that is reached throws `WorkbookLimitError` naming it; a file that is
 * not a readable workbook throws `WorkbookFormatError` with a plain message (never a library's internals).
 *
 * It yields each worksheet's rows one at a time, each cell with its value, its address, its fill
 * colour and its font colour (SIPRI marks estimates by the colour of the figure's text). Cells and rows whose optional `r` reference is absent are
 * placed after the previous one, as spreadsheet programs do.
 */
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";

export interface WorkbookLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Files inside the zip. */
  maxEntries: number;
  /** Inflated size of any one file inside the zip (declared and actual). */
  maxEntryBytes: number;
  /** Inflated size of everything read from the zip (declared and actual). */
  maxTotalBytes: number;
  /** Rows of one worksheet. */
  maxRows: number;
  /** Highest column of any cell (16,384 is Excel's own last column, XFD). */
  maxColumns: number;
  /** XML text of one row. */
  maxRowBytes: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxFileBytes: 50_000_000,
  maxEntries: 2_000,
  maxEntryBytes: 200_000_000,
  maxTotalBytes: 400_000_000,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxRowBytes: 4_000_000,
};

/** A limit was reached: `limit` names it and `max` is its value (the server answers 413). */
export class WorkbookLimitError extends Error {
  constructor(
    readonly limit: keyof WorkbookLimits,
    readonly max: number,
    what: string,
  ) {
    super(`${what} exceeds the limit ${limit} = ${max.toLocaleString("en-US")}`);
    this.name = "WorkbookLimitError";
  }
}

/** The bytes are not a workbook this reader can read. */
export class WorkbookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookFormatError";
  }
}

export type CellValue = string | number | boolean | null;

export interface WorkbookCell {
  /** `B7`. */
  address: string;
  /** 1-based. */
  row: number;
  column: number;
  value: CellValue;
  /** The spreadsheet error (`#DIV/0!`) or "a formula without a computed value", when the cell holds no value but that. */
  error?: string;
  /** Fill colour: ARGB hex (`FFFFFF00`), `theme:N` or `indexed:N`; null without a solid or pattern fill. */
  fill: string | null;
  /** Font colour, in the same forms as `fill`; null when the style sets none (the default, black). */
  font: string | null;
}

export interface WorkbookRow {
  /** 1-based row number. */
  row: number;
  /** Non-empty cells, left to right. */
  cells: WorkbookCell[];
}

export interface WorkbookSheet {
  name: string;
  /**
   * Link targets by cell address (`J2` → `https://…`). Sheets list them after their rows, so the map
   * is complete once `rows()` has been read to its end.
   */
  hyperlinks: ReadonlyMap<string, string>;
  /** Streams the sheet's rows, top to bottom; may be called again (each pass counts against maxTotalBytes). */
  rows(): AsyncGenerator<WorkbookRow>;
}

export interface BoundedWorkbook {
  sheets: WorkbookSheet[];
  sheet(name: string): WorkbookSheet | undefined;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function readCentralDirectory(bytes: Uint8Array, limits: WorkbookLimits): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--)
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new WorkbookFormatError("not an .xlsx workbook (no zip directory found)");
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new WorkbookFormatError("ZIP64 workbooks are not read");
  if (count > limits.maxEntries) throw new WorkbookLimitError("maxEntries", limits.maxEntries, `the workbook's ${count} files`);
  if (dirOffset + dirSize > bytes.length) throw new WorkbookFormatError("not an .xlsx workbook (the zip directory is cut off)");
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let declaredTotal = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL)
      throw new WorkbookFormatError("not an .xlsx workbook (a zip directory entry is damaged)");
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const declaredSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (declaredSize > limits.maxEntryBytes)
      throw new WorkbookLimitError(
        "maxEntryBytes",
        limits.maxEntryBytes,
        `${name} (declared ${declaredSize.toLocaleString("en-US")} bytes)`,
      );
    declaredTotal += declaredSize;
    if (declaredTotal > limits.maxTotalBytes)
      throw new WorkbookLimitError("maxTotalBytes", limits.maxTotalBytes, "the workbook's declared unpacked size");
    entries.set(name.replace(/^\//, ""), { name, method, compressedSize, declaredSize, localOffset });
  }
  return entries;
}

/** Counts every byte inflated from the zip, across entries. */
class InflateBudget {
  used = 0;
  constructor(readonly limits: WorkbookLimits) {}
  take(entry: ZipEntry, entryBytes: number, chunk: number): void {
    this.used += chunk;
    if (entryBytes > entry.declaredSize)
      throw new WorkbookFormatError(`${entry.name} unpacks to more than the ${entry.declaredSize} bytes its zip entry declares`);
    if (entryBytes > this.limits.maxEntryBytes) throw new WorkbookLimitError("maxEntryBytes", this.limits.maxEntryBytes, entry.name);
    if (this.used > this.limits.maxTotalBytes)
      throw new WorkbookLimitError("maxTotalBytes", this.limits.maxTotalBytes, "the workbook's unpacked size");
  }
}

/** Streams one entry's inflated bytes as text chunks, checking the budget as bytes come. */
async function* entryText(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): AsyncGenerator<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
    throw new WorkbookFormatError(`not an .xlsx workbook (the zip entry ${entry.name} is damaged)`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw new WorkbookFormatError(`the zip entry ${entry.name} is cut off`);
  const decoder = new TextDecoder("utf-8");
  let inflated = 0;
  if (entry.method === 0) {
    budget.take(entry, data.length, data.length);
    yield decoder.decode(data);
    return;
  }
  if (entry.method !== 8) throw new WorkbookFormatError(`the zip entry ${entry.name} uses a compression other than deflate`);
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
  const source = Readable.from([data]).pipe(inflater);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      budget.take(entry, inflated, chunk.length);
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    if (error instanceof WorkbookLimitError || error instanceof WorkbookFormatError) throw error;
    throw new WorkbookFormatError(`the zip entry ${entry.name} cannot be unpacked`);
  } finally {
    inflater.destroy();
  }
  yield decoder.decode();
}

async function entryWhole(bytes: Uint8Array, entry: ZipEntry | undefined, budget: InflateBudget): Promise<string> {
  if (!entry) return "";
  let text = "";
  for await (const chunk of entryText(bytes, entry, budget)) text += chunk;
  return text;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML character references, then OOXML's `_xHHHH_` escapes of control characters. */
export function unescapeXml(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? ""),
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? unescapeXml(m[1] ?? m[2] ?? "") : undefined;
}

/** The text of every `<t>` in a shared string or inline string (rich text runs joined, phonetic runs skipped). */
function textOf(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += unescapeXml(m[1] ?? "");
  return out;
}

function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(textOf(m[1] ?? ""));
  return out;
}

/** The fill and font colours of each cell style (`s` attribute of a cell), from styles.xml. */
function parseStyleColours(xml: string): { fills: (string | null)[]; fonts: (string | null)[] } {
  const fills: (string | null)[] = [];
  const fillsXml = /<fills\b[^>]*>([\s\S]*?)<\/fills>/.exec(xml)?.[1] ?? "";
  for (const m of fillsXml.matchAll(/<fill\b[^>]*?(?:\/>|>([\s\S]*?)<\/fill>)/g)) {
    const inner = m[1] ?? "";
    const pattern = /<patternFill\b([^>]*)/.exec(inner);
    const type = pattern ? attribute(pattern[1] ?? "", "patternType") : undefined;
    const fg = /<fgColor\b([^>]*?)\/?>/.exec(inner)?.[1] ?? "";
    fills.push(!pattern || type === undefined || type === "none" || type === "gray125" ? null : (colourOf(fg) ?? null));
  }
  const fontColours: (string | null)[] = [];
  const fontsXml = /<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(xml)?.[1] ?? "";
  for (const m of fontsXml.matchAll(/<font\b[^>]*?(?:\/>|>([\s\S]*?)<\/font>)/g)) {
    const colour = /<color\b([^>]*?)\/?>/.exec(m[1] ?? "")?.[1];
    fontColours.push(colour === undefined ? null : (colourOf(colour) ?? null));
  }
  const xfsXml = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  const out = { fills: [] as (string | null)[], fonts: [] as (string | null)[] };
  for (const m of xfsXml.matchAll(/<xf\b([^>]*?)\/?>/g)) {
    out.fills.push(fills[Number(attribute(m[1] ?? "", "fillId") ?? 0)] ?? null);
    out.fonts.push(fontColours[Number(attribute(m[1] ?? "", "fontId") ?? 0)] ?? null);
  }
  return out;
}

function colourOf(attrs: string): string | undefined {
  return attribute(attrs, "rgb") ?? prefixed("theme", attribute(attrs, "theme")) ?? prefixed("indexed", attribute(attrs, "indexed"));
}

function prefixed(kind: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${kind}:${value}`;
}

/** Column letters to a 1-based number: `B` → 2, `AA` → 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface SheetContext {
  shared: string[];
  /** Relationship id → target, from the sheet's own .rels (hyperlink targets). */
  relTargets: Map<string, string>;
  hyperlinks: Map<string, string>;
  fills: (string | null)[];
  fonts: (string | null)[];
  limits: WorkbookLimits;
  sheetName: string;
}

function parseCells(rowNumber: number, inner: string, ctx: SheetContext): WorkbookCell[] {
  const cells: WorkbookCell[] = [];
  let previous = 0;
  for (const m of inner.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[1] ?? "";
    const body = m[2] ?? "";
    const ref = attribute(attrs, "r");
    const refMatch = ref ? /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref) : null;
    const column = refMatch ? columnNumber(refMatch[1] as string) : previous + 1;
    previous = column;
    if (column > ctx.limits.maxColumns)
      throw new WorkbookLimitError("maxColumns", ctx.limits.maxColumns, `sheet ${ctx.sheetName} row ${rowNumber} column ${column}`);
    const type = attribute(attrs, "t") ?? "n";
    const raw = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const hasFormula = /<f\b/.test(body);
    let value: CellValue = null;
    let error: string | undefined;
    if (type === "inlineStr") value = textOf(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
    else if (raw === undefined) {
      if (hasFormula) error = "a formula without a computed value";
    } else if (type === "s") value = ctx.shared[Number(raw)] ?? null;
    else if (type === "str") value = unescapeXml(raw);
    else if (type === "b") value = raw.trim() === "1";
    else if (type === "e") error = `the cell holds the spreadsheet error ${unescapeXml(raw)}`;
    else {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) error = `"${unescapeXml(raw)}" is not a number`;
      else value = n;
    }
    if (value === null && error === undefined && !attribute(attrs, "s")) continue;
    const style = attribute(attrs, "s");
    const cell: WorkbookCell = {
      address: `${columnLetters(column)}${rowNumber}`,
      row: rowNumber,
      column,
      value,
      fill: style === undefined ? null : (ctx.fills[Number(style)] ?? null),
      font: style === undefined ? null : (ctx.fonts[Number(style)] ?? null),
    };
    if (error !== undefined) cell.error = error;
    cells.push(cell);
  }
  return cells;
}

/** `<hyperlink ref="J2" r:id="rId1"/>` elements in `xml`, resolved through the sheet's relationships. */
function collectHyperlinks(xml: string, ctx: SheetContext): void {
  for (const m of xml.matchAll(/<hyperlink\b([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? "";
    const ref = attribute(attrs, "ref");
    const rid = /(?:^|\s)\w*:id\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    const target = rid ? ctx.relTargets.get(rid) : undefined;
    if (ref && target && ctx.hyperlinks.size < ctx.limits.maxRows) ctx.hyperlinks.set(ref.split(":")[0] as string, target);
  }
}

/** Cuts complete `<row>` elements out of the streamed sheet XML; memory is bounded by one row. */
async function* sheetRows(chunks: AsyncGenerator<string>, ctx: SheetContext): AsyncGenerator<WorkbookRow> {
  let buffer = "";
  let previousRow = 0;
  let count = 0;
  const rowStart = /<row[\s>/]/g;
  for await (const chunk of chunks) {
    buffer += chunk;
    let consumed = 0;
    for (;;) {
      rowStart.lastIndex = consumed;
      const start = rowStart.exec(buffer);
      if (!start) {
        collectHyperlinks(buffer.slice(consumed), ctx);
        // Keep only a tail that may hold the start of a `<row` split across chunks.
        consumed = Math.max(consumed, buffer.length - 5);
        break;
      }
      const tagEnd = buffer.indexOf(">", start.index);
      if (tagEnd < 0) {
        consumed = start.index;
        break;
      }
      const selfClosing = buffer[tagEnd - 1] === "/";
      const close = selfClosing ? tagEnd + 1 : buffer.indexOf("</row>", tagEnd);
      if (close < 0) {
        consumed = start.index;
        break;
      }
      const attrs = buffer.slice(start.index + 4, selfClosing ? tagEnd - 1 : tagEnd);
      const inner = selfClosing ? "" : buffer.slice(tagEnd + 1, close);
      consumed = selfClosing ? close : close + "</row>".length;
      const declared = Number(attribute(attrs, "r"));
      const rowNumber = Number.isInteger(declared) && declared > 0 ? declared : previousRow + 1;
      previousRow = rowNumber;
      count++;
      if (count > ctx.limits.maxRows || rowNumber > ctx.limits.maxRows)
        throw new WorkbookLimitError("maxRows", ctx.limits.maxRows, `sheet ${ctx.sheetName}'s rows`);
      yield { row: rowNumber, cells: parseCells(rowNumber, inner, ctx) };
    }
    buffer = buffer.slice(consumed);
    if (buffer.length > ctx.limits.maxRowBytes)
      throw new WorkbookLimitError("maxRowBytes", ctx.limits.maxRowBytes, `a row of sheet ${ctx.sheetName}`);
  }
}

function relationships(xml: string): { id: string; target: string; type: string; external: boolean }[] {
  const out: { id: string; target: string; type: string; external: boolean }[] = [];
  for (const m of xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? "";
    const id = attribute(attrs, "Id");
    const target = attribute(attrs, "Target");
    if (id && target)
      out.push({ id, target, type: attribute(attrs, "Type") ?? "", external: attribute(attrs, "TargetMode") === "External" });
  }
  return out;
}

function resolveTarget(target: string, base = "xl"): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = `${base}/${target}`.split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

/**
 * Opens a workbook held in memory: reads the zip directory (checking entry count and declared sizes),
 * the workbook, its shared strings and styles. Worksheets are read only when their rows are asked for.
 */
export async function openWorkbook(bytes: Uint8Array, limits: Partial<WorkbookLimits> = {}): Promise<BoundedWorkbook> {
  const l: WorkbookLimits = { ...DEFAULT_WORKBOOK_LIMITS, ...limits };
  if (bytes.length > l.maxFileBytes) throw new WorkbookLimitError("maxFileBytes", l.maxFileBytes, "the workbook file");
  const entries = readCentralDirectory(bytes, l);
  const budget = new InflateBudget(l);
  const workbookXml = await entryWhole(bytes, entries.get("xl/workbook.xml"), budget);
  if (!workbookXml) throw new WorkbookFormatError("not an .xlsx workbook (no xl/workbook.xml)");
  const relsXml = await entryWhole(bytes, entries.get("xl/_rels/workbook.xml.rels"), budget);
  const targets = new Map<string, string>();
  let sharedPath = "xl/sharedStrings.xml";
  let stylesPath = "xl/styles.xml";
  for (const { id, target, type } of relationships(relsXml)) {
    targets.set(id, resolveTarget(target));
    if (type.endsWith("/sharedStrings")) sharedPath = resolveTarget(target);
    if (type.endsWith("/styles")) stylesPath = resolveTarget(target);
  }
  const shared = parseSharedStrings(await entryWhole(bytes, entries.get(sharedPath), budget));
  const { fills, fonts } = parseStyleColours(await entryWhole(bytes, entries.get(stylesPath), budget));
  const sheets: WorkbookSheet[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const attrs = m[1] ?? "";
    const name = attribute(attrs, "name") ?? `Sheet${sheets.length + 1}`;
    const rid = /(?:^|\s)[\w]*:id\s*=\s*"([^"]*)"/.exec(attrs)?.[1];
    const path = (rid && targets.get(rid)) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    const entry = entries.get(path);
    const dir = path.slice(0, path.lastIndexOf("/"));
    const sheetRels = await entryWhole(bytes, entries.get(`${dir}/_rels/${path.slice(dir.length + 1)}.rels`), budget);
    const relTargets = new Map(
      relationships(sheetRels).map((r) => [r.id, r.external ? r.target : resolveTarget(r.target, dir)] as [string, string]),
    );
    const hyperlinks = new Map<string, string>();
    const ctx: SheetContext = { shared, fills, fonts, relTargets, hyperlinks, limits: l, sheetName: name };
    sheets.push({
      name,
      hyperlinks,
      rows: () => (entry ? sheetRows(entryText(bytes, entry, budget), ctx) : emptyRows()),
    });
  }
  return { sheets, sheet: (name) => sheets.find((s) => s.name === name) };
}

async function* emptyRows(): AsyncGenerator<WorkbookRow> {}
