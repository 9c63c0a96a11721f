import type { Context } from "hono";
import { toCsv as csvOf } from "../core/published-table/csv.ts";
import { writeWorkbook } from "../data/workbook/xlsx-writer.ts";
import { ApiError } from "./api-error.ts";

export type Cell = string | number | boolean | null;

/** A table an endpoint returns: the same rows as JSON, CSV or XLSX. */
export interface Table {
  name: string;
  columns: string[];
  /** Objects keyed by column; keys not in `columns` appear only in JSON. */
  rows: readonly object[];
}

export type TabularFormat = "json" | "csv" | "xlsx";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `?format=` wins; otherwise the Accept header; otherwise JSON. */
export function negotiate(c: Context): TabularFormat {
  const q = c.req.query("format");
  if (q !== undefined) {
    if (q === "json" || q === "csv" || q === "xlsx") return q;
    throw new ApiError(400, "invalid", `format: "${q}" is not one of json, csv, xlsx`, "format");
  }
  const accept = c.req.header("accept") ?? "";
  if (accept.includes("text/csv")) return "csv";
  if (accept.includes(XLSX_TYPE)) return "xlsx";
  return "json";
}

export function toCsv(t: Table): string {
  return csvOf(t.columns, t.rows);
}

/** The table as a one-sheet workbook, built in pieces so the event loop stays free (see `xlsx-writer.ts`). */
export function toXlsx(t: Table): Promise<Uint8Array> {
  return writeWorkbook({
    sheetName: t.name,
    columns: t.columns,
    rows: (function* () {
      for (const r of t.rows) yield t.columns.map((k) => (r as Record<string, Cell>)[k] ?? null);
    })(),
  });
}

/** Encodes a table in the negotiated format. `extra` goes into the JSON envelope only. */
export async function encodeTable(
  t: Table,
  format: TabularFormat,
  extra: Record<string, unknown> = {},
): Promise<{ body: string | Uint8Array; type: string }> {
  if (format === "csv") return { body: toCsv(t), type: "text/csv; charset=utf-8" };
  if (format === "xlsx") return { body: await toXlsx(t), type: XLSX_TYPE };
  return { body: JSON.stringify({ ...extra, [t.name]: t.rows }), type: "application/json; charset=utf-8" };
}
