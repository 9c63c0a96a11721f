/**
 * Tables leave the dashboard as CSV and JSON. The CSV follows RFC 4180 and the API's conventions:
 * numbers as JavaScript prints them (full precision), absent values as empty cells (never 0), and
 * quotes only around fields that hold a comma, a quote or a line break.
 */
export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export function csvField(v: Cell): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(","));
  return `${lines.join("\n")}\n`;
}

export function toJson(rows: readonly Row[]): string {
  return `${JSON.stringify(rows, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
}

/** A file name from a title: lower case, dashes, no punctuation. */
export function fileSlug(title: string): string {
  return (
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "pledge"
  );
}
