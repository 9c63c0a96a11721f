import type { PublishedTableSpec } from "../../../src/core/published-table/spec.ts";
import type { Column } from "../components/DataTable.tsx";
import { flagMark, fmt } from "./format.ts";

/**
 * The dashboard's columns of a published table, from its one spec (the same spec the API, the CSV
 * and the CLI use): people's headers, decimals, and the estimate marker of each value that has one.
 * Machine-only columns still reach the CSV and JSON downloads through `csvColumns`.
 */
export function specColumns(spec: PublishedTableSpec, headers: Record<string, string> = {}): Column[] {
  return spec.columns
    .filter((c) => !c.machineOnly && c.header)
    .map((c): Column => {
      const header = headers[c.key] ?? c.header;
      if (c.type === "number" || c.type === "integer") {
        const decimals = c.type === "integer" ? 0 : (c.displayDecimals ?? c.decimals ?? 2);
        const flag = c.estimateKey;
        return {
          key: c.key,
          header,
          numeric: true,
          show: (v, r) => `${fmt(v as number | null, decimals)}${flag ? flagMark(r[flag] as never) : ""}`,
        };
      }
      const labels = c.labels;
      return labels ? { key: c.key, header, show: (v) => (v === null ? "–" : (labels[String(v)] ?? String(v))) } : { key: c.key, header };
    });
}

/** Every column of the spec, in its order: what the CSV and JSON downloads carry. */
export const specCsvColumns = (spec: PublishedTableSpec): string[] => spec.columns.map((c) => c.key);
