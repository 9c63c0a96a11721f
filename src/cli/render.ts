import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";
import { createColors } from "picocolors";
import type { Cell, Column, Report, ReportTable } from "./report.ts";

export type Format = "table" | "csv" | "json";
export const FORMATS: readonly Format[] = ["table", "csv", "json"];

const formatNumber = (v: number, decimals: number) =>
  v.toLocaleString("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

function cellText(col: Column, row: Record<string, Cell>): string {
  const v = row[col.key];
  if (v === null || v === undefined) return "–";
  const decimals = col.decimalsKey ? Number(row[col.decimalsKey] ?? 2) : (col.decimals ?? 2);
  let text = typeof v === "number" ? formatNumber(v, decimals) : String(v);
  if (col.estimateKey) {
    const flag = row[col.estimateKey];
    if (flag === "estimate") text += "e";
    else if (flag === "uncertain") text += "?";
  }
  return text;
}

function renderTable(t: ReportTable, colour: boolean): string {
  const c = createColors(colour);
  const cols = t.columns.filter((col) => !col.machineOnly);
  const table = new Table({
    head: cols.map((col) => c.bold(col.header)),
    colAligns: cols.map((col) => col.align ?? "left"),
    style: { head: [], border: [], compact: true },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const row of t.rows) {
    table.push(
      cols.map((col) => {
        const text = cellText(col, row);
        if (!colour) return text;
        if (text === "met" || text === "yes") return c.green(text);
        if (text === "below" || text === "no") return c.red(text);
        if (text === "n/a" || text === "–") return c.dim(text);
        return text;
      }),
    );
  }
  return `${t.title ? `${c.bold(t.title)}\n` : ""}${table.toString()}\n`;
}

/** Renders a report: tables for people (colour only on a TTY), CSV of the first table, or JSON of everything. */
export function renderReport(report: Report, format: Format, colour: boolean): string {
  if (format === "json") {
    const visible = (r: Record<string, Cell>) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith("_")));
    const tables = Object.fromEntries(report.tables.map((t) => [t.name, t.rows.map(visible)]));
    return `${JSON.stringify({ ...tables, ...report.json, notes: report.notes, sources: report.sources }, null, 2)}\n`;
  }
  if (format === "csv") {
    const t = report.tables[0];
    if (!t) return "";
    return stringify(
      t.rows.map((r) => t.columns.map((col) => r[col.key] ?? "")),
      { header: true, columns: t.columns.map((col) => col.key), cast: { boolean: (b) => String(b) } },
    );
  }
  const c = createColors(colour);
  const parts = report.tables.map((t) => renderTable(t, colour));
  if (report.notes.length) parts.push(report.notes.map((n) => c.dim(n)).join("\n") + "\n");
  if (report.sources.length)
    parts.push(c.dim(`Sources:\n${report.sources.map((s) => `  [${s.id}] ${s.title}${s.url ? ` <${s.url}>` : ""}`).join("\n")}`) + "\n");
  return parts.join("\n");
}
