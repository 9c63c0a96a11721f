/**
 * Hand-built .xlsx files for the workbook reader's tests: a zip writer small enough to read, which can
 * also lie about sizes, and deflate streams that repeat one compressed block (zip bombs) without ever
 * holding the inflated bytes. CRCs are written as 0: the reader under test does not check them.
 */
import { constants, deflateRawSync } from "node:zlib";

export interface ZipFile {
  name: string;
  /** Raw deflate data, or text / bytes to deflate here. */
  data: string | Uint8Array | { deflated: Uint8Array; size: number };
  /** Override the uncompressed size written in the zip headers (a lying entry). */
  declaredSize?: number;
}

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}
function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

export function zipOf(files: ZipFile[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: number[] = [];
  let offset = 0;
  for (const f of files) {
    const name = enc.encode(f.name);
    let deflated: Uint8Array;
    let size: number;
    if (typeof f.data === "string" || f.data instanceof Uint8Array) {
      const raw = typeof f.data === "string" ? enc.encode(f.data) : f.data;
      deflated = deflateRawSync(raw);
      size = raw.length;
    } else ({ deflated, size } = f.data);
    const declared = f.declaredSize ?? size;
    const common = [...u16(20), ...u16(0), ...u16(8), ...u16(0), ...u16(0), ...u32(0), ...u32(deflated.length), ...u32(declared)];
    const local = new Uint8Array([...u32(0x04034b50), ...common, ...u16(name.length), ...u16(0), ...name]);
    central.push(
      ...u32(0x02014b50),
      ...u16(20),
      ...common,
      ...u16(name.length),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(offset),
      ...name,
    );
    chunks.push(local, deflated);
    offset += local.length + deflated.length;
  }
  const dir = new Uint8Array(central);
  const end = new Uint8Array([
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(files.length),
    ...u16(files.length),
    ...u32(dir.length),
    ...u32(offset),
    ...u16(0),
  ]);
  return Buffer.concat([...chunks, dir, end]);
}

/**
 * A raw deflate stream of `head`, then `body` `times` over, then `tail`, built from independently
 * compressed (full-flushed) segments: a few megabytes that inflate to gigabytes.
 */
export function repeatedDeflate(head: string, body: string, times: number, tail: string): { deflated: Uint8Array; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const h = deflateRawSync(head, flush);
  const b = deflateRawSync(body, flush);
  const t = deflateRawSync(tail, flush);
  const final = deflateRawSync(Buffer.alloc(0));
  const out = Buffer.alloc(h.length + b.length * times + t.length + final.length);
  let at = h.copy(out, 0);
  for (let i = 0; i < times; i++) at += b.copy(out, at);
  at += t.copy(out, at);
  final.copy(out, at);
  const enc = new TextEncoder();
  return { deflated: out, size: enc.encode(head).length + enc.encode(body).length * times + enc.encode(tail).length };
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="plans" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_TAIL = "</sheetData></worksheet>";

/** A one-sheet workbook (sheet `plans`) whose sheet XML is given as is or as deflated data. */
export function workbookWithSheet(sheet: ZipFile["data"], declaredSize?: number): Uint8Array {
  return zipOf([
    { name: "[Content_Types].xml", data: CONTENT_TYPES },
    { name: "xl/workbook.xml", data: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", data: RELS },
    { name: "xl/worksheets/sheet1.xml", data: sheet, ...(declaredSize === undefined ? {} : { declaredSize }) },
  ]);
}

/** A zip bomb: a plans sheet of about `gib` GiB of identical rows, a few MB compressed. */
export function sheetBomb(gib: number, declaredSize?: number): Uint8Array {
  const row = '<row><c t="inlineStr"><is><t>POL</t></is></c><c><v>2025</v></c><c><v>2026</v></c><c><v>1</v></c></row>';
  // One row, then 16 MiB of blanks between elements: a single repeated byte deflates about 1,000 to 1.
  const body = row + " ".repeat(16 * 1024 * 1024);
  const times = Math.round((gib * 1024 ** 3) / body.length);
  const data = repeatedDeflate(SHEET_HEAD, body, times, SHEET_TAIL);
  // The real size does not fit the zip's 32-bit field: declare what the caller says, else the 32-bit maximum.
  return workbookWithSheet(data, declaredSize ?? Math.min(data.size, 0xffffffff));
}
