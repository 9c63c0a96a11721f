import { createRequire } from "node:module";
import type TableType from "cli-table3";
import { createColors } from "picocolors";
import { toCsv } from "../core/published-table/csv.ts";
import type { Cell, Column, Report, ReportTable } from "./report.ts";

export type Format = "table" | "csv" | "json";
export const FORMATS: readonly Format[] = ["table", "csv", "json"];

// toLocaleString builds a formatter on every call (about 40 µs); one per number of decimals is kept.
const formatters = new Map<number, Intl.NumberFormat>();
const formatNumber = (v: number, decimals: number) => {
  let f = formatters.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(decimals, f);
  }
  return f.format(v);
};

function cellText(col: Column, row: Record<string, Cell>): string {
  const v = row[col.key];
  if (v === null || v === undefined) return "–";
  const decimals = col.decimalsKey ? Number(row[col.decimalsKey] ?? 2) : (col.decimals ?? 2);
  let text = typeof v === "number" && !col.year ? formatNumber(v, decimals) : String(v);
  if (col.estimateKey) {
    const flag = row[col.estimateKey];
    if (flag === "estimate") text += "e";
    else if (flag === "uncertain") text += "?";
  }
  return text;
}

// Loaded on first use: CSV and JSON output (pipes) should not pay for the table renderer at start-up.
let TableClass: typeof TableType | undefined;
const tableClass = () => {
  TableClass ??= createRequire(import.meta.url)("cli-table3") as typeof TableType;
  return TableClass;
};


function renderTable(t: ReportTable, colour: boolean): string {
  const c = createColors(colour);
  const Table = tableClass();
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
    return toCsv(
      t.columns.map((col) => col.key),
      t.rows,
    );
  }
  const c = createColors(colour);
  const parts = report.tables.filter((t) => !t.machineOnly).map((t) => renderTable(t, colour));
  if (report.notes.length) parts.push(`${report.notes.map((n) => c.dim(n)).join("\n")}\n`);
  if (report.sources.length)
    parts.push(`${c.dim(`Sources:\n${report.sources.map((s) => `  [${s.id}] ${s.title}${s.url ? ` <${s.url}>` : ""}`).join("\n")}`)}\n`);
  return parts.join("\n");
}
