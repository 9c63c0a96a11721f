/**
 * The one CSV writer: the API, the CLI and the dashboard all write CSV through it.
 *
 * RFC 4180: fields holding a comma, a quote or a line break are quoted, quotes doubled; lines end in
 * "\n". Absent values (null, undefined, NaN, ±Infinity) are empty cells, never 0 and never "NaN".
 *
 * Spreadsheets execute a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula, so a label imported from a hostile file could run in a reader's Excel (OWASP, "CSV
 * injection"). Such text cells are prefixed with a single quote. Numbers are written as numbers: a
 * negative value stays `-3.1`, and so does a text cell that is exactly a decimal number.
 */
export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A text cell that a spreadsheet would not run as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvField(v: CsvCell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = typeof v === "boolean" ? String(v) : neutraliseFormula(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: readonly CsvCell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) line += (i ? "," : "") + csvField(cells[i]);
  return `${line}\n`;
}

/** A header line of `columns`, then one line per row taking each column's key. */
export function toCsv(columns: readonly string[], rows: readonly object[]): string {
  let out = csvLine(columns);
  for (const r of rows) out += csvLine(columns.map((k) => (r as Record<string, CsvCell>)[k]));
  return out;
}
