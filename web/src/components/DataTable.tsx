import type { ComponentChildren } from "preact";
import { saveText } from "../lib/download.ts";
import { type Cell, fileSlug, type Row, toCsv, toJson } from "../lib/table-export.ts";

export interface Column {
  key: string;
  header: string;
  /** How a cell is shown; the CSV and JSON always carry the raw value. */
  show?: (v: Cell, row: Row) => ComponentChildren;
  numeric?: boolean;
}

export interface TableSpec {
  title: string;
  columns: Column[];
  rows: Row[];
  /** Base of the downloaded file names (default: from the title). */
  file?: string;
  /** CSV column order, when it differs from the shown columns (e.g. the API's). */
  csvColumns?: string[];
  caption?: ComponentChildren;
}

export function TableDownloads({ spec }: { spec: TableSpec }) {
  const base = spec.file ?? fileSlug(spec.title);
  const cols = spec.csvColumns ?? spec.columns.map((c) => c.key);
  return (
    <span class="downloads">
      <button type="button" class="btn-small" onClick={() => saveText(toCsv(cols, spec.rows), `${base}.csv`, "text/csv")}>
        CSV<span class="sr-only"> of {spec.title}</span>
      </button>
      <button
        type="button"
        class="btn-small"
        onClick={() =>
          saveText(toJson(spec.rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])))), `${base}.json`, "application/json")
        }
      >
        JSON<span class="sr-only"> of {spec.title}</span>
      </button>
    </span>
  );
}

export function DataTable({ spec, compact = false, id }: { spec: TableSpec; compact?: boolean; id?: string }) {
  return (
    <div class={`table-wrap${compact ? " compact" : ""}`} id={id}>
      <table>
        <caption>
          {spec.caption ?? spec.title} <TableDownloads spec={spec} />
        </caption>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th scope="col" key={c.key} class={c.numeric ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((r, i) => (
            <tr key={i}>
              {spec.columns.map((c) => (
                <td key={c.key} class={c.numeric ? "num" : undefined}>
                  {c.show ? c.show(r[c.key], r) : (r[c.key] ?? "–")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
