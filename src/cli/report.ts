import type { PublishedTableSpec } from "../core/published-table/spec.ts";
import type { EstimateFlag } from "../model/observation.ts";

export type Cell = string | number | boolean | null;

export interface Column {
  /** Stable machine name: the CSV header and the JSON key. */
  key: string;
  /** Header shown to people in a table. */
  header: string;
  align?: "left" | "right";
  /** Decimals for numbers in the table view (CSV and JSON keep full precision). */
  decimals?: number;
  /** Key of a sibling cell holding the estimate flag, to mark the value in the table view. */
  estimateKey?: string;
  /** Key of a sibling cell holding the decimals for this row (rows of mixed measures); keys starting "_" never reach CSV/JSON. */
  decimalsKey?: string;
  /** A calendar year: printed as is, never as "2,024". */
  year?: boolean;
  /** Table view only: hide from the people's table (still in CSV/JSON). */
  machineOnly?: boolean;
  /** Table view only: people's words for some values. */
  labels?: Readonly<Record<string, string>>;
  /** Table view only: wrap the text at this many characters (long prose such as terms of reuse). */
  wrapAt?: number;
}

/** A column of millions of currency: whole millions in the people's table. */
export const moneyColumn = (key: string, header: string, machineOnly = false): Column => ({
  key,
  header,
  align: "right",
  decimals: 0,
  machineOnly,
});

/** A column of percentages (of GDP, or points of it): two decimals in the people's table unless told. */
export const pctColumn = (key: string, header: string, decimals = 2): Column => ({ key, header, align: "right", decimals });

export interface ReportTable {
  name: string;
  title?: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  /** Long tables for pipes (CSV, JSON) that the people's view summarises instead of printing. */
  machineOnly?: boolean;
}

/** What a command prints: one or more tables, notes for people, and the sources behind the numbers. */
export interface Report {
  tables: ReportTable[];
  notes: string[];
  sources: { id: string; title: string; url: string }[];
  /** Extra structured data for --format json only. */
  json?: Record<string, unknown>;
}

export const isEstimate = (f: EstimateFlag | null | undefined) => f === "estimate" || f === "uncertain";

/** The people's columns of a published table, from its one spec: headers, decimals, estimate markers. */
export function specColumns(spec: PublishedTableSpec, headers: Record<string, string> = {}): Column[] {
  return spec.columns.map((c) => {
    const numeric = c.type === "number" || c.type === "integer";
    const col: Column = { key: c.key, header: headers[c.key] ?? c.header };
    if (numeric) {
      col.align = "right";
      col.decimals = c.type === "integer" ? 0 : (c.displayDecimals ?? c.decimals ?? 2);
    }
    if (c.type === "year") col.year = true;
    if (c.labels) col.labels = c.labels;
    if (c.wrapAt) col.wrapAt = c.wrapAt;
    if (c.estimateKey) col.estimateKey = c.estimateKey;
    if (c.machineOnly || !col.header) col.machineOnly = true;
    return col;
  });
}
