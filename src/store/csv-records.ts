import { parse } from "csv-parse";

export type CsvRecords =
  | { ok: true; records: string[][] /** 1-based line each record starts on. */; startLines: number[] }
  | { ok: false; line: number; message: string };

/** Bytes parsed between two turns of the event loop: other requests (`/health`) wait at most one slice. */
const SLICE_BYTES = 16 * 1024;

/**
 * Parses an uploaded CSV (UTF-8, optional BOM, header first) a slice at a time, yielding to the event
 * loop between slices: a 5 MB upload costs about a second of CPU, which must not stall every other
 * request. Never throws for bad content.
 */
export async function readCsvRecords(body: Uint8Array, options: { skipEmptyLines: boolean }): Promise<CsvRecords> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: options.skipEmptyLines, trim: false, info: true });
  const records: string[][] = [];
  const startLines: number[] = [];
  let previousEnd = 0;
  let failure: { line: number; message: string } | undefined;
  parser.on("readable", () => {
    for (let r = parser.read(); r !== null; r = parser.read()) {
      const { record, info } = r as { record: string[]; info: { lines: number } };
      records.push(record);
      // A quoted field may span lines: a record starts on the line after the previous one ended
      // (blank lines skipped by the parser are not records).
      startLines.push(options.skipEmptyLines ? info.lines - countNewlines(record) : previousEnd + 1);
      previousEnd = info.lines;
    }
  });
  const done = new Promise<void>((resolve) => {
    parser.on("end", resolve);
    parser.on("error", (e: Error & { lines?: number }) => {
      failure = { line: e.lines ?? previousEnd + 1, message: (e.message ?? "").split("\n")[0] as string };
      resolve();
    });
  });
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  for (let at = 0; at < bytes.length && !failure; at += SLICE_BYTES) {
    parser.write(bytes.subarray(at, at + SLICE_BYTES));
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!failure) parser.end();
  await done;
  return failure ? { ok: false, ...failure } : { ok: true, records, startLines };
}

function countNewlines(record: string[]): number {
  let n = 0;
  for (const cell of record) for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) n++;
  return n;
}
