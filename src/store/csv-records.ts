export type CsvRecords =
  | {
      ok: true;
      records: string[][];
      /** 1-based line each record starts on. */
      startLines: number[];
      /** Set when the file holds more than maxRecords records: reading stopped at this line. */
      stoppedAtLine?: number;
    }
  | { ok: false; line: number; message: string };

/** Records parsed between two turns of the event loop: other requests (`/health`) wait at most one batch. */
const BATCH = 2_000;

/**
 * Parses an uploaded CSV (RFC 4180: UTF-8, optional BOM, comma-separated, `"` quoting with `""`
 * inside, LF or CRLF) a batch of records at a time, yielding to the event loop between batches, and
 * stops after `maxRecords`. Small and allocation-light on purpose: a general CSV library spent most of
 * a 5 MB upload's time in garbage collection, stalling every other request. Never throws for bad content.
 */
export async function readCsvRecords(body: Uint8Array, options: { skipEmptyLines: boolean; maxRecords?: number }): Promise<CsvRecords> {
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  let text = new TextDecoder("utf-8").decode(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  const startLines: number[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    if (records.length % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    const start = line;
    // An empty line: a record of one empty cell, or nothing when skipped.
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n")) {
      i += text[i] === "\r" ? 2 : 1;
      line++;
      if (!options.skipEmptyLines) {
        records.push([""]);
        startLines.push(start);
      }
      continue;
    }
    const record: string[] = [];
    for (;;) {
      let cell: string;
      if (text[i] === '"') {
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return { ok: false, line: start, message: `a quoted field opened on line ${start} is not closed` };
          value += text.slice(from, q);
          for (let k = from; k < q; k++) if (text.charCodeAt(k) === 10) line++;
          if (text[q + 1] === '"') {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r")
          return { ok: false, line, message: `a closing quote is followed by "${text[i]}" on line ${line}` };
        cell = value;
      } else {
        let end = i;
        while (end < n) {
          const ch = text.charCodeAt(end);
          if (ch === 44 || ch === 10 || ch === 13) break;
          if (ch === 34) return { ok: false, line, message: `a quote inside an unquoted field on line ${line}` };
          end++;
        }
        cell = text.slice(i, end);
        i = end;
      }
      record.push(cell);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      break;
    }
    records.push(record);
    startLines.push(start);
    if (records.length > maxRecords)
      return { ok: true, records: records.slice(0, maxRecords), startLines: startLines.slice(0, maxRecords), stoppedAtLine: start };
  }
  return { ok: true, records, startLines };
}
