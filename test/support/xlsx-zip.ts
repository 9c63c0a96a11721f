/**
 * Edits the XML inside a real .xlsx for tests: read every zip entry, change some, write the zip again.
 * Used to cut small extracts of the publishers' workbooks (rows removed, layout and styles kept) and
 * to make malformed copies (a renamed sheet, a shifted header, text in a figure's cell).
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";

export type ZipEntries = Map<string, Uint8Array>;

export function readZip(bytes: Uint8Array): ZipEntries {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip");
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out: ZipEntries = new Map();
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(p + 10, true);
    const size = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const skip = nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + size);
    out.set(name, method === 0 ? raw.slice() : new Uint8Array(inflateRawSync(raw)));
    p += 46 + skip;
  }
  return out;
}

export function writeZip(entries: ZipEntries): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = new TextEncoder().encode(name);
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, packed.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, nameBytes.length, true);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true);
    dir.setUint16(6, 20, true);
    dir.setUint16(10, 8, true);
    dir.setUint32(16, crc, true);
    dir.setUint32(20, packed.length, true);
    dir.setUint32(24, data.length, true);
    dir.setUint16(28, nameBytes.length, true);
    dir.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), nameBytes, packed);
    central.push(new Uint8Array(dir.buffer), nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.size, true);
  end.setUint16(10, entries.size, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

export const text = (e: ZipEntries, name: string) => new TextDecoder().decode(e.get(name));
export const setText = (e: ZipEntries, name: string, xml: string) => e.set(name, new TextEncoder().encode(xml));

/** Keeps only the rows `keep` accepts in a worksheet's XML (cells, styles and everything else untouched). */
export function keepRows(xml: string, keep: (row: number) => boolean): string {
  return xml.replace(/<row\b[^>]*?\br="(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g, (m, r: string) => (keep(Number(r)) ? m : ""));
}

/** Worksheet paths by sheet name, from workbook.xml and its relationships. */
export function sheetPaths(e: ZipEntries): Map<string, string> {
  const rels = new Map(
    [...text(e, "xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [
      m[1] as string,
      (m[2] as string).replace(/^\/?(xl\/)?/, "xl/"),
    ]),
  );
  const out = new Map<string, string>();
  for (const m of text(e, "xl/workbook.xml").matchAll(/<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g))
    out.set((m[1] as string).replace(/&amp;/g, "&"), rels.get(m[2] as string) as string);
  return out;
}

/** Removes the cells `drop` names (by column letters and row) from a worksheet's XML. */
export function dropCells(xml: string, drop: (column: string, row: number) => boolean): string {
  return xml.replace(/<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g, (m, col: string, row: string) =>
    drop(col, Number(row)) ? "" : m,
  );
}
