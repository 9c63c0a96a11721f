import { MILLIONS_DECIMALS, PCT_DECIMALS, publishedValue } from "../published-precision.ts";

/**
 * A published table declared once: its columns' machine names, people's headers, units, published
 * decimals, estimate flags and descriptions. JSON, CSV and XLSX (the API), the CLI's table and CSV,
 * the dashboard's `DataTable` and the OpenAPI answer schema are all derived from it, so that a
 * column cannot mean one thing in the API and another in the CLI.
 */
export type Cell = string | number | boolean | null;
export type ColumnType = "text" | "year" | "integer" | "number" | "boolean" | "flag";

export interface PublishedColumn {
  /** Stable machine name: the JSON key and the CSV header. */
  key: string;
  /** Header for people (CLI table, dashboard). */
  header: string;
  type: ColumnType;
  /** Unit of a number ("% of GDP", "million US dollars, current prices"); null for text. */
  unit?: string;
  /**
   * Decimals the number is published at in every form. Omitted: as the source gives it (a NATO or
   * SIPRI cell is passed on unchanged). Derived figures always state it, so float noise never leaves.
   */
  decimals?: number;
  /** Decimals in the people's table, when fewer than the published ones. */
  displayDecimals?: number;
  /** Key of the sibling column holding this value's estimate flag. */
  estimateKey?: string;
  description: string;
  /** Shown in CSV and JSON only, not in the people's table (flags, codes). */
  machineOnly?: boolean;
  /** The closed list of values of a text column, documented in the OpenAPI schema. */
  values?: readonly string[];
  /** Long prose (terms of reuse): the people's table wraps it at this many characters. */
  wrapAt?: number;
  /** People's words for some values in the CLI and dashboard tables (machines get the values). */
  labels?: Readonly<Record<string, string>>;
}

export interface PublishedTableSpec {
  /** The JSON key of the rows and the XLSX sheet name. */
  name: string;
  description: string;
  columns: readonly PublishedColumn[];
}

export type PublishedRow = Record<string, Cell>;

/** A flag column for the estimate marker of `of`. */
export const flagColumn = (key: string, of: string): PublishedColumn => ({
  key,
  header: "",
  type: "flag",
  description: `the source's flag for ${of}: reported, estimate, uncertain or not_flagged; empty where the value is absent`,
  values: ["reported", "estimate", "uncertain", "not_flagged"],
  machineOnly: true,
});

/**
 * Rows as published: numbers rounded to their column's decimals (half away from zero), non-finite
 * numbers made absent, columns not in the spec dropped, missing ones null. Every adapter publishes
 * through this, never from the core's raw records.
 */
export function publishRows<R extends object = PublishedRow>(spec: PublishedTableSpec, records: readonly object[]): R[] {
  const cols = spec.columns;
  return records.map((r) => {
    const row: PublishedRow = {};
    for (const c of cols) {
      const v = (r as Record<string, unknown>)[c.key];
      row[c.key] = publishCell(c, v);
    }
    return row as R;
  });
}

function publishCell(c: PublishedColumn, v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    return c.decimals === undefined ? v : publishedValue(v, c.decimals);
  }
  if (typeof v === "string" || typeof v === "boolean") return v;
  throw new Error(`column ${c.key}: a ${typeof v} cannot be published`);
}

export const columnKeys = (spec: PublishedTableSpec): string[] => spec.columns.map((c) => c.key);

/** A percentage column: published to PCT_DECIMALS, shown to 2 decimals. `unit` says of what ("% of GDP"). */
export function percentColumn(key: string, header: string, unit: string, description: string, machineOnly = false): PublishedColumn {
  return { key, header, type: "number", unit, decimals: PCT_DECIMALS, displayDecimals: 2, description, machineOnly };
}

/** A column of millions of a currency: published to MILLIONS_DECIMALS, shown whole. */
export function millionsColumn(key: string, header: string, unit: string, description: string, machineOnly = false): PublishedColumn {
  return { key, header, type: "number", unit, decimals: MILLIONS_DECIMALS, displayDecimals: 0, description, machineOnly };
}
