/**
 * Tables leave the dashboard as CSV and JSON. The CSV follows RFC 4180 and the API's conventions:
 * numbers as JavaScript prints them (full precision), absent values as empty cells (never 0), and
 * quotes only around fields that hold a comma, a quote or a line break.
 */
export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

export { csvField, toCsv } from "../../../src/core/published-table/csv.ts";

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
