import type { Context } from "hono";
import { toCsv as csvOf } from "../core/published-table/csv.ts";
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

export async function toXlsx(t: Table): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.name.slice(0, 31));
  ws.addRow(t.columns);
  for (const r of t.rows) ws.addRow(t.columns.map((k) => (r as Record<string, Cell>)[k] ?? null));
  ws.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
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
